from celery import shared_task

from . import outbox


@shared_task(name="saleor_podops.saleor.tasks.flush_outbox", ignore_result=True)
def flush_outbox() -> int:
    return outbox.flush()
