"""QA after production, and reprints.

A line that needs QA (its product type's gate is on, or a spot check picked it) is checked once
the partner has printed it: pass, or fail with a defect reason (and an optional photo). A failed
line is reprinted: a new job at the same partner, linked to the first, printing the same approved
artwork version, counted per reason on the timeline. A manager can also reprint a line that the
partner failed or that came back."""

from __future__ import annotations

from django.db import transaction

from saleor_podops.artwork import files as artwork_files
from saleor_podops.artwork.error_codes import ArtworkError
from saleor_podops.artwork.incoming import IncomingFile, incoming_file_check
from saleor_podops.partners.models import PartnerKind, PrintPartner
from saleor_podops.production.models import EventType
from saleor_podops.production.timeline import record_event
from saleor_podops.workflow.actions import actor_of
from saleor_podops.workflow.transitions import Person

from .access import require_fulfiller, require_manager
from .dispatch import _schedule_dispatch
from .error_codes import FulfilmentError, FulfilmentErrorCode
from .events import job_attention_close
from .jobs import LineSpec, job_create
from .models import (
    DefectReason,
    DispatchState,
    JobAttention,
    JobLine,
    PartnerJob,
    QaCheck,
    QaResult,
    QaState,
)
from .printful_webhooks import printful_partners_lock, printful_store_holder
from .queue import fulfilment_settings_for
from .status import PRINTED_RANK

MAX_COMMENT_LENGTH = 2000


def _lock_line(line: JobLine) -> JobLine:
    PartnerJob.objects.select_for_update().filter(pk=line.job_id).first()
    return (
        JobLine.objects.select_for_update(of=("self",))
        .select_related("job__partner", "job__order", "item__order", "artwork_version")
        .get(pk=line.pk)
    )


def _check_ready(line: JobLine) -> None:
    if line.qa_state != QaState.REQUIRED:
        raise FulfilmentError(
            FulfilmentErrorCode.QA_NOT_REQUIRED,
            f"This line is {QaState(line.qa_state).label.lower()}; nothing to check",
        )
    if line.shipped_at is not None:
        raise FulfilmentError(FulfilmentErrorCode.ALREADY_SHIPPED, "The item has shipped")
    if line.job.partner_rank < PRINTED_RANK:
        raise FulfilmentError(
            FulfilmentErrorCode.QA_NOT_READY, "The partner has not reported it printed yet"
        )


def line_qa_pass(*, line: JobLine, person: Person, comment: str = "") -> JobLine:
    require_fulfiller(person)
    comment = comment.strip()[:MAX_COMMENT_LENGTH]
    with transaction.atomic():
        line = _lock_line(line)
        _check_ready(line)
        QaCheck.objects.create(
            installation_id=line.job.installation_id,
            line=line,
            result=QaResult.PASS,
            comment=comment,
            checked_by=person.user_id,
        )
        line.qa_state = QaState.PASSED
        line.save(update_fields=["qa_state"])
        record_event(
            order=line.item.order,
            item=line.item,
            type=EventType.QA_PASSED,
            actor=actor_of(person),
            comment=comment,
            data={"job": line.job_id, "line": line.pk, "spot_check": line.spot_check},
        )
    return line


def line_qa_fail(
    *,
    line: JobLine,
    person: Person,
    reason: DefectReason,
    comment: str = "",
    photo: IncomingFile | None = None,
) -> JobLine:
    """Fail QA and order the reprint; returns the reprint's line."""
    require_fulfiller(person)
    comment = comment.strip()[:MAX_COMMENT_LENGTH]
    if reason == DefectReason.OTHER and not comment:
        raise FulfilmentError(
            FulfilmentErrorCode.INVALID, "Say what is wrong when the reason is OTHER", "comment"
        )
    stored_key = ""
    if photo is not None:
        try:
            facts = incoming_file_check(photo)
        except ArtworkError as exc:
            raise FulfilmentError(FulfilmentErrorCode.INVALID, exc.message, "photo") from exc
        stored_key = artwork_files.store_local_file(
            photo.path, kind="qa", extension=facts.extension
        )
    try:
        with transaction.atomic():
            line = _lock_line(line)
            _check_ready(line)
            QaCheck.objects.create(
                installation_id=line.job.installation_id,
                line=line,
                result=QaResult.FAIL,
                defect_reason=reason,
                comment=comment,
                photo=stored_key,
                checked_by=person.user_id,
            )
            line.qa_state = QaState.FAILED
            line.save(update_fields=["qa_state"])
            record_event(
                order=line.item.order,
                item=line.item,
                type=EventType.QA_FAILED,
                actor=actor_of(person),
                reason_code=reason.value,
                comment=comment,
                data={"job": line.job_id, "line": line.pk, "photo": bool(stored_key)},
            )
            return _reprint(line=line, person=person, reason=reason, comment=comment)
    except BaseException:
        if stored_key:
            artwork_files.delete_quietly(stored_key)
        raise


