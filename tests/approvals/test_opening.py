"""A move into a customer stage opens the proof / photo request as soon as it commits, without
waiting for the beat scan (which stays the safety net)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from saleor_podops.approvals.models import PhotoRequest, Proof, ProofStatus
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.models import ScheduledNotification
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.transitions import SYSTEM_PERSON

from ..customer_api import artwork_add, customer_order, reload


def test_qc_approval_opens_the_proof_when_the_move_commits(
    installation: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    item = workflow.item_approve_image(
        item=customer_order(installation, "1001"), person=SYSTEM_PERSON
    )
    artwork_add(item, tmp_path)
    item = workflow.artwork_submit(item=reload(item), person=SYSTEM_PERSON)
    assert not Proof.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        item = workflow.qc_approve(item=item, person=SYSTEM_PERSON)

    proof = Proof.objects.get(item=item)
    assert proof.status == ProofStatus.AWAITING
    assert proof.stage_entered_at == reload(item).stage_entered_at
    events = ScheduledNotification.objects.filter(item=item).values_list("event", flat=True)
    assert NotificationEvent.PROOF_READY in set(events)


def test_photo_rejection_opens_the_photo_request_when_the_move_commits(
    installation: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    item = customer_order(installation, "1002")

    with django_capture_on_commit_callbacks(execute=True):
        workflow.item_reject_image(
            item=item, person=SYSTEM_PERSON, reason_code="LOW_RESOLUTION", comment="Too blurry"
        )

    request = PhotoRequest.objects.get(item=item)
    assert (request.reason_code, request.comment) == ("LOW_RESOLUTION", "Too blurry")


def test_moves_elsewhere_open_nothing(
    installation: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    item = customer_order(installation, "1003")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.item_approve_image(item=item, person=SYSTEM_PERSON)

    assert not Proof.objects.exists() and not PhotoRequest.objects.exists()
    assert all("open_customer_request" not in repr(callback) for callback in callbacks)
