"""Artwork versions: an artist's file for an item, checked for print and kept immutable."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from saleor_podops.production.models import EventType, ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.workflow.actions import WorkflowRefused, artwork_submit
from saleor_podops.workflow.error_codes import WorkflowErrorCode
from saleor_podops.workflow.transitions import Person

from . import files, tasks
from .error_codes import ArtworkError, ArtworkErrorCode
from .imaging import ImageFacts, PrintCheck, Resolution, print_check
from .incoming import IncomingFile, incoming_file_check
from .models import ArtworkVersion
from .print_specs import print_size_for

# Item ids -> the Saleor user id of whoever holds each item now (items nobody holds are left out).
AssigneeLookup = Callable[[Collection[int]], dict[int, str]]


@dataclass(frozen=True)
class ArtworkUploader:
    """Who uploads artwork. Managers may upload for any item in the artwork stage; everyone else only
    for the items they hold (``assignees`` says who holds what: the staff package knows)."""

    actor: Actor
    is_manager: bool
    assignees: AssigneeLookup
    person: Person | None = None  # the workflow's view of them: needed to submit

    def refusal_for(self, item: ProductionItem, assignee: str | None) -> ArtworkError | None:
        if not self.is_manager and (not assignee or assignee != self.actor.id):
            return ArtworkError(
                ArtworkErrorCode.NOT_ASSIGNED_TO_YOU, "This item is not assigned to you"
            )
        if item.stage != Stage.ARTWORK:
            return ArtworkError(
                ArtworkErrorCode.NOT_IN_ARTWORK_STAGE,
                f"The item is in {Stage(item.stage).label}, not in Artwork",
            )
        return None


def artwork_file_check(
    *, item: ProductionItem, incoming: IncomingFile
) -> tuple[ImageFacts, PrintCheck]:
    """The file checks and print checks of an artwork file; refusals are FILE_INVALID."""
    try:
        facts = incoming_file_check(incoming)
    except ArtworkError as exc:
        raise ArtworkError(ArtworkErrorCode.FILE_INVALID, exc.message) from exc
    size = print_size_for(
        installation_id=item.installation_id, product_type_slug=item.product_type_slug
    )
    check = print_check(facts=facts, digest=incoming.digest, size=size)
    if check.resolution == Resolution.TOO_LOW:
        raise ArtworkError(
            ArtworkErrorCode.FILE_INVALID,
            f"The artwork prints at {check.effective_dpi} DPI at {check.print_width_in} x "
            f"{check.print_height_in} in; at least {check.min_dpi} DPI is needed",
        )
    return facts, check


def _submit(item: ProductionItem, uploader: ArtworkUploader) -> None:
    """Hand the item on (the workflow's SUBMIT_ARTWORK: QC, approval or fulfilment by the flow)."""
    if uploader.person is None:
        raise ValueError("Submitting artwork needs the uploader's workflow person")
    try:
        artwork_submit(item=item, person=uploader.person)
    except WorkflowRefused as exc:
        code = (
            ArtworkErrorCode.NOT_IN_ARTWORK_STAGE
            if exc.refusal.code == WorkflowErrorCode.INVALID_STAGE
            else ArtworkErrorCode.NOT_ASSIGNED_TO_YOU
        )
        raise ArtworkError(code, exc.refusal.message) from exc


def artwork_version_create(
    *,
    item: ProductionItem,
    incoming: IncomingFile,
    uploader: ArtworkUploader,
    submit: bool = False,
) -> ArtworkVersion:
    """Check the file, store it, and add it as the item's next version (and, with ``submit``, hand
    the item on). One transaction; a refusal (``ArtworkError``) leaves no row, no file and no
    timeline event behind."""
    refusal = uploader.refusal_for(item, uploader.assignees([item.pk]).get(item.pk))
    if refusal is not None:
        raise refusal
    facts, check = artwork_file_check(item=item, incoming=incoming)
    key = files.store_local_file(incoming.path, kind="artwork", extension=facts.extension)
    try:
        with transaction.atomic():
            locked = (
                ProductionItem.objects.select_for_update().select_related("order").get(pk=item.pk)
            )
            # Again under the lock: the item may have moved on or changed hands meanwhile.
            refusal = uploader.refusal_for(locked, uploader.assignees([locked.pk]).get(locked.pk))
            if refusal is not None:
                raise refusal
            last = ArtworkVersion.objects.filter(item=locked).aggregate(last=Max("number"))["last"]
            version = ArtworkVersion.objects.create(
                installation_id=locked.installation_id,
                item=locked,
                number=(last or 0) + 1,
                file=key,
                original_name=incoming.name[:255],
                content_type=facts.content_type,
                image_format=facts.format,
                size_bytes=incoming.digest.size_bytes,
                sha256=incoming.digest.sha256,
                width=facts.display_size[0],
                height=facts.display_size[1],
                uploaded_by_type=uploader.actor.type,
                uploaded_by_id=uploader.actor.id,
                print_check=check.as_dict(),
            )
            record_event(
                order=locked.order,
                item=locked,
                type=EventType.FILE_ADDED,
                actor=uploader.actor,
                reason_code="ARTWORK_UPLOADED",
                comment=f"Artwork version {version.number} uploaded ({incoming.name[:200]})",
                data={
                    "version": version.number,
                    "resolution": check.resolution,
                    "effective_dpi": check.effective_dpi,
                },
            )
            if submit:
                _submit(locked, uploader)
            transaction.on_commit(lambda: tasks.generate_derivatives.delay("artwork", version.pk))
    except BaseException:
        files.delete_quietly(key)
        raise
    return version
