"""The customer's inputs for an order line, read from the line's metadata.

The storefront writes them on the checkout line (Saleor copies checkout line metadata to the order
line): customer-controlled input, validated here. Keys:

- ``podops.uploads``: upload references, a JSON array (``["upl_..."]``) or comma separated.
- ``podops.text``: custom text printed on the product.
- ``podops.options``: a JSON object of option name -> value (``{"background": "LivingRoom"}``).

Problems are returned, not raised: they are recorded on the item and never fail the order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

UPLOADS_KEY = "podops.uploads"
TEXT_KEY = "podops.text"
OPTIONS_KEY = "podops.options"

MAX_UPLOADS_PER_LINE = 20
MAX_OPTIONS = 30
MAX_OPTION_LENGTH = 200
_REFERENCE = re.compile(r"^upl_[A-Za-z0-9_-]{8,60}$")


@dataclass(frozen=True)
class InputProblem:
    field: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


@dataclass
class LineInputs:
    upload_references: list[str] = field(default_factory=list)
    custom_text: str = ""
    options: dict[str, str] = field(default_factory=dict)
    problems: list[InputProblem] = field(default_factory=list)


def _parse_references(raw: str) -> list[str] | None:
    raw = raw.strip()
    if not raw:
        return []
    if raw.startswith("["):
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        return [v.strip() for v in value if v.strip()]
    return [part.strip() for part in raw.split(",") if part.strip()]


def _parse_options(raw: str) -> dict[str, str] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    return {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in value.items()}


def _prohibited_words_in(text: str, prohibited: list[str]) -> list[str]:
    lowered = text.casefold()
    return [
        word
        for word in prohibited
        if word.strip() and re.search(rf"\b{re.escape(word.strip().casefold())}\b", lowered)
    ]


def read_line_inputs(
    metadata: dict[str, str], *, max_text_length: int, prohibited_words: list[str]
) -> LineInputs:
    inputs = LineInputs()

    if UPLOADS_KEY in metadata:
        references = _parse_references(metadata[UPLOADS_KEY])
        if references is None:
            inputs.problems.append(
                InputProblem(UPLOADS_KEY, "MALFORMED_INPUT", "Upload references are not readable")
            )
        else:
            unique = list(dict.fromkeys(references))
            for reference in unique:
                if not _REFERENCE.match(reference):
                    inputs.problems.append(
                        InputProblem(
                            UPLOADS_KEY,
                            "UPLOAD_NOT_FOUND",
                            f"Upload {reference[:80]} does not exist",
                        )
                    )
            valid = [r for r in unique if _REFERENCE.match(r)]
            if len(valid) > MAX_UPLOADS_PER_LINE:
                inputs.problems.append(
                    InputProblem(
                        UPLOADS_KEY,
                        "TOO_MANY_UPLOADS",
                        f"At most {MAX_UPLOADS_PER_LINE} photos per line; the rest were ignored",
                    )
                )
            inputs.upload_references = valid[:MAX_UPLOADS_PER_LINE]

    text = metadata.get(TEXT_KEY, "")
    if text:
        if len(text) > max_text_length:
            inputs.problems.append(
                InputProblem(
                    TEXT_KEY,
                    "TEXT_TOO_LONG",
                    f"The text has {len(text)} characters; at most {max_text_length} are allowed",
                )
            )
        found = _prohibited_words_in(text, prohibited_words)
        if found:
            inputs.problems.append(
                InputProblem(
                    TEXT_KEY, "PROHIBITED_WORDS", f"The text contains: {', '.join(sorted(found))}"
                )
            )
        inputs.custom_text = text

    if OPTIONS_KEY in metadata:
        options = _parse_options(metadata[OPTIONS_KEY])
        if options is None:
            inputs.problems.append(
                InputProblem(OPTIONS_KEY, "MALFORMED_INPUT", "Options are not a JSON object")
            )
        else:
            too_long = [k for k, v in options.items() if len(k) + len(v) > MAX_OPTION_LENGTH]
            if len(options) > MAX_OPTIONS or too_long:
                inputs.problems.append(
                    InputProblem(OPTIONS_KEY, "MALFORMED_INPUT", "Too many or too long options")
                )
                options = {
                    k: v for k, v in list(options.items())[:MAX_OPTIONS] if k not in too_long
                }
            inputs.options = options
    return inputs
