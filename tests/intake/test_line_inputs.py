"""Reading the customer's inputs from order line metadata."""

from __future__ import annotations

import pytest

from saleor_podops.intake.line_inputs import read_line_inputs


def read(metadata: dict[str, str], **kwargs):  # type: ignore[no-untyped-def]
    return read_line_inputs(
        metadata,
        max_text_length=kwargs.get("max_text_length", 100),
        prohibited_words=kwargs.get("prohibited_words", []),
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('["upl_aaaaaaaaaa", "upl_bbbbbbbbbb"]', ["upl_aaaaaaaaaa", "upl_bbbbbbbbbb"]),
        ("upl_aaaaaaaaaa, upl_bbbbbbbbbb", ["upl_aaaaaaaaaa", "upl_bbbbbbbbbb"]),
        ("upl_aaaaaaaaaa,upl_aaaaaaaaaa", ["upl_aaaaaaaaaa"]),
        ("", []),
    ],
)
def test_upload_references_are_read_in_both_forms(raw: str, expected: list[str]) -> None:
    inputs = read({"podops.uploads": raw})

    assert inputs.upload_references == expected
    assert inputs.problems == []


def test_unreadable_references_and_options_are_reported() -> None:
    inputs = read({"podops.uploads": '["upl_x", 3', "podops.options": "[1]"})

    assert inputs.upload_references == []
    assert inputs.options == {}
    assert [(p.field, p.code) for p in inputs.problems] == [
        ("podops.uploads", "MALFORMED_INPUT"),
        ("podops.options", "MALFORMED_INPUT"),
    ]


def test_references_that_are_not_upload_references_are_not_found() -> None:
    inputs = read({"podops.uploads": "../../etc/passwd, upl_goodreference1"})

    assert inputs.upload_references == ["upl_goodreference1"]
    assert [p.code for p in inputs.problems] == ["UPLOAD_NOT_FOUND"]


def test_prohibited_words_match_whole_words_regardless_of_case() -> None:
    assert [
        p.code for p in read({"podops.text": "Scunthorpe"}, prohibited_words=["cunt"]).problems
    ] == []
    flagged = read({"podops.text": "Oh DARN it"}, prohibited_words=["darn", "heck"])
    assert [(p.code, p.message) for p in flagged.problems] == [
        ("PROHIBITED_WORDS", "The text contains: darn")
    ]


def test_text_over_the_limit_is_kept_and_reported() -> None:
    inputs = read({"podops.text": "x" * 11}, max_text_length=10)

    assert inputs.custom_text == "x" * 11
    assert [(p.code, p.message) for p in inputs.problems] == [
        ("TEXT_TOO_LONG", "The text has 11 characters; at most 10 are allowed")
    ]


def test_non_string_option_values_are_kept_as_json() -> None:
    inputs = read({"podops.options": '{"size": "Full", "copies": 2}'})

    assert inputs.options == {"size": "Full", "copies": "2"}
