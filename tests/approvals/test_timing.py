"""Reminders, automatic approval and quiet hours with a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import time_machine
from django.core import mail

from saleor_podops.approvals.access import CustomerAccess
from saleor_podops.approvals.actions import proof_approve, proof_request_changes
from saleor_podops.approvals.models import DecisionKind, Proof, ProofStatus
from saleor_podops.approvals.tasks import auto_approve_due_proofs
from saleor_podops.notifications.models import NotificationSettings, ScheduledNotification
from saleor_podops.notifications.tasks import send_due_notifications
from saleor_podops.production.models import ProductionItem
from saleor_podops.saleor.models import Installation

from ..customer_api import CUSTOMER, bring_to_approval, customer_order, reload

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _access(item: ProductionItem) -> CustomerAccess:
    return CustomerAccess(
        installation=item.installation, user_id=CUSTOMER, order_ids=frozenset({item.order_id})
    )


def _subjects() -> list[str]:
    return [message.subject for message in mail.outbox]


def test_reminders_go_at_24_and_72_hours_until_the_customer_acts(
    installation: Installation, tmp_path: Path
) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        item = bring_to_approval(customer_order(installation), tmp_path)
        assert send_due_notifications() == 1
        assert _subjects() == ["Order 1001: your proof is ready"]

        clock.move_to(T0 + timedelta(hours=23, minutes=59))
        assert send_due_notifications() == 0

        clock.move_to(T0 + timedelta(hours=24))
        assert send_due_notifications() == 1
        assert _subjects()[-1] == "Reminder: order 1001 is waiting for your approval"

        clock.move_to(T0 + timedelta(hours=30))
        proof_approve(access=_access(item), proof_pk=Proof.objects.get().pk)

        clock.move_to(T0 + timedelta(hours=80))
        assert send_due_notifications() == 0

    assert len(mail.outbox) == 2
    assert list(
        ScheduledNotification.objects.order_by("due_at").values_list("event", "status")
    ) == [("PROOF_READY", "SENT"), ("PROOF_REMINDER", "SENT"), ("PROOF_REMINDER", "CANCELLED")]


def test_auto_approval_after_the_set_days(installation: Installation, tmp_path: Path) -> None:
    NotificationSettings.objects.create(
        installation=installation, auto_approve_enabled=True, auto_approve_days=7
    )
    with time_machine.travel(T0, tick=False) as clock:
        item = bring_to_approval(customer_order(installation), tmp_path)
        proof = Proof.objects.get()
        assert proof.auto_approve_at == T0 + timedelta(days=7)
        send_due_notifications()

        clock.move_to(T0 + timedelta(days=7) - timedelta(minutes=1))
        assert auto_approve_due_proofs() == 0
        assert reload(item).stage == "CUSTOMER_APPROVAL"

        clock.move_to(T0 + timedelta(days=7, minutes=1))
        assert auto_approve_due_proofs() == 1
        assert auto_approve_due_proofs() == 0
        send_due_notifications()

    proof.refresh_from_db()
    assert (proof.status, proof.decision.kind, proof.decision.actor_type) == (
        ProofStatus.APPROVED,
        DecisionKind.AUTO_APPROVED,
        "SYSTEM",
    )
    assert reload(item).stage == "FULFILMENT_QUEUE"
    assert _subjects() == [
        "Order 1001: your proof is ready",
        "Order 1001: we went ahead with your design",
    ]
    # the reminders that were still due were cancelled by the approval
    assert set(
        ScheduledNotification.objects.filter(event="PROOF_REMINDER").values_list(
            "status", flat=True
        )
    ) == {"CANCELLED"}


def test_any_customer_answer_cancels_the_auto_approval(
    installation: Installation, tmp_path: Path
) -> None:
    NotificationSettings.objects.create(installation=installation, auto_approve_enabled=True)
    with time_machine.travel(T0, tick=False) as clock:
        item = bring_to_approval(customer_order(installation), tmp_path)
        clock.move_to(T0 + timedelta(days=1))
        proof_request_changes(
            access=_access(item), proof_pk=Proof.objects.get().pk, comment="Bigger text"
        )

        clock.move_to(T0 + timedelta(days=8))
        assert auto_approve_due_proofs() == 0

    assert reload(item).stage == "ARTWORK"
    assert Proof.objects.get().auto_approve_at is None


def test_auto_approval_is_off_by_default(installation: Installation, tmp_path: Path) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        item = bring_to_approval(customer_order(installation), tmp_path)
        clock.move_to(T0 + timedelta(days=60))
        assert auto_approve_due_proofs() == 0

    assert Proof.objects.get().auto_approve_at is None
    assert reload(item).stage == "CUSTOMER_APPROVAL"


def test_quiet_hours_hold_emails_until_morning_in_the_shops_time_zone(
    installation: Installation, tmp_path: Path
) -> None:
    # given quiet hours 21:00-08:00 in Berlin (UTC+1 in November)
    NotificationSettings.objects.create(
        installation=installation,
        quiet_hours_start=time(21, 0),
        quiet_hours_end=time(8, 0),
        time_zone="Europe/Berlin",
    )
    evening = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)  # 22:30 in Berlin
    with time_machine.travel(evening, tick=False) as clock:
        bring_to_approval(customer_order(installation), tmp_path)
        ready = ScheduledNotification.objects.get(event="PROOF_READY")
        assert ready.due_at == datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
        assert send_due_notifications() == 0

        clock.move_to(datetime(2026, 11, 25, 6, 59, tzinfo=UTC))
        assert send_due_notifications() == 0
        clock.move_to(datetime(2026, 11, 25, 7, 0, tzinfo=UTC))
        assert send_due_notifications() == 1

    # the first reminder (24 h after 22:30) also falls in quiet hours: moved to 08:00 Berlin
    first_reminder = ScheduledNotification.objects.filter(event="PROOF_REMINDER").order_by(
        "due_at"
    )[0]
    assert first_reminder.due_at == datetime(2026, 11, 26, 7, 0, tzinfo=UTC)


def test_a_manager_skipping_the_approval_stops_the_reminders_and_hides_the_proof(
    installation: Installation, tmp_path: Path
) -> None:
    from saleor_podops.approvals.selectors import customer_open_proofs
    from saleor_podops.approvals.tasks import open_customer_requests
    from saleor_podops.staff.roles import Role
    from saleor_podops.workflow import actions as workflow
    from saleor_podops.workflow.transitions import Person, PersonKind

    with time_machine.travel(T0, tick=False) as clock:
        item = bring_to_approval(customer_order(installation), tmp_path)
        send_due_notifications()
        workflow.item_skip_stage(
            item=item, person=Person(PersonKind.STAFF, "VXNlcjox", frozenset({Role.ADMIN}))
        )
        # right away (before the beat runs) the proof is no longer offered, the reminder not sent
        assert customer_open_proofs(_access(item)) == []
        clock.move_to(T0 + timedelta(hours=25))
        assert send_due_notifications() == 0
        open_customer_requests()

    proof = Proof.objects.get()
    assert proof.status == ProofStatus.SUPERSEDED
    assert list(
        ScheduledNotification.objects.order_by("due_at").values_list("event", "status")
    ) == [("PROOF_READY", "SENT"), ("PROOF_REMINDER", "SKIPPED"), ("PROOF_REMINDER", "CANCELLED")]
    assert _subjects() == ["Order 1001: your proof is ready"]
