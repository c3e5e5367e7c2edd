"""Parcels: when one leaves, its items ship (through the workflow), and Saleor gets a fulfillment
for their lines with the tracking number (through the outbox), so Saleor's order status follows.
The customer hears of each shipment once: PodOps' "on its way" email, or, when that email is
switched off (or the order has no email), Saleor's own notification of the fulfillment. Several
parcels for one job keep all their numbers; a changed tracking number updates the Saleor
fulfillment. A line the partner failed never ships.

The reprint of a line that had shipped (it came back, or arrived damaged) ships without a second
Saleor fulfillment (Saleor counts the line fulfilled already): the fulfillment made for the line's
first shipment takes the reprint's tracking number instead (through the outbox, noted on the
timeline), and the customer's email has it. A Saleor fulfillment shows the newest shipment of its
lines: a late tracking change of an earlier parcel whose line has been reshipped since is kept on
the timeline but not sent to Saleor."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from saleor_podops.notifications.shipping import order_shipped_notify, podops_emails_shipments
from saleor_podops.partners.interface import ParcelReport
from saleor_podops.production.models import EventType
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import OutboxMessage
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.transitions import SYSTEM_PERSON

from .models import JobLine, Parcel, PartnerJob, QaState
from .queue import fulfilment_settings_for


def _shippable_lines(job: PartnerJob, references: Sequence[str]) -> list[JobLine]:
    lines = list(job.lines.select_related("item__order", "reprint_of").order_by("id"))
    if references:
        wanted = set(references)
        lines = [line for line in lines if line.reference in wanted]
    # A line that failed QA was reprinted: its reprint ships, not it. A line the partner failed
    # went back to the queue: it never ships from this job.
    return [line for line in lines if line.qa_state != QaState.FAILED and line.failed_at is None]


def _shipped_originals(line: JobLine) -> Iterator[JobLine]:
    """The lines ``line`` reprints (directly, or through a reprint of a reprint...) that had
    shipped, nearest first."""
    original = line.reprint_of
    while original is not None:
        if original.shipped_at is not None:
            yield original
        original = original.reprint_of


def _is_reship(line: JobLine) -> bool:
    """A reprint (of a reprint...) of a line that had shipped: Saleor fulfilled the line already."""
    return next(_shipped_originals(line), None) is not None


def _reshipped_later(line: JobLine) -> bool:
    """A reprint of ``line`` (or of its reprint...) has shipped since: its parcel is the newest."""
    later = JobLine.objects.filter(reprint_of=line).first()
    while later is not None:
        if later.shipped_at is not None:
            return True
        later = JobLine.objects.filter(reprint_of=later).first()
    return False


def _fulfilment_made_for(line: JobLine) -> OutboxMessage | None:
    """The outbox message that made the Saleor fulfillment holding ``line`` (its first parcel's,
    when that parcel made one with its Saleor line)."""
    parcels = line.parcels.filter(saleor_fulfilment__isnull=False).select_related(
        "saleor_fulfilment"
    )
    for parcel in parcels.order_by("id"):
        message = parcel.saleor_fulfilment
        if message is not None and line.item.saleor_line_id in message.payload.get("lines", {}):
            return message
    return None


def _reshipped_fulfilment(line: JobLine) -> OutboxMessage | None:
    """For a reship: the Saleor fulfillment its shipped original was fulfilled with (the first
    shipment's; a reprint that reshipped made none of its own)."""
    for original in _shipped_originals(line):
        message = _fulfilment_made_for(original)
        if message is not None:
            return message
    return None


def _saleor_tracking_follow(
    fulfilments: Sequence[OutboxMessage], tracking_number: str
) -> list[str]:
    """Give these Saleor fulfillments ``tracking_number`` (through the outbox); answers the
    numbers they had, for the timeline. One that was never made (its message failed, or Saleor
    had the lines fulfilled by other means) is left alone."""
    previous: list[str] = []
    for message in fulfilments:
        old = outbox.fulfilment_tracking_number(message)
        if old is None or old == tracking_number:
            continue
        outbox.enqueue_fulfilment_tracking(
            fulfilment_message=message, tracking_number=tracking_number
        )
        previous.append(old)
    return previous


def _saleor_change(previous: list[str], tracking_number: str) -> str:
    if not previous:
        return ""
    return f"; Saleor's fulfillment tracking {', '.join(previous)} -> {tracking_number}"


def parcel_record(
    *, job: PartnerJob, report: ParcelReport, occurred_at: datetime, actor: Actor
) -> bool:
    """Record one parcel (inside the caller's transaction, job locked). True when anything
    changed: a new parcel, or a newer tracking number for a known one."""
    key = report.parcel_id or report.tracking_number
    parcel = Parcel.objects.filter(job=job, key=key).first()
    if parcel is not None:
        return _tracking_update(parcel=parcel, report=report, occurred_at=occurred_at, actor=actor)
    lines = _shippable_lines(job, report.line_references)
    parcel = Parcel.objects.create(
        job=job,
        key=key,
        carrier=report.carrier,
        tracking_number=report.tracking_number,
        tracking_url=report.tracking_url,
        tracking_at=occurred_at,
    )
    parcel.lines.set(lines)
    newly = [line for line in lines if line.shipped_at is None]
    for line in newly:
        line.shipped_at = occurred_at
        line.save(update_fields=["shipped_at"])
        if line.item.stage == Stage.IN_PRODUCTION:
            workflow.item_ship(
                item=line.item,
                person=SYSTEM_PERSON,
                comment=f"Parcel {report.tracking_number} ({report.carrier})".strip(),
            )
    saleor_lines: dict[str, int] = {}
    reshipped: dict[int, OutboxMessage] = {}
    for line in newly:
        if _is_reship(line):
            fulfilment = _reshipped_fulfilment(line)
            if fulfilment is not None:
                reshipped[fulfilment.pk] = fulfilment
            continue
        saleor_lines[line.item.saleor_line_id] = (
            saleor_lines.get(line.item.saleor_line_id, 0) + line.quantity
        )
    if saleor_lines:
        settings = fulfilment_settings_for(job.installation_id)
        message = outbox.enqueue_order_fulfilment(
            installation=job.order.installation,
            order_id=job.order.saleor_order_id,
            lines=saleor_lines,
            tracking_number=report.tracking_number,
            fallback_warehouse_id=settings.fallback_warehouse_id,
            notify_customer=not podops_emails_shipments(job.order),
        )
        parcel.saleor_fulfilment = message
        parcel.save(update_fields=["saleor_fulfilment", "updated_at"])
    previous = _saleor_tracking_follow(list(reshipped.values()), report.tracking_number)
    data = _parcel_data(parcel, [line.item_id for line in lines])
    if previous:
        data["saleor_tracking_replaced"] = previous
    record_event(
        order=job.order,
        type=EventType.PARCEL_SHIPPED,
        actor=actor,
        comment=f"Parcel shipped: {report.carrier} {report.tracking_number}".strip()
        + _saleor_change(previous, report.tracking_number),
        data=data,
    )
    if newly:
        # The customer's "on its way" email (notifications), once per parcel, with its tracking.
        order_shipped_notify(
            order=job.order,
            shipment_key=f"parcel-{parcel.pk}",
            tracking_number=parcel.tracking_number,
            tracking_url=parcel.tracking_url,
            carrier=parcel.carrier,
        )
    return True


def _parcel_data(parcel: Parcel, item_ids: list[int]) -> dict[str, Any]:
    return {
        "job": parcel.job_id,
        "parcel": parcel.pk,
        "carrier": parcel.carrier,
        "tracking_number": parcel.tracking_number,
        "tracking_url": parcel.tracking_url,
        "items": item_ids,
    }


def _tracking_update(
    *, parcel: Parcel, report: ParcelReport, occurred_at: datetime, actor: Actor
) -> bool:
    if occurred_at <= parcel.tracking_at or (
        (parcel.tracking_number, parcel.carrier, parcel.tracking_url)
        == (report.tracking_number, report.carrier, report.tracking_url)
    ):
        return False
    old = parcel.tracking_number
    parcel.tracking_number = report.tracking_number
    parcel.carrier = report.carrier
    parcel.tracking_url = report.tracking_url
    parcel.tracking_at = occurred_at
    parcel.save(
        update_fields=["tracking_number", "carrier", "tracking_url", "tracking_at", "updated_at"]
    )
    previous: list[str] = []
    if old != report.tracking_number:
        previous = _saleor_tracking_follow(_tracked_fulfilments(parcel), report.tracking_number)
    data = _parcel_data(parcel, list(parcel.lines.values_list("item_id", flat=True)))
    if previous:
        data["saleor_tracking_replaced"] = previous
    record_event(
        order=parcel.job.order,
        type=EventType.PARCEL_SHIPPED,
        actor=actor,
        comment=f"Tracking changed: {old} -> {report.tracking_number}"
        + _saleor_change(previous, report.tracking_number),
        data=data,
    )
    return True


def _tracked_fulfilments(parcel: Parcel) -> list[OutboxMessage]:
    """The Saleor fulfillments that show this parcel's tracking: the one it made, or for a
    reprint's parcel the one its shipped original was fulfilled with; not one whose line has
    been reshipped since (the newer parcel's number stays)."""
    lines = list(parcel.lines.select_related("item", "reprint_of").order_by("id"))
    if any(_reshipped_later(line) for line in lines):
        return []
    if parcel.saleor_fulfilment is not None:
        return [parcel.saleor_fulfilment]
    found: dict[int, OutboxMessage] = {}
    for line in lines:
        fulfilment = _reshipped_fulfilment(line) if _is_reship(line) else None
        if fulfilment is not None:
            found[fulfilment.pk] = fulfilment
    return list(found.values())


def tracking_for_order(order_id: int) -> list[dict[str, str]]:
    """Every parcel of an order with its tracking (for the customer's shipped email and the UI)."""
    return [
        {
            "carrier": parcel.carrier,
            "tracking_number": parcel.tracking_number,
            "tracking_url": parcel.tracking_url,
        }
        for parcel in Parcel.objects.filter(job__order_id=order_id).order_by("id")
    ]
