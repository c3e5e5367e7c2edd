"""Storing verified deliveries and processing them exactly once."""

from __future__ import annotations

import hashlib
import logging

from django.db import IntegrityError, models, transaction
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
    """Store a verified delivery; returns (delivery, created). A re-delivery returns the stored row
    and schedules nothing new. Processing is scheduled on commit."""
    key = dedupe_key(event, body)
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(
                installation=installation,
                event=event.value,
                dedupe_key=key,
                body=body.decode("utf-8"),
            )
    except IntegrityError:
        WebhookDelivery.objects.filter(installation=installation, dedupe_key=key).update(
            duplicates=models.F("duplicates") + 1
        )
        return WebhookDelivery.objects.get(installation=installation, dedupe_key=key), False

    transaction.on_commit(lambda: _enqueue(delivery.pk))
    return delivery, True


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
