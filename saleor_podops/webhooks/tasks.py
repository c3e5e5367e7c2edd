from celery import shared_task

from . import inbox


@shared_task(
    name="saleor_podops.webhooks.tasks.process_delivery",
    ignore_result=True,
    autoretry_for=(inbox.DeliveryRetry,),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=inbox.MAX_ATTEMPTS,
)
def process_delivery(delivery_id: int) -> str | None:
    status = inbox.delivery_process(delivery_id)
    return status.value if status else None


@shared_task(name="saleor_podops.webhooks.tasks.process_pending_deliveries", ignore_result=True)
def process_pending_deliveries() -> int:
    """Safety net: deliveries whose on-commit dispatch was lost are processed here."""
    ids = inbox.pending_delivery_ids()
    for delivery_id in ids:
        process_delivery.delay(delivery_id)
    return len(ids)
