"""Sending a scheduled email exactly once (at most once when a worker dies mid-send).

A row is claimed with a conditional UPDATE (PENDING -> SENDING); only the claimer sends it. A send
that raised goes back to PENDING with a back-off (up to ``MAX_ATTEMPTS``); a row left in SENDING
(the worker died after claiming) is never resent: ``stale_claims_fail`` marks it FAILED for a human
to look at, because the email may have gone out.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from enum import StrEnum

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from saleor_podops.production.models import EventType
from saleor_podops.production.timeline import SYSTEM, record_event

from .events import CUSTOMER_EVENTS, NotificationEvent
from .models import NotificationStatus, ScheduledNotification
from .quiet_hours import first_allowed_moment
from .rendering import TemplateRefused, email_render
from .settings_actions import event_enabled, notification_settings_for
from .templates import template_for

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(hours=1)
BATCH_SIZE = 200


class SendOutcome(StrEnum):
    SENT = "SENT"
    NOT_DUE = "NOT_DUE"  # already handled by someone else, cancelled, or not due yet
    POSTPONED = "POSTPONED"
    SKIPPED = "SKIPPED"
    RETRY = "RETRY"
    FAILED = "FAILED"


def _release(row_pk: int, **changes: object) -> None:
    ScheduledNotification.objects.filter(pk=row_pk, status=NotificationStatus.SENDING).update(
        updated_at=timezone.now(), **changes
    )


def notification_send(*, pk: int) -> SendOutcome:
    now = timezone.now()
    claimed = ScheduledNotification.objects.filter(
        pk=pk, status=NotificationStatus.PENDING, due_at__lte=now
    ).update(
        status=NotificationStatus.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed:
        return SendOutcome.NOT_DUE
    row = ScheduledNotification.objects.select_related("order", "item").get(pk=pk)
    event = NotificationEvent(row.event)
    settings = notification_settings_for(row.installation_id)
    if not event_enabled(settings, event):
        _release(pk, status=NotificationStatus.SKIPPED, last_error="The event is switched off")
        return SendOutcome.SKIPPED
    if row.item_stage and (
        row.item is None
        or (row.item.stage, row.item.stage_entered_at)
        != (row.item_stage, row.item_stage_entered_at)
    ):
        _release(pk, status=NotificationStatus.SKIPPED, last_error="The item has moved on")
        return SendOutcome.SKIPPED
    allowed_at = first_allowed_moment(
        now,
        start=settings.quiet_hours_start,
        end=settings.quiet_hours_end,
        zone_name=settings.time_zone,
    )
    if allowed_at > now:
        _release(
            pk,
            status=NotificationStatus.PENDING,
            due_at=allowed_at,
            attempts=F("attempts") - 1,
        )
        return SendOutcome.POSTPONED
    template = template_for(installation_id=row.installation_id, event=event)
    try:
        rendered = email_render(
            subject=template.text.subject,
            html_body=template.text.html_body,
            text_body=template.text.text_body,
            context=row.context,
        )
    except TemplateRefused as exc:
        _release(pk, status=NotificationStatus.FAILED, last_error=f"{exc.field}: {exc.message}")
        return SendOutcome.FAILED
    message = EmailMultiAlternatives(
        subject=rendered.subject, body=rendered.text_body, to=[row.recipient]
    )
    message.attach_alternative(rendered.html_body, "text/html")
    message.extra_headers["X-PodOps-Notification"] = row.idempotency_key
    try:
        message.send()
    except Exception as exc:  # any backend failure: retry a few times
        logger.warning("Sending notification %s failed: %s", pk, exc)
        if row.attempts >= MAX_ATTEMPTS:
            _release(pk, status=NotificationStatus.FAILED, last_error=str(exc)[:1000])
            return SendOutcome.FAILED
        _release(
            pk,
            status=NotificationStatus.PENDING,
            due_at=now + timedelta(minutes=2**row.attempts),
            last_error=str(exc)[:1000],
        )
        return SendOutcome.RETRY
    with transaction.atomic():
        _release(pk, status=NotificationStatus.SENT, sent_at=timezone.now(), last_error="")
        record_event(
            order=row.order,
            item=row.item,
            type=EventType.NOTIFICATION_SENT,
            actor=SYSTEM,
            reason_code=event.value,
            comment=f"Email sent: {rendered.subject}",
            data={"event": event.value, "key": row.idempotency_key, "to": row.recipient},
            is_internal=event not in CUSTOMER_EVENTS,
        )
    return SendOutcome.SENT


def due_notification_ids(limit: int = BATCH_SIZE) -> list[int]:
    return list(
        ScheduledNotification.objects.filter(
            status=NotificationStatus.PENDING, due_at__lte=timezone.now()
        )
        .order_by("due_at", "id")
        .values_list("pk", flat=True)[:limit]
    )


def stale_claims_fail() -> int:
    return ScheduledNotification.objects.filter(
        status=NotificationStatus.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM
    ).update(
        status=NotificationStatus.FAILED,
        last_error="The worker stopped while sending; the email may or may not have gone out",
        updated_at=timezone.now(),
    )
