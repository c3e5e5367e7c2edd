from typing import Any

from celery import shared_task

from saleor_podops.partners.interface import PartnerTransientError

from . import dispatch, printful_webhooks

# Registering and removing a partner's webhooks at Printful: transient failures retried with
# backoff (Celery's, from 30 s up to 30 min, 10 retries); the sweep picks up a removal that gave up.
_PRINTFUL_WEBHOOK_RETRIES: dict[str, Any] = {
    "autoretry_for": (PartnerTransientError,),
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "max_retries": 10,
}


@shared_task(name="saleor_podops.fulfilment.tasks.dispatch_job", ignore_result=True)
def dispatch_job(job_id: int) -> str | None:
    state = dispatch.job_dispatch(job_id)
    return state.value if state else None


@shared_task(name="saleor_podops.fulfilment.tasks.dispatch_due_jobs", ignore_result=True)
def dispatch_due_jobs() -> int:
    """Safety net and retry clock: every due job is tried again."""
    ids = dispatch.due_job_ids()
    for job_id in ids:
        dispatch.job_dispatch(job_id)
    return len(ids)


@shared_task(
    name="saleor_podops.fulfilment.tasks.register_partner_webhook",
    ignore_result=True,
    **_PRINTFUL_WEBHOOK_RETRIES,
)
def register_partner_webhook(partner_id: int) -> bool:
    return printful_webhooks.partner_webhook_register(partner_id)


@shared_task(
    name="saleor_podops.fulfilment.tasks.remove_partner_webhook",
    ignore_result=True,
    **_PRINTFUL_WEBHOOK_RETRIES,
)
def remove_partner_webhook(partner_id: int) -> bool:
    return printful_webhooks.partner_webhook_remove(partner_id)


@shared_task(name="saleor_podops.fulfilment.tasks.remove_due_partner_webhooks", ignore_result=True)
def remove_due_partner_webhooks() -> int:
    """Safety net and clock: webhooks of switched-off partners whose last job is done, and
    removals whose task was lost or gave up."""
    ids = printful_webhooks.partners_webhook_removal_due()
    for partner_id in ids:
        remove_partner_webhook.delay(partner_id)
    return len(ids)
