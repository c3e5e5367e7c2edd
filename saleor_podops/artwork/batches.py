"""Batch artwork upload: many files in one request, each matched to its item by name.

The dry run (``artwork_batch_plan``) shows what would happen to every file; the real run
(``artwork_batch_upload``) attaches each matched file as a new version in its own transaction, so one
bad file never blocks the others and a refused file leaves nothing behind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from saleor_podops.production.models import OrderStatus, ProductionItem
from saleor_podops.saleor.models import Installation

from .error_codes import ArtworkError
from .imaging import PrintCheck
from .incoming import IncomingFile
from .matching import MatchCandidate, MatchIndex, MatchOutcome, item_file_stem, order_number_in
from .models import ArtworkVersion
from .versions import ArtworkUploader, artwork_file_check, artwork_version_create


class FileOutcome(StrEnum):
    MATCHED = "MATCHED"
    NO_MATCH = "NO_MATCH"
    AMBIGUOUS = "AMBIGUOUS"
    NOT_ASSIGNED_TO_YOU = "NOT_ASSIGNED_TO_YOU"
    NOT_IN_ARTWORK_STAGE = "NOT_IN_ARTWORK_STAGE"
    FILE_INVALID = "FILE_INVALID"


@dataclass(frozen=True)
class FileResult:
    """What happened (dry run: would happen) to one file. ``version`` is set when it was attached."""

    file_name: str
    outcome: FileOutcome
    message: str = ""
    item: ProductionItem | None = None
    expected_name: str = ""
    print_check: PrintCheck | None = None
    version: ArtworkVersion | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == FileOutcome.MATCHED


def _candidate_items(installation: Installation, file_names: Sequence[str]) -> list[ProductionItem]:
    numbers = {number for name in file_names if (number := order_number_in(name))}
    if not numbers:
        return []
    # Order numbers are compared case-insensitively; Saleor's are digits, so `in` on the raw
    # values is enough and uses the index.
    return list(
        ProductionItem.objects.select_related("order").filter(
            installation=installation,
            order__status=OrderStatus.OPEN,
            order__number__in=numbers,
        )
    )


def artwork_batch_plan(
    *, installation: Installation, file_names: Sequence[str], uploader: ArtworkUploader
) -> list[FileResult]:
    """Match every name and check the uploader may attach to the item; nothing is saved."""
    items = {item.pk: item for item in _candidate_items(installation, file_names)}
    index = MatchIndex(MatchCandidate.of(item) for item in items.values())
    matches = [index.match(name) for name in file_names]
    assignees = uploader.assignees([m.item_id for m in matches if m.item_id is not None])
    per_item = Counter(m.item_id for m in matches if m.item_id is not None)

    results = []
    for name, match in zip(file_names, matches, strict=True):
        if match.outcome != MatchOutcome.MATCHED or match.item_id is None:
            results.append(FileResult(name, FileOutcome(match.outcome.value), match.message))
            continue
        item = items[match.item_id]
        if per_item[item.pk] > 1:
            results.append(
                FileResult(
                    name,
                    FileOutcome.AMBIGUOUS,
                    f"{per_item[item.pk]} files of this batch match item "
                    f"#{item.order.number}-{item.line_index}; upload one at a time",
                    item=item,
                )
            )
            continue
        refusal = uploader.refusal_for(item, assignees.get(item.pk))
        if refusal is not None:
            results.append(
                FileResult(name, FileOutcome(refusal.code.value), refusal.message, item=item)
            )
            continue
        results.append(
            FileResult(name, FileOutcome.MATCHED, item=item, expected_name=item_file_stem(item))
        )
    return results


def artwork_batch_upload(
    *,
    installation: Installation,
    incoming: Sequence[IncomingFile],
    uploader: ArtworkUploader,
    dry_run: bool = False,
    submit: bool = False,
) -> list[FileResult]:
    """Plan the batch, check every matched file, and (unless ``dry_run``) attach each one (and,
    with ``submit``, hand its item on through the workflow)."""
    plan = artwork_batch_plan(
        installation=installation, file_names=[f.name for f in incoming], uploader=uploader
    )
    results = []
    for planned, file in zip(plan, incoming, strict=True):
        if not planned.ok or planned.item is None:
            results.append(planned)
            continue
        try:
            if dry_run:
                _, check = artwork_file_check(item=planned.item, incoming=file)
                results.append(_with(planned, print_check=check))
            else:
                version = artwork_version_create(
                    item=planned.item, incoming=file, uploader=uploader, submit=submit
                )
                results.append(_with(planned, version=version))
        except ArtworkError as exc:
            results.append(
                FileResult(
                    planned.file_name, FileOutcome(exc.code.value), exc.message, item=planned.item
                )
            )
    return results


def _with(
    planned: FileResult,
    *,
    print_check: PrintCheck | None = None,
    version: ArtworkVersion | None = None,
) -> FileResult:
    return FileResult(
        file_name=planned.file_name,
        outcome=planned.outcome,
        item=planned.item,
        expected_name=planned.expected_name,
        print_check=print_check,
        version=version,
    )
