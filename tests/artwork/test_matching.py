"""File names matched to items: what people really type matches, nothing can pick the wrong order."""

from __future__ import annotations

import pytest

from saleor_podops.artwork.matching import (
    MatchCandidate,
    MatchIndex,
    MatchOutcome,
    file_stem,
    item_file_stem,
    normalise_name,
    order_number_in,
)

from .conftest import MakeItem

ITEMS = [
    MatchCandidate(1, "1023", "Yellow Portrait", 1, ("LivingRoom", "Full")),
    MatchCandidate(2, "1023", "Yellow Portrait", 2, ("Bedroom", "Full")),
    MatchCandidate(3, "1023", "Pet Mug", 3, ()),
    MatchCandidate(4, "1024", "Yellow Portrait", 1, ("LivingRoom", "Full")),
    MatchCandidate(5, "1025", "T-Shirt - Kids", 1, ("Red",)),
    MatchCandidate(6, "1026", "Canvas", 1, ()),
    MatchCandidate(7, "1026", "Canvas - 1", 2, ()),
    MatchCandidate(8, "10230", "Yellow Portrait", 1, ()),
]
INDEX = MatchIndex(ITEMS)
NOT_A_STEM = "The name does not start with '<order number> - <product> - <line>'"
NO_ITEM_1023 = "No item of order 1023 has this product, line and properties"


@pytest.mark.parametrize(
    ("file_name", "item_id"),
    [
        ("1023 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images.jpg", 1),
        ("1023 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images", 1),
        ("1023 - Yellow Portrait - 1, LivingRoom,Full.png", 1),
        ("1023 - Yellow Portrait - 1.png", 1),
        ("1023 - Yellow Portrait - 1 - final.tif", 1),
        ("1023 - yellow portrait - 1, livingroom,full - uploaded images.JPG", 1),
        ("1023  -  Yellow   Portrait - 1,  LivingRoom , Full - Uploaded Images.jpeg", 1),
        ("1023 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images (1).jpg", 1),
        ("1023 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images(2).jpg", 1),
        ("1023 - Yellow Portrait - 1 (3) (1).png", 1),
        ("1023 - Yellow Portrait - 1, Full,LivingRoom - Uploaded Images.jpg", 1),
        ("#1023 - Yellow Portrait - 1.png", 1),
        ("1023- Yellow Portrait -1, LivingRoom,Full.png", 1),
        ("C:\\Users\\artist\\Desktop\\1023 - Yellow Portrait - 1.png", 1),
        ("done/1023 - Yellow Portrait - 1.png", 1),
        ("1023 \u2013 Yellow Portrait \u2013 1.png", 1),  # en dashes from a word processor
        ("1023 - Yellow Portrait - 2, Bedroom,Full - Uploaded Images.jpg", 2),
        ("1023 - Pet Mug - 3 - Uploaded Images.jpg", 3),
        ("1024 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images.jpg", 4),
        ("1025 - T-Shirt - Kids - 1, Red.png", 5),
        ("1025 - t-shirt - kids - 1.png", 5),
        ("1026 - Canvas - 1.png", 6),
        ("10230 - Yellow Portrait - 1.png", 8),
    ],
)
def test_names_people_really_use_match_their_item(file_name: str, item_id: int) -> None:
    match = INDEX.match(file_name)
    assert (match.outcome, match.item_id, match.message) == (MatchOutcome.MATCHED, item_id, "")


