from celery import shared_task

from saleor_podops.partners.interface import PartnerTransientError

from . import configuration, dispatch


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
    autoretry_for=(PartnerTransientError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=10,
)
def register_partner_webhook(partner_id: int) -> bool:
    return configuration.partner_webhook_register(partner_id)
