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
from datetime import timedelta

from django.db import connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
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
) -> tuple[int, bool]:
    """Store a verified delivery; returns (delivery id, created). One statement does it (an INSERT
    that does nothing on a re-delivery), so outside a transaction it is stored and committed in one
    round trip; then the drain is woken (on commit). A re-delivery returns the stored row's id."""
    key = dedupe_key(event, body)
    connection = connections[router.db_for_write(WebhookDelivery)]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            _insert_statement(connection),
            [installation.pk, event.value, key, body.decode("utf-8"), now, now],
        )
        row = cursor.fetchone()
    if row is None:
        return _redelivered(installation=installation, dedupe_key=key), False
    transaction.on_commit(wake.wake)
    return int(row[0]), True


def _redelivered(*, installation: Installation, dedupe_key: str) -> int:
    """Count a re-delivery. When the stored delivery is still pending or failed for good, it becomes
    due now (one more attempt) and the drain is woken; a processed or ignored one is only counted."""
    stored = WebhookDelivery.objects.filter(installation=installation, dedupe_key=dedupe_key)
    stored.update(duplicates=models.F("duplicates") + 1)
    retried = stored.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED]).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), processed_at=None
    )
    if retried:
        transaction.on_commit(wake.wake)
    return int(stored.values_list("id", flat=True).get())


_INSERT_STATEMENTS: dict[str, str] = {}


def _insert_statement(connection: BaseDatabaseWrapper) -> str:
    """``INSERT ... ON CONFLICT (installation, dedupe key) DO NOTHING RETURNING id`` (PostgreSQL and
    SQLite) with parameters installation id, event, dedupe key, body, received at, next attempt at:
    no row comes back when this installation already stored the same event and body. Built once
    per database vendor."""
    statement = _INSERT_STATEMENTS.get(connection.vendor)
    if statement is not None:
        return statement
    fields = {field.attname: field for field in WebhookDelivery._meta.concrete_fields}

    def column(name: str) -> str:
        db_column = fields[name].column
        assert db_column is not None  # every concrete field has a column
        return connection.ops.quote_name(db_column)

    table = connection.ops.quote_name(WebhookDelivery._meta.db_table)
    parameters = [
        "installation_id",
        "event",
        "dedupe_key",
        "body",
        "received_at",
        "next_attempt_at",
    ]
    # The initial state of the remaining columns, as literals (no user input reaches them).
    constants = {
        "status": f"'{DeliveryStatus.PENDING.value}'",
        "attempts": "0",
        "duplicates": "0",
        "error": "''",
    }
    statement = (
        f"INSERT INTO {table} ({', '.join(map(column, [*parameters, *constants]))}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(parameters) + list(constants.values()))}) "
        f"ON CONFLICT ({column('installation_id')}, {column('dedupe_key')}) DO NOTHING "
        f"RETURNING {column('id')}"
    )
    _INSERT_STATEMENTS[connection.vendor] = statement
    return statement


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
