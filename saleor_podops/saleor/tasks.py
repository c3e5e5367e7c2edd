from celery import shared_task

from . import outbox
from .webhook_sync import sync_outdated_installations


@shared_task(name="saleor_podops.saleor.tasks.flush_outbox", ignore_result=True)
def flush_outbox() -> int:
    return outbox.flush()


@shared_task(name="saleor_podops.saleor.tasks.sync_webhooks", ignore_result=True)
def sync_webhooks() -> dict[str, str]:
    return sync_outdated_installations()
