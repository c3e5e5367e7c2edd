from celery import shared_task

from . import sending
from .assignments import assignment_notifications_schedule


@shared_task(name="saleor_podops.notifications.tasks.send_notification", ignore_result=True)
def send_notification(pk: int) -> str:
    return sending.notification_send(pk=pk).value


@shared_task(name="saleor_podops.notifications.tasks.send_due_notifications", ignore_result=True)
def send_due_notifications() -> int:
    """Beat: every due email, once; emails a dead worker left half-sent are marked FAILED."""
    sending.stale_claims_fail()
    sent = 0
    for pk in sending.due_notification_ids():
        if sending.notification_send(pk=pk) == sending.SendOutcome.SENT:
            sent += 1
    return sent


@shared_task(
    name="saleor_podops.notifications.tasks.schedule_assignment_notifications", ignore_result=True
)
def schedule_assignment_notifications() -> int:
    """Beat: tell staff about work newly assigned to them."""
    return assignment_notifications_schedule()