@pytest.mark.parametrize(
    ("file_name", "message"),
    [
        ("1023 artwork.png", NOT_A_STEM),
        ("artwork 1023.png", NOT_A_STEM),
        (
            "Yellow Portrait - 1.png",
            NOT_A_STEM,
        ),
        ("Portrait - 1.png", "No open item of order portrait fits this name"),
        (
            "Order 1023 - Yellow Portrait - 1.png",
            NOT_A_STEM,
        ),
        ("1023.png", NOT_A_STEM),
        (
            "1023 - Yellow Portrait.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portrait - 4.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portrait - 12.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portrait - 1a.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portrait - 1 copy.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portraits - 1.png",
            NO_ITEM_1023,
        ),
        ("1023 - Pet Mug - 1.png", NO_ITEM_1023),
        (
            "1023 - Yellow Portrait - 3.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portrait - 1, Bedroom,Full.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portrait - 1, LivingRoom.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Yellow Portrait - 1, LivingRoom,Full,Extra.png",
            NO_ITEM_1023,
        ),
        (
            "1023 - Pet Mug - 3, Blue.png",
            NO_ITEM_1023,
        ),
        ("102 - Yellow Portrait - 1.png", "No open item of order 102 fits this name"),
        ("11023 - Yellow Portrait - 1.png", "No open item of order 11023 fits this name"),
        ("1027 - Yellow Portrait - 1.png", "No open item of order 1027 fits this name"),
        (
            "1023_Yellow Portrait_1.png",
            NOT_A_STEM,
        ),
        ("", NOT_A_STEM),
    ],
)
def test_names_that_could_pick_the_wrong_item_do_not_match(file_name: str, message: str) -> None:
    match = INDEX.match(file_name)
    assert (match.outcome, match.item_id, match.message) == (MatchOutcome.NO_MATCH, None, message)


def test_a_name_that_fits_two_items_is_ambiguous() -> None:
    index = MatchIndex(
        [
            MatchCandidate(1, "1023", "Yellow Portrait", 1, ()),
            MatchCandidate(9, "1023", "Yellow Portrait", 1, ()),  # the same number twice
        ]
    )
    match = index.match("1023 - Yellow Portrait - 1.png")
    assert (match.outcome, match.item_id) == (MatchOutcome.AMBIGUOUS, None)
    assert match.message == (
        "The name fits 2 items: #1023-1 Yellow Portrait, #1023-1 Yellow Portrait"
    )


def test_a_product_name_that_ends_like_a_line_index_is_ambiguous_not_guessed() -> None:
    # "Canvas" line 1 with the suffix "2", or "Canvas - 1" line 2: both readings fit
    match = INDEX.match("1026 - Canvas - 1 - 2.png")
    assert (match.outcome, match.item_id) == (MatchOutcome.AMBIGUOUS, None)
    assert INDEX.match("1026 - Canvas - 1.png").item_id == 6


def test_normalising_keeps_what_tells_items_apart() -> None:
    assert normalise_name("  1023 -  Yellow   Portrait - 1 ,LivingRoom, Full (1).JPG ") == (
        "1023 - yellow portrait - 1,livingroom,full"
    )
    assert normalise_name("T-Shirt.psd") == "t-shirt"
    assert normalise_name("1023 - Yellow.Portrait") == "1023 - yellow.portrait"
    assert order_number_in("#1023 - anything") == "1023"
    assert order_number_in("1023 artwork") is None


def test_the_stem_follows_the_podops_convention() -> None:
    assert (
        file_stem(
            order_number="1023",
            product_name="Yellow Portrait",
            line_index=1,
            options={"background": "LivingRoom", "empty": " "},
            variant_name="Full",
        )
        == "1023 - Yellow Portrait - 1, LivingRoom,Full"
    )
    assert (
        file_stem(order_number="7", product_name="Mug", line_index=2, options={}, variant_name="")
        == "7 - Mug - 2"
    )


@pytest.mark.django_db
def test_every_item_matches_its_own_stem_and_source_photo_name(make_item: MakeItem) -> None:
    items = [
        make_item(line_index=1),
        make_item(line_index=2, options={"background": "Bedroom", "frame": "Oak"}),
        make_item(line_index=3, product_name="Pet Mug", variant_name="", options={}),
    ]
    index = MatchIndex(MatchCandidate.of(item) for item in items)

    for item in items:
        stem = item_file_stem(item)
        assert index.match(stem).item_id == item.pk
        assert index.match(f"{stem} - Uploaded Images.jpg").item_id == item.pk
    assert item_file_stem(items[1]) == "1023 - Yellow Portrait - 2, Bedroom,Oak,Full"
