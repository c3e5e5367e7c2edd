"""The whole loop through the customer API: photo rejected -> replacement -> artwork -> proof ->
change request -> new version -> approve -> fulfilment queue, with the emails on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core import mail

from saleor_podops.approvals.models import (
    ChangeMark,
    DecisionKind,
    PhotoRequest,
    PhotoRequestStatus,
    Proof,
    ProofStatus,
)
from saleor_podops.artwork.imaging import file_digest
from saleor_podops.artwork.incoming import IncomingFile
from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.artwork.uploads import customer_upload_create
from saleor_podops.notifications.models import ScheduledNotification
from saleor_podops.notifications.tasks import send_due_notifications
from saleor_podops.production.models import EventType, TimelineEvent
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.transitions import SYSTEM_PERSON

from ..artwork.images import image_bytes
from ..customer_api import (
    CUSTOMER,
    CustomerApi,
    SaleorCustomers,
    artwork_add,
    customer_order,
    customer_requests_open,
    customer_token,
    reject_photo,
    reload,
)

PHOTO_REQUESTS = """
{ customerPhotoRequests { id itemId reason comment orderNumber } }
"""
PROOFS = """
{ customerProofs { id versionNumber round previewUrl freeRevisionsLeft itemId } }
"""
REPLACE = """
mutation($item: ID!, $ref: String!) {
  photoReplace(itemId: $item, uploadReference: $ref) { itemId errors { field code message } }
}
"""
CHANGES = """
mutation($proof: ID!, $comment: String!, $marks: [ChangeMarkInput!]) {
  proofRequestChanges(proofId: $proof, comment: $comment, marks: $marks) {
    overFreeLimit proof { status } errors { field code message }
  }
}
"""
APPROVE = """
mutation($proof: ID!) { proofApprove(proofId: $proof) { proof { status } errors { field code message } } }
"""


def _new_upload(installation: Any, tmp_path: Path) -> CustomerUpload:
    path = tmp_path / "better.jpg"
    path.write_bytes(image_bytes("JPEG", (640, 480)))
    accepted = customer_upload_create(
        installation=installation,
        incoming=IncomingFile(path=path, name="better.jpg", digest=file_digest(path)),
    )
    return accepted.upload


def test_full_loop_from_rejected_photo_to_fulfilment_queue(
    installation: Any,
    customers: SaleorCustomers,
    customer_api: CustomerApi,
    tmp_path: Path,
    settings: Any,
) -> None:
    # given a paid order of the customer whose photo the shop rejected
    item = customer_order(installation, "1001")
    customers.orders_of[CUSTOMER] = {item.order.saleor_order_id}
    token = customer_token(installation)
    item = reject_photo(item)
    send_due_notifications()
    assert [m.subject for m in mail.outbox] == ["Order 1001: we need another photo"]
    assert "Low resolution" in mail.outbox[0].body
    assert "Too blurry" in mail.outbox[0].body
    requests = customer_api(PHOTO_REQUESTS, token=token)["data"]["customerPhotoRequests"]
    assert [(r["reason"], r["comment"], r["orderNumber"]) for r in requests] == [
        ("Low resolution", "Too blurry", "1001")
    ]

    # when the customer sends a new photo
    upload = _new_upload(installation, tmp_path)
    answer = customer_api(
        REPLACE, {"item": requests[0]["itemId"], "ref": upload.reference}, token=token
    )
    assert "errors" not in answer, answer
    assert answer["data"]["photoReplace"]["errors"] == []
    item = reload(item)
    assert item.stage == "IMAGE_REVIEW"
    assert PhotoRequest.objects.get().status == PhotoRequestStatus.REPLACED
    upload.refresh_from_db()
    assert upload.item_id == item.pk

    # the shop approves it, the artist makes the design, QC passes: a proof waits
    item = workflow.item_approve_image(item=item, person=SYSTEM_PERSON)
    artwork_add(item, tmp_path)
    item = workflow.artwork_submit(item=item, person=SYSTEM_PERSON)
    item = workflow.qc_approve(item=item, person=SYSTEM_PERSON)
    customer_requests_open()
    send_due_notifications()
    assert mail.outbox[-1].subject == "Order 1001: your proof is ready"
    proofs = customer_api(PROOFS, token=token)["data"]["customerProofs"]
    assert [(p["versionNumber"], p["round"], p["freeRevisionsLeft"]) for p in proofs] == [(1, 1, 3)]

    # the customer asks for changes with a mark
    answer = customer_api(
        CHANGES,
        {
            "proof": proofs[0]["id"],
            "comment": "Lighter background, please",
            "marks": [{"x": 0.25, "y": 0.5, "note": "here"}],
        },
        token=token,
    )
    assert answer["data"]["proofRequestChanges"] == {
        "overFreeLimit": False,
        "proof": {"status": "Changes requested"},
        "errors": [],
    }
    item = reload(item)
    assert item.stage == "ARTWORK"
    assert item.rework_source == "CUSTOMER_APPROVAL"
    assert [(m.x, m.y, m.note) for m in ChangeMark.objects.all()] == [(0.25, 0.5, "here")]

    # a new version goes through QC and back to the customer, who approves it
    artwork_add(item, tmp_path, colour=(240, 240, 200))
    item = workflow.artwork_submit(item=item, person=SYSTEM_PERSON)
    item = workflow.qc_approve(item=item, person=SYSTEM_PERSON)
    customer_requests_open()
    proofs = customer_api(PROOFS, token=token)["data"]["customerProofs"]
    assert [(p["versionNumber"], p["round"], p["freeRevisionsLeft"]) for p in proofs] == [(2, 2, 2)]
    answer = customer_api(APPROVE, {"proof": proofs[0]["id"]}, token=token)
    assert answer["data"]["proofApprove"] == {"proof": {"status": "Approved"}, "errors": []}

    # then the item is in the fulfilment queue, and everything is on the timeline
    assert reload(item).stage == "FULFILMENT_QUEUE"
    assert [(p.round, p.status, p.decision.kind) for p in Proof.objects.order_by("round")] == [
        (1, ProofStatus.CHANGES_REQUESTED, DecisionKind.CHANGES_REQUESTED),
        (2, ProofStatus.APPROVED, DecisionKind.APPROVED),
    ]
    moves = list(
        TimelineEvent.objects.filter(
            item=item, type__in=[EventType.STAGE_CHANGED, EventType.REJECTED]
        )
        .order_by("id")
        .values_list("to_stage", "actor_type")
    )
    assert moves[-1] == ("FULFILMENT_QUEUE", "CUSTOMER")
    assert ("ARTWORK", "CUSTOMER") in moves
    # reminders of both proofs were cancelled by the decisions: nothing is left to send
    assert set(
        ScheduledNotification.objects.filter(event="PROOF_REMINDER").values_list(
            "status", flat=True
        )
    ) == {"CANCELLED"}
    sent_events = list(
        TimelineEvent.objects.filter(order=item.order, type=EventType.NOTIFICATION_SENT)
        .order_by("id")
        .values_list("reason_code", flat=True)
    )
    assert sent_events == ["PHOTO_REJECTED", "PROOF_READY"]
