"""Storing verified deliveries and processing them exactly once."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from django.db import connections, models, router, transaction
from django.utils import timezone
from pydantic import ValidationError

from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent

from .handlers import HANDLERS, Ignored
from .models import DeliveryStatus, WebhookDelivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


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
        WebhookDelivery.objects.filter(installation=installation, dedupe_key=key).update(
            duplicates=models.F("duplicates") + 1
        )
        return WebhookDelivery.objects.get(installation=installation, dedupe_key=key), False

    delivery = WebhookDelivery(
        pk=delivery_id,
        installation=installation,
        event=event.value,
        dedupe_key=key,
        body=text,
        received_at=received_at,
    )
    transaction.on_commit(lambda: _enqueue(delivery_id))
    return delivery, True


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


def _enqueue(delivery_id: int) -> None:
    from .tasks import process_delivery

    try:
        process_delivery.delay(delivery_id)
    except Exception:  # the broker is down: the periodic sweep processes it later
        logger.exception("Could not enqueue webhook delivery %s", delivery_id)


class DeliveryRetry(Exception):
    """Processing failed for a reason that may pass; the delivery stays pending."""


def delivery_process(delivery_id: int) -> DeliveryStatus | None:
    """Run the handler for one pending delivery, holding its row lock so concurrent workers cannot
    process it twice. Raises ``DeliveryRetry`` after recording a failure that may pass."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("installation")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        failure: Exception | None = None
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
            logger.exception(
                "Webhook delivery %s failed (attempt %s)", delivery.pk, delivery.attempts
            )
            failure = exc
            delivery.error = f"{exc.__class__.__name__}: {exc}"
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
        else:
            delivery.status = DeliveryStatus.PROCESSED
            delivery.error = ""
        if delivery.status != DeliveryStatus.PENDING:
            delivery.processed_at = timezone.now()
        delivery.save(update_fields=["attempts", "status", "error", "processed_at"])
    if failure is not None and delivery.status == DeliveryStatus.PENDING:
        raise DeliveryRetry(delivery.error) from failure
    return DeliveryStatus(delivery.status)


def _dispatch(delivery: WebhookDelivery) -> None:
    event = SaleorEvent(delivery.event)
    if not delivery.installation.is_active and event != SaleorEvent.APP_DELETED:
        raise Ignored("the installation is not active")
    handler = HANDLERS.get(event)
    if handler is None:
        raise Ignored(f"no handler for {event.value}")
    handler(delivery.installation, delivery.body)


def pending_delivery_ids(limit: int = 500) -> list[int]:
    return list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .order_by("received_at")
        .values_list("id", flat=True)[:limit]
    )
