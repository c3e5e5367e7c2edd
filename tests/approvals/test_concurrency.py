"""Deciding and sending under real concurrent transactions on PostgreSQL: of many simultaneous
answers to one proof exactly one wins, and many workers sending the same due email send it once.
(SQLite serialises writers, so this only means something on PostgreSQL: skipped elsewhere.)"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections

from saleor_podops.approvals.access import CustomerAccess
from saleor_podops.approvals.actions import proof_approve, proof_request_changes
from saleor_podops.approvals.models import Proof, ProofDecision
from saleor_podops.notifications.models import ScheduledNotification
from saleor_podops.notifications.sending import SendOutcome, notification_send
from saleor_podops.production.models import EventType, ProductionItem, TimelineEvent
from saleor_podops.saleor.models import Installation

from ..customer_api import CUSTOMER, bring_to_approval, customer_order

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL"
    ),
]

WORKERS = 8


def run_concurrently(jobs: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    barrier = threading.Barrier(len(jobs))
    results: list[object] = []
    failures: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results.append(job())
        except BaseException as exc:  # collected and asserted on by the test
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, failures


def test_simultaneous_answers_to_one_proof_decide_once(
    installation: Installation, tmp_path: Path
) -> None:
    item = bring_to_approval(customer_order(installation), tmp_path)
    proof = Proof.objects.get()
    access = CustomerAccess(
        installation=installation, user_id=CUSTOMER, order_ids=frozenset({item.order_id})
    )
    jobs: list[Callable[[], object]] = []
    for n in range(WORKERS):
        if n % 2:
            jobs.append(lambda: proof_approve(access=access, proof_pk=proof.pk))
        else:
            jobs.append(
                lambda: proof_request_changes(access=access, proof_pk=proof.pk, comment="Change")
            )

    results, failures = run_concurrently(jobs)

    assert len(results) == 1
    assert len(failures) == WORKERS - 1
    assert all(isinstance(failure, ValidationError) for failure in failures)
    assert {
        e.code
        for f in failures
        for errors in f.error_dict.values()
        for e in errors  # type: ignore[union-attr]
    } <= {"ALREADY_DECIDED", "NOT_AWAITING_CUSTOMER", "OUTDATED_VERSION"}
    assert ProofDecision.objects.count() == 1
    decided = ProofDecision.objects.get()
    expected_stage = "FULFILMENT_QUEUE" if decided.kind == "APPROVED" else "ARTWORK"
    assert ProductionItem.objects.get(pk=item.pk).stage == expected_stage
    assert (
        TimelineEvent.objects.filter(
            item=item, actor_type="CUSTOMER", type__in=[EventType.STAGE_CHANGED, EventType.REJECTED]
        ).count()
        == 1
    )


def test_many_workers_send_one_due_email_once(installation: Installation, tmp_path: Path) -> None:
    # given a due email (the on-commit send already went out here: make it due again, untold)
    bring_to_approval(customer_order(installation), tmp_path)
    ready = ScheduledNotification.objects.get(event="PROOF_READY")
    ScheduledNotification.objects.filter(pk=ready.pk).update(status="PENDING", sent_at=None)
    TimelineEvent.objects.filter(type=EventType.NOTIFICATION_SENT).delete()
    mail.outbox.clear()

    results, failures = run_concurrently(
        [lambda: notification_send(pk=ready.pk) for _ in range(WORKERS)]
    )

    assert failures == []
    assert sorted(results) == sorted([SendOutcome.SENT] + [SendOutcome.NOT_DUE] * (WORKERS - 1))
    assert len(mail.outbox) == 1
    assert TimelineEvent.objects.filter(type=EventType.NOTIFICATION_SENT).count() == 1
