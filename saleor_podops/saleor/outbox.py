"""Writes to Saleor, kept in the database until Saleor accepts them.

Domains call ``enqueue_*`` inside their transaction; a task flushes the outbox after commit (and beat
flushes it periodically), so a Saleor outage delays the writes but loses none.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone

from .client import SaleorPermanentError, SaleorTransientError
from .client.operations import (
    FulfillLine,
    add_order_note,
    fetch_order_fulfilment_state,
    fulfill_order,
    update_fulfillment_tracking,
    update_public_metadata,
)
from .installations import saleor_client_for
from .models import Installation, OutboxKind, OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # backoff doubles from 30 s: about a day and a half before giving up
BACKOFF_BASE_SECONDS = 30
METADATA_PREFIX = "podops."
CLAIM_LEASE = timedelta(minutes=2)  # longer than a send with its retries can take


def _schedule_flush() -> None:
    from .tasks import flush_outbox

    transaction.on_commit(flush_outbox.delay)


def enqueue_public_metadata(
    *, installation: Installation, object_id: str, items: dict[str, str]
) -> OutboxMessage:
    """Set PodOps' public metadata keys on a Saleor object. A pending write for the same object is
    merged into, so only the newest values travel."""
    for key, value in items.items():
        if not key.startswith(METADATA_PREFIX) or not isinstance(value, str):
            raise ValueError(f"Metadata must be namespaced strings, got {key!r}")
    coalesce_key = f"metadata:{object_id}"
    pending = (
        OutboxMessage.objects.select_for_update()
        .filter(
            installation=installation,
            coalesce_key=coalesce_key,
            status=OutboxStatus.PENDING,
            attempts=0,
            claimed_until__isnull=True,
        )
        .first()
    )
    if pending is not None:
        pending.payload = {**pending.payload, "items": {**pending.payload["items"], **items}}
        pending.save(update_fields=["payload", "updated_at"])
        message = pending
    else:
        message = OutboxMessage.objects.create(
            installation=installation,
            kind=OutboxKind.UPDATE_METADATA,
            saleor_object_id=object_id,
            coalesce_key=coalesce_key,
            payload={"items": items},
        )
    _schedule_flush()
    return message


def enqueue_order_note(*, installation: Installation, order_id: str, message: str) -> OutboxMessage:
    outbox_message = OutboxMessage.objects.create(
        installation=installation,
        kind=OutboxKind.ADD_ORDER_NOTE,
        saleor_object_id=order_id,
        payload={"message": message},
    )
    _schedule_flush()
    return outbox_message


def enqueue_order_fulfilment(
    *,
    installation: Installation,
    order_id: str,
    lines: dict[str, int],
    tracking_number: str,
    fallback_warehouse_id: str = "",
    notify_customer: bool = True,
) -> OutboxMessage:
    """Create a Saleor fulfillment for ``lines`` (order line id -> quantity) with a tracking number,
    so Saleor's order status follows, and Saleor's own customer notification when
    ``notify_customer`` (and when its tracking changes). Sent once; a re-send after a lost answer
    adopts the fulfillment Saleor already has for that tracking number."""
    if not lines or any(quantity < 1 for quantity in lines.values()):
        raise ValueError("A fulfilment needs at least one line with a positive quantity")
    message = OutboxMessage.objects.create(
        installation=installation,
        kind=OutboxKind.FULFILL_ORDER_LINES,
        saleor_object_id=order_id,
        payload={
            "lines": dict(lines),
            "tracking_number": tracking_number,
            "fallback_warehouse_id": fallback_warehouse_id,
            "notify_customer": notify_customer,
        },
    )
    _schedule_flush()
    return message


def enqueue_fulfilment_tracking(
    *, fulfilment_message: OutboxMessage, tracking_number: str
) -> OutboxMessage:
    """Change the tracking number of a fulfillment made by ``fulfilment_message``. While that message
    has not been tried yet its tracking number is simply replaced; otherwise an update follows it
    (pending updates of the same fulfillment coalesce)."""
    fulfilment = OutboxMessage.objects.select_for_update().get(pk=fulfilment_message.pk)
    if fulfilment.kind != OutboxKind.FULFILL_ORDER_LINES:
        raise ValueError("Tracking can only follow a fulfilment message")
    untried = (
        fulfilment.status == OutboxStatus.PENDING
        and fulfilment.attempts == 0
        and fulfilment.claimed_until is None
    )
    if untried:
        fulfilment.payload = {**fulfilment.payload, "tracking_number": tracking_number}
        fulfilment.save(update_fields=["payload", "updated_at"])
        _schedule_flush()
        return fulfilment
    coalesce_key = f"tracking:{fulfilment.pk}"
    pending = (
        OutboxMessage.objects.select_for_update()
        .filter(
            coalesce_key=coalesce_key,
            status=OutboxStatus.PENDING,
            attempts=0,
            claimed_until__isnull=True,
        )
        .first()
    )
    if pending is not None:
        pending.payload = {**pending.payload, "tracking_number": tracking_number}
        pending.save(update_fields=["payload", "updated_at"])
        message = pending
    else:
        message = OutboxMessage.objects.create(
            installation_id=fulfilment.installation_id,
            kind=OutboxKind.UPDATE_FULFILLMENT_TRACKING,
            saleor_object_id=fulfilment.saleor_object_id,
            coalesce_key=coalesce_key,
            payload={"fulfilment_message_id": fulfilment.pk, "tracking_number": tracking_number},
        )
    _schedule_flush()
    return message


def fulfilment_tracking_number(fulfilment_message: OutboxMessage) -> str | None:
    """The tracking number the fulfillment made by ``fulfilment_message`` has in Saleor, or will
    have once the writes waiting in the outbox are sent: the newest tracking update's, else its
    own. None when it made none of ours to track (it failed, or Saleor had the lines fulfilled
    already)."""
    result = fulfilment_message.result or {}
    if fulfilment_message.status == OutboxStatus.FAILED or (
        fulfilment_message.status == OutboxStatus.SENT and not result.get("fulfillment_id")
    ):
        return None
    update = (
        OutboxMessage.objects.filter(
            kind=OutboxKind.UPDATE_FULFILLMENT_TRACKING,
            coalesce_key=f"tracking:{fulfilment_message.pk}",
        )
        .exclude(status=OutboxStatus.FAILED)
        .order_by("-id")
        .first()
    )
    source = update if update is not None else fulfilment_message
    return str(source.payload.get("tracking_number", ""))


def _send_fulfilment(message: OutboxMessage) -> dict[str, str]:
    client = saleor_client_for(message.installation)
    payload = message.payload
    wanted: dict[str, int] = payload["lines"]
    tracking_number: str = payload["tracking_number"]
    state = fetch_order_fulfilment_state(client, message.saleor_object_id)
    for existing in state.fulfillments:
        # Our earlier attempt got through but its answer was lost: adopt it.
        if existing.tracking_number == tracking_number and set(wanted) <= existing.line_ids:
            return {"fulfillment_id": existing.id}
    lines: list[FulfillLine] = []
    for line_id, quantity in wanted.items():
        stock = state.lines.get(line_id)
        if stock is None:
            raise SaleorPermanentError(f"order_fulfill: the order has no line {line_id}")
        to_fulfil = min(quantity, stock.quantity_to_fulfill)
        if to_fulfil < 1:
            continue  # fulfilled in Saleor already (by hand or by another parcel)
        warehouse = next(
            iter(
                (
                    *stock.allocated_warehouses,
                    *filter(None, [payload.get("fallback_warehouse_id", "")]),
                    *state.channel_warehouses,
                )
            ),
            None,
        )
        if warehouse is None:
            raise SaleorPermanentError(f"order_fulfill: no warehouse to fulfil {line_id} from")
        lines.append(FulfillLine(line_id, to_fulfil, warehouse))
    if not lines:
        return {"fulfillment_id": "", "skipped": "already fulfilled in Saleor"}
    fulfillment_id = fulfill_order(
        client,
        message.saleor_object_id,
        lines,
        tracking_number=tracking_number,
        notify_customer=_notifies(fulfilment_message=message),
    )
    return {"fulfillment_id": fulfillment_id}


def _send_tracking(message: OutboxMessage) -> None:
    fulfilment = OutboxMessage.objects.get(pk=message.payload["fulfilment_message_id"])
    if fulfilment.status == OutboxStatus.FAILED:
        raise SaleorPermanentError("fulfillment_update_tracking: the fulfilment itself failed")
    if fulfilment.status != OutboxStatus.SENT:
        raise SaleorTransientError("fulfillment_update_tracking: the fulfilment is not made yet")
    fulfillment_id = fulfilment.result.get("fulfillment_id", "")
    if not fulfillment_id:
        return  # nothing of ours in Saleor to update
    update_fulfillment_tracking(
        saleor_client_for(message.installation),
        fulfillment_id,
        message.payload["tracking_number"],
        notify_customer=_notifies(fulfilment_message=fulfilment),
    )


def _notifies(*, fulfilment_message: OutboxMessage) -> bool:
    """Whether Saleor tells the customer of the fulfillment (messages queued before the choice
    was kept did)."""
    return bool(fulfilment_message.payload.get("notify_customer", True))


def _send(message: OutboxMessage) -> None:
    client = saleor_client_for(message.installation)
    if message.kind == OutboxKind.UPDATE_METADATA:
        update_public_metadata(client, message.saleor_object_id, message.payload["items"])
    elif message.kind == OutboxKind.ADD_ORDER_NOTE:
        add_order_note(client, message.saleor_object_id, message.payload["message"])
    elif message.kind == OutboxKind.FULFILL_ORDER_LINES:
        message.result = _send_fulfilment(message)
    elif message.kind == OutboxKind.UPDATE_FULFILLMENT_TRACKING:
        _send_tracking(message)
    else:  # pragma: no cover - guarded by the choices
        raise SaleorPermanentError(f"Unknown outbox kind {message.kind}")


def _claim(message_id: int) -> bool:
    """Take a lease on a due message with one atomic UPDATE, so two workers never send it twice and
    no database lock is held while Saleor is called."""
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.filter(
            pk=message_id,
            status=OutboxStatus.PENDING,
            next_attempt_at__lte=now,
            # Not ``installation__is_active``: the join makes Django write ``WHERE id IN (SELECT ...)``,
            # and PostgreSQL does not recheck a subquery's conditions after waiting on a concurrent
            # claim of the same row, so both claims succeeded and Saleor got the write twice.
            installation_id__in=Installation.objects.filter(is_active=True).values("id"),
        )
        .filter(models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM_LEASE, attempts=models.F("attempts") + 1)
    )
    return claimed == 1


def deliver(message_id: int) -> OutboxStatus | None:
    """Send one due message; ``None`` when it is not due or another worker holds it."""
    if not _claim(message_id):
        return None
    message = OutboxMessage.objects.select_related("installation").get(pk=message_id)
    try:
        _send(message)
    except SaleorTransientError as exc:
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
        delay = BACKOFF_BASE_SECONDS * 2 ** (message.attempts - 1)
        message.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        message.last_error = str(exc)
        logger.warning("Saleor write %s delayed: %s", message.pk, exc)
    except SaleorPermanentError as exc:
        message.status = OutboxStatus.FAILED
        message.last_error = str(exc)
        logger.error("Saleor write %s failed: %s", message.pk, exc)
    else:
        message.status = OutboxStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
    message.claimed_until = None
    message.save(
        update_fields=[
            "status",
            "next_attempt_at",
            "last_error",
            "sent_at",
            "claimed_until",
            "result",
            "updated_at",
        ]
    )
    return OutboxStatus(message.status)


def due_message_ids(limit: int = 500) -> list[int]:
    return list(
        OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING,
            next_attempt_at__lte=timezone.now(),
            installation__is_active=True,
        )
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )


def flush() -> int:
    """Deliver every due message in creation order; returns how many were attempted."""
    ids = due_message_ids()
    for message_id in ids:
        deliver(message_id)
    return len(ids)
