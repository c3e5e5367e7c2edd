from celery import shared_task

from . import inbox


@shared_task(name="saleor_podops.webhooks.tasks.drain_deliveries", ignore_result=True)
def drain_deliveries() -> int:
    """Process every due delivery (the web process wakes this; see ``wake``). A drain that stops at
    its limit with more due queues the next one, so other tasks get their turn."""
    result = inbox.drain()
    if result.more_due:
        drain_deliveries.delay()
    return result.processed


@shared_task(name="saleor_podops.webhooks.tasks.process_pending_deliveries", ignore_result=True)
def process_pending_deliveries() -> int:
    """The beat sweeper: drains whatever a lost wake left pending, and retries that are due."""
    return int(drain_deliveries())


@shared_task(name="saleor_podops.webhooks.tasks.process_delivery", ignore_result=True)
def process_delivery(delivery_id: int) -> str | None:
    """Messages of one delivery each, queued by earlier versions: still processed (exactly once)."""
    status = inbox.delivery_process(delivery_id)
    return status.value if status else None