def line_reprint(
    *, line: JobLine, person: Person, reason: DefectReason, comment: str = ""
) -> JobLine:
    """A manager reprints a line that came back (or was damaged on the way) from the same approved
    artwork version; not one that failed QA (reprinted already) nor one the partner failed (its
    item went back to the queue). When every returned line of a RETURNED job is reprinted, the job
    no longer waits for a manager."""
    require_manager(person)
    with transaction.atomic():
        line = _lock_line(line)
        if line.job.dispatch_state != DispatchState.SENT:
            raise FulfilmentError(FulfilmentErrorCode.JOB_NOT_SENT, "The job was never sent")
        if line.failed_at is not None:
            raise FulfilmentError(
                FulfilmentErrorCode.LINE_FAILED,
                "The partner failed this line: its item went back to the fulfilment queue",
            )
        reprint = _reprint(line=line, person=person, reason=reason, comment=comment.strip())
        job = line.job
        if job.attention == JobAttention.RETURNED and job.resolved_at is None:
            returned = JobLine.objects.filter(job=job, returned_at__isnull=False)
            if not returned.filter(reprinted_by__isnull=True).exists():
                job_attention_close(job=job, by=person.user_id, resolution="Reprinted")
        return reprint


def _reprint_partner(original: PartnerJob) -> PrintPartner:
    """The partner the reprint goes to (the first job's), locked: a change of its kind waits (it
    is refused while the partner has jobs in flight). A switched-off Printful partner points its
    store's webhooks at itself again for the reprint: refused while another partner of the
    installation uses that store (it would take the store's one webhook URL from it)."""
    if original.partner.kind == PartnerKind.PRINTFUL and not original.partner.is_active:
        printful_partners_lock(original.installation_id)
    partner = PrintPartner.objects.select_for_update().get(pk=original.partner_id)
    if partner.kind != PartnerKind.PRINTFUL or partner.is_active:
        return partner
    holder = printful_store_holder(partner)
    if holder is not None:
        raise FulfilmentError(
            FulfilmentErrorCode.PRINTFUL_STORE_IN_USE,
            f"{holder.name} uses the Printful store of {partner.name} (switched off) now, and "
            f"Printful sends a store's webhooks to one URL: a reprint at {partner.name} would "
            f"take them from {holder.name}. Reprint it by hand and resolve the job",
        )
    return partner


def _reprint(*, line: JobLine, person: Person, reason: DefectReason, comment: str) -> JobLine:
    if JobLine.objects.filter(reprint_of=line).exists():
        raise FulfilmentError(FulfilmentErrorCode.ALREADY_REPRINTED, "Reprinted already")
    original = line.job
    settings = fulfilment_settings_for(original.installation_id)
    partner = _reprint_partner(original)
    job = job_create(
        partner=partner,
        order=original.order,
        lines=[LineSpec(line.item, line.artwork_version, reprint_of=line)],
        settings=settings,
        reprint_of=original,
    )
    record_event(
        order=line.item.order,
        item=line.item,
        type=EventType.REPRINT_CREATED,
        actor=actor_of(person),
        reason_code=reason.value,
        comment=comment or f"Reprint of job {original.pk}",
        data={
            "job": job.pk,
            "reprint_of_job": original.pk,
            "reprint_of_line": line.pk,
            "artwork_version": line.artwork_version.number if line.artwork_version else None,
        },
    )
    if partner.kind != PartnerKind.MANUAL:
        _schedule_dispatch(job)
    return job.lines.get()
