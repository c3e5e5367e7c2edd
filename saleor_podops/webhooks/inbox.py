"""Storing verified deliveries and processing them exactly once.

The web process stores a delivery with one statement and wakes the drain (``wake``: at most one
broker message per process and interval, however many deliveries arrive). Drains claim due
deliveries with ``SELECT ... FOR UPDATE SKIP LOCKED``; a failure is retried with exponential backoff
(``next_attempt_at``), and the beat sweeper drains whatever a lost wake left pending.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections, models, router, transaction
from django.utils import timezone
from pydantic import ValidationError

from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent

from . import wake
from .handlers import HANDLERS, Ignored
from .models import DeliveryStatus, WebhookDelivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE_SECONDS = 10
BACKOFF_MAX_SECONDS = 600
DRAIN_BATCH = 1000  # deliveries per drain task; a drain with more due left queues another
DRAIN_SECONDS = 30.0


def dedupe_key(event: SaleorEvent, body: bytes) -> str:
    return f"{event.value}:{hashlib.sha256(body).hexdigest()}"


def delivery_store(
    *, installation: Installation, event: SaleorEvent, body: bytes
) -> tuple[WebhookDelivery, bool]:
    """Store a verified delivery; returns (delivery, created). One statement does it (an INSERT
    that does nothing on a re-delivery), so outside a transaction it is stored and committed in one
    round trip. A re-delivery returns the stored row and schedules nothing new. Processing is
    scheduled on commit."""
    key = dedupe_key(event, body)
    text = body.decode("utf-8")
    received_at = timezone.now()
    delivery_id = _insert_unless_stored(
        installation_id=installation.pk,
        event=event.value,
        dedupe_key=key,
        body=text,
        received_at=received_at,
    )
    if delivery_id is None:
        return _redelivered(installation=installation, dedupe_key=key), False

    delivery = WebhookDelivery(
        pk=delivery_id,
        installation=installation,
        event=event.value,
        dedupe_key=key,
        body=text,
        received_at=received_at,
    )
    transaction.on_commit(wake.wake)
    return delivery, True


def _redelivered(*, installation: Installation, dedupe_key: str) -> WebhookDelivery:
    """Count a re-delivery. One of a delivery not processed yet (pending, failed for good) makes it
    due now, one more attempt, and wakes the drain; a processed or ignored one changes nothing."""
    stored = WebhookDelivery.objects.filter(installation=installation, dedupe_key=dedupe_key)
    stored.update(duplicates=models.F("duplicates") + 1)
    retried = stored.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED]).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), processed_at=None
    )
    if retried:
        transaction.on_commit(wake.wake)
    return stored.get()


def _insert_unless_stored(
    *, installation_id: int, event: str, dedupe_key: str, body: str, received_at: datetime
) -> int | None:
    """``INSERT ... ON CONFLICT DO NOTHING RETURNING id`` (PostgreSQL and SQLite): the new row's
    id, or None when this installation already stored the same event and body."""
    meta = WebhookDelivery._meta
    connection = connections[router.db_for_write(WebhookDelivery)]
    quote = connection.ops.quote_name
    values = {
        "installation_id": installation_id,
        "event": event,
        "dedupe_key": dedupe_key,
        "body": body,
        "status": DeliveryStatus.PENDING.value,
        "attempts": 0,
        "received_at": received_at,
        "duplicates": 0,
        "error": "",
        "next_attempt_at": received_at,
    }
    fields = {field.attname: field for field in meta.concrete_fields}

    def column(name: str) -> str:
        db_column = fields[name].column
        assert db_column is not None  # every concrete field has a column
        return quote(db_column)

    params = [fields[name].get_db_prep_save(value, connection) for name, value in values.items()]
    # Names come from the model's meta; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(column, values))}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(values))}) "
        f"ON CONFLICT ({column('installation_id')}, {column('dedupe_key')}) DO NOTHING "
        f"RETURNING {column('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else int(row[0])


@dataclass(frozen=True)
class DrainResult:
    processed: int
    more_due: bool  # stopped at its limit with due deliveries left


def delivery_process(delivery_id: int) -> DeliveryStatus | None:
    """Process one due delivery by id, unless another worker holds it or it is not due."""
    with transaction.atomic():
        delivery = _claim(WebhookDelivery.objects.filter(pk=delivery_id))
        if delivery is None:
            return None
        return _attempt(delivery)


def drain(*, limit: int | None = None, seconds: float | None = None) -> DrainResult:
    """Process due deliveries, oldest first, until none is due or ``limit``/``seconds`` is spent.

    Each delivery is claimed in its own transaction with ``SELECT ... FOR UPDATE SKIP LOCKED`` and
    its outcome saved before that transaction commits, so drains running side by side (several
    workers, the sweeper) never process one delivery twice, and none waits on another's row. On
    SQLite, which has no row locks, write transactions are serialized instead (IMMEDIATE)."""
    limit = DRAIN_BATCH if limit is None else limit
    deadline = time.monotonic() + (DRAIN_SECONDS if seconds is None else seconds)
    processed = 0
    while processed < limit and time.monotonic() < deadline:
        with transaction.atomic():
            delivery = _claim(WebhookDelivery.objects.order_by("next_attempt_at", "id"))
            if delivery is None:
                return DrainResult(processed, more_due=False)
            _attempt(delivery)
        processed += 1
    return DrainResult(processed, more_due=due_deliveries().exists())


def due_deliveries() -> models.QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
    )


def _claim(candidates: models.QuerySet[WebhookDelivery]) -> WebhookDelivery | None:
    """Lock the first due pending delivery among ``candidates`` that no one else holds. Only the
    delivery row is locked (``of=("self",)``), never its installation, which every drain reads."""
    return (
        candidates.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now())
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("installation")
        .first()
    )


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 10 s, 20 s, 40 s, ... at most 10 min."""
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_MAX_SECONDS))


def _attempt(delivery: WebhookDelivery) -> DeliveryStatus:
    """Run the handler for a claimed delivery and save the outcome (in the claim's transaction).
    A failure that may pass leaves it pending until ``next_attempt_at``, when a drain is due."""
    delivery.attempts += 1
    try:
        with transaction.atomic():  # a failing handler rolls back to here, not further
            _dispatch(delivery)
    except Ignored as reason:
        delivery.status = DeliveryStatus.IGNORED
        delivery.error = str(reason)
    except ValidationError as exc:
        delivery.status = DeliveryStatus.FAILED
        delivery.error = f"Malformed payload: {exc}"
    except Exception as exc:
        logger.exception("Webhook delivery %s failed (attempt %s)", delivery.pk, delivery.attempts)
        delivery.error = f"{exc.__class__.__name__}: {exc}"
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        else:
            delay = backoff(delivery.attempts)
            delivery.next_attempt_at = timezone.now() + delay
            transaction.on_commit(lambda: wake.wake_later(delay.total_seconds()))
    else:
        delivery.status = DeliveryStatus.PROCESSED
        delivery.error = ""
    if delivery.status != DeliveryStatus.PENDING:
        delivery.processed_at = timezone.now()
    delivery.save(update_fields=["attempts", "status", "error", "processed_at", "next_attempt_at"])
    return DeliveryStatus(delivery.status)


def _dispatch(delivery: WebhookDelivery) -> None:
    event = SaleorEvent(delivery.event)
    if not delivery.installation.is_active and event != SaleorEvent.APP_DELETED:
        raise Ignored("the installation is not active")
    handler = HANDLERS.get(event)
    if handler is None:
        raise Ignored(f"no handler for {event.value}")
    handler(delivery.installation, delivery.body)
