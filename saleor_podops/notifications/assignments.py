"""Telling staff about new work: assignments are made by the staff package (automatically or by a
manager); a beat task schedules one email per new open assignment (idempotent by assignment)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from saleor_podops.production.stages import Stage
from saleor_podops.staff.models import Assignment

from .events import NotificationEvent
from .models import ScheduledNotification
from .scheduling import notification_schedule

LOOK_BACK = timedelta(hours=6)


def assignment_notifications_schedule(limit: int = 500) -> int:
    key = Concat(
        Value(f"{NotificationEvent.WORK_ASSIGNED.value}:assignment:"),
        Cast(OuterRef("pk"), CharField()),
    )
    fresh = (
        Assignment.objects.filter(
            released_at__isnull=True, assigned_at__gte=timezone.now() - LOOK_BACK
        )
        .exclude(staff__email="")
        .annotate(
            notified=Exists(
                ScheduledNotification.objects.filter(
                    installation_id=OuterRef("installation_id"), idempotency_key=key
                )
            )
        )
        .filter(notified=False)
        .select_related("staff", "item__order__installation")[:limit]
    )
    count = 0
    for assignment in fresh:
        with transaction.atomic():
            row = notification_schedule(
                event=NotificationEvent.WORK_ASSIGNED,
                order=assignment.item.order,
                item=assignment.item,
                recipient=assignment.staff.email,
                key=f"assignment:{assignment.pk}",
                context={
                    "staff_name": assignment.staff.email.split("@")[0],
                    "stage": Stage(assignment.stage).label,
                },
            )
        count += row is not None
    return count
