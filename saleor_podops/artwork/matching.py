"""Matching artwork file names to production items, the way PodOps users name files.

An item's file-name stem is ``<order number> - <product> - <line index>[, <line properties>]``, e.g.
``1023 - Yellow Portrait - 1, LivingRoom,Full``; the customer's photo adds the name of the property it
came from (``... - Uploaded Images``), and artists keep that name or add their own suffix.

A name matches an item only when order number, product and line index all agree (and the line
properties, when the name has them). Tolerated: directories, a known extension, case, repeated or
missing spaces around separators, and copy suffixes such as ``(1)``. Anything else is refused rather
than guessed: a name that fits no item is NO_MATCH, one that fits several is AMBIGUOUS.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the matcher itself is pure Python; only the helpers read items
    from saleor_podops.production.models import ProductionItem

_KNOWN_EXTENSIONS = frozenset(
    {"jpg", "jpeg", "jpe", "jfif", "png", "tif", "tiff", "webp", "heic", "heif", "psd", "pdf"}
)
_COPY_SUFFIX = re.compile(r"\s*\(\d{1,3}\)$")
_SEPARATOR = re.compile(r"\s+[-\u2010-\u2015]\s*|\s*[-\u2010-\u2015]\s+")
_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s+")
_ORDER_PREFIX = re.compile(r"^#?([0-9a-z]+) - (.+)$")


def normalise_name(name: str) -> str:
    """The comparable form of a file name or stem."""
    text = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem, dot, extension = text.rpartition(".")
    if dot and stem and extension.lower() in _KNOWN_EXTENSIONS:
        text = stem
    while True:
        stripped = _COPY_SUFFIX.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = _SPACES.sub(" ", text.casefold()).strip()
    text = _SEPARATOR.sub(" - ", text)
    return _COMMA.sub(",", text)


def item_line_properties(*, options: dict[str, str], variant_name: str) -> list[str]:
    """The line properties in a file name: the option values in the storefront's order, then the
    variant name; blanks and repeats left out."""
    seen: set[str] = set()
    properties = []
    for value in [*options.values(), variant_name]:
        value = str(value).strip()
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            properties.append(value)
    return properties


def file_stem(
    *,
    order_number: str,
    product_name: str,
    line_index: int,
    options: dict[str, str],
    variant_name: str,
) -> str:
    stem = f"{order_number} - {product_name} - {line_index}"
    properties = item_line_properties(options=options, variant_name=variant_name)
    return f"{stem}, {','.join(properties)}" if properties else stem


def item_file_stem(item: ProductionItem) -> str:
    """ "Name your file like this": what the dashboard shows for an item."""
    return file_stem(
        order_number=item.order.number,
        product_name=item.product_name,
        line_index=item.line_index,
        options=item.options,
        variant_name=item.variant_name,
    )


@dataclass(frozen=True)
class MatchCandidate:
    item_id: int
    order_number: str
    product_name: str
    line_index: int
    properties: tuple[str, ...]

    @classmethod
    def of(cls, item: ProductionItem) -> MatchCandidate:
        return cls(
            item_id=item.pk,
            order_number=item.order.number,
            product_name=item.product_name,
            line_index=item.line_index,
            properties=tuple(
                item_line_properties(options=item.options, variant_name=item.variant_name)
            ),
        )


class MatchOutcome(StrEnum):
    MATCHED = "MATCHED"
    NO_MATCH = "NO_MATCH"
    AMBIGUOUS = "AMBIGUOUS"


@dataclass(frozen=True)
class NameMatch:
    outcome: MatchOutcome
    item_id: int | None
    message: str


@dataclass(frozen=True)
class _Prepared:
    candidate: MatchCandidate
    prefix: str  # "<product> - <index>", normalised
    properties: str  # ",".join(properties), normalised
    property_set: tuple[str, ...]


def order_number_in(file_name: str) -> str | None:
    """The order number a file name starts with, if it starts like a stem at all."""
    found = _ORDER_PREFIX.match(normalise_name(file_name))
    return found.group(1) if found else None


class MatchIndex:
    """Candidates grouped by normalised order number, so a batch costs one dict look-up per file."""

    def __init__(self, candidates: Iterable[MatchCandidate]) -> None:
        self._by_order: dict[str, list[_Prepared]] = defaultdict(list)
        for candidate in candidates:
            properties = [normalise_name(p) for p in candidate.properties]
            self._by_order[normalise_name(candidate.order_number).lstrip("#")].append(
                _Prepared(
                    candidate=candidate,
                    prefix=f"{normalise_name(candidate.product_name)} - {candidate.line_index}",
                    properties=",".join(properties),
                    property_set=tuple(sorted(properties)),
                )
            )

    def match(self, file_name: str) -> NameMatch:
        name = normalise_name(file_name)
        found = _ORDER_PREFIX.match(name)
        if found is None:
            return NameMatch(
                MatchOutcome.NO_MATCH,
                None,
                "The name does not start with '<order number> - <product> - <line>'",
            )
        order_number, rest = found.groups()
        prepared = self._by_order.get(order_number)
        if not prepared:
            return NameMatch(
                MatchOutcome.NO_MATCH, None, f"No open item of order {order_number} fits this name"
            )
        matched = [p.candidate for p in prepared if _fits(p, rest)]
        if not matched:
            return NameMatch(
                MatchOutcome.NO_MATCH,
                None,
                f"No item of order {order_number} has this product, line and properties",
            )
        if len(matched) > 1:
            return NameMatch(
                MatchOutcome.AMBIGUOUS,
                None,
                f"The name fits {len(matched)} items: "
                + ", ".join(f"#{c.order_number}-{c.line_index} {c.product_name}" for c in matched),
            )
        return NameMatch(MatchOutcome.MATCHED, matched[0].item_id, "")


def _fits(prepared: _Prepared, rest: str) -> bool:
    """Whether ``rest`` (the name after '<order> - ') is this item's product and line, followed by
    nothing, a ' - suffix', or the item's own line properties."""
    if not rest.startswith(prepared.prefix):
        return False
    tail = rest[len(prepared.prefix) :]
    if tail == "" or tail.startswith(" - "):
        return True
    if not tail.startswith(",") or not prepared.properties:
        return False
    tail = tail[1:]
    if tail == prepared.properties or tail.startswith(prepared.properties + " - "):
        return True
    # The same properties in another order
    given = tail.split(" - ", 1)[0]
    return tuple(sorted(given.split(","))) == prepared.property_set
