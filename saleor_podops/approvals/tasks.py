from celery import shared_task

from . import actions, proofs


@shared_task(name="saleor_podops.approvals.tasks.open_customer_requests", ignore_result=True)
def open_customer_requests() -> int:
    """Beat: proofs and photo requests for items that started waiting for the customer."""
    return proofs.customer_requests_open()


@shared_task(name="saleor_podops.approvals.tasks.open_customer_request", ignore_result=True)
def open_customer_request(item_pk: int) -> bool:
    """Right after a move: the proof or photo request of the item's current wait, if it waits."""
    return proofs.customer_request_open(item_pk=item_pk)


@shared_task(name="saleor_podops.approvals.tasks.auto_approve_due_proofs", ignore_result=True)
def auto_approve_due_proofs() -> int:
    """Beat: approve proofs nobody answered in time (when the shop switched it on)."""
    return actions.proofs_auto_approve_due()
