"""Deciding on proofs and photos: once only, only the current version, limits and marks checked,
free revisions counted; every refusal changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from saleor_podops.approvals.access import CustomerAccess
from saleor_podops.approvals.actions import (
    MarkInput,
    photo_go_ahead,
    photo_replace,
    proof_approve,
    proof_request_changes,
)
from saleor_podops.approvals.error_codes import AccessDenied
from saleor_podops.approvals.links import approval_link_read, approval_link_token
from saleor_podops.approvals.models import (
    ApprovalSettings,
    ChangeMark,
    DecisionKind,
    PhotoRequest,
    Proof,
    ProofDecision,
    ProofStatus,
)
from saleor_podops.approvals.proofs import customer_requests_open
from saleor_podops.artwork.imaging import file_digest
from saleor_podops.artwork.incoming import IncomingFile
from saleor_podops.artwork.uploads import customer_upload_create
from saleor_podops.notifications.models import ScheduledNotification
from saleor_podops.production.models import ProductionItem, ProductionOrder, TimelineEvent
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.transitions import Person, PersonKind

from ..artwork.images import image_bytes
from ..customer_api import (
    CUSTOMER,
    bring_to_approval,
    customer_order,
    reject_photo,
    reload,
)
from ..staff_api import ARTIST, MANAGER, staff_member

MANAGER_PERSON = Person(PersonKind.STAFF, MANAGER, frozenset({Role.MANAGER}))


def _access(item: ProductionItem) -> CustomerAccess:
    return CustomerAccess(
        installation=item.installation, user_id=CUSTOMER, order_ids=frozenset({item.order_id})
    )


def _snapshot() -> tuple[Any, ...]:
    return (
        sorted(ProductionItem.objects.values_list("pk", "stage", "rejection_count")),
        sorted(Proof.objects.values_list("pk", "status")),
        ProofDecision.objects.count(),
        ChangeMark.objects.count(),
        sorted(PhotoRequest.objects.values_list("pk", "status")),
        TimelineEvent.objects.count(),
        ScheduledNotification.objects.count(),
        list(ProductionOrder.objects.values_list("needs_attention", flat=True)),
    )


def _codes(exc: ValidationError) -> list[tuple[str, str | None]]:
    return [(field, e.code) for field, errors in exc.error_dict.items() for e in errors]


@pytest.fixture
def proof(installation: Installation, tmp_path: Path) -> Proof:
    item = bring_to_approval(customer_order(installation), tmp_path)
    return Proof.objects.get(item=item)


def test_deciding_twice_is_refused_and_changes_nothing(proof: Proof) -> None:
    access = _access(proof.item)
    proof_approve(access=access, proof_pk=proof.pk)
    before = _snapshot()

    with pytest.raises(ValidationError) as approve_again:
        proof_approve(access=access, proof_pk=proof.pk)
    with pytest.raises(ValidationError) as change_after:
        proof_request_changes(access=access, proof_pk=proof.pk, comment="Wait")

    assert _codes(approve_again.value) == [("id", "ALREADY_DECIDED")]
    assert _codes(change_after.value) == [("id", "ALREADY_DECIDED")]
    assert approve_again.value.messages == [
        "This proof has already been decided; nothing was changed."
    ]
    assert _snapshot() == before


def test_the_database_allows_one_decision_per_proof(proof: Proof) -> None:
    ProofDecision.objects.create(proof=proof, kind=DecisionKind.APPROVED, actor_type="CUSTOMER")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProofDecision.objects.create(
            proof=proof, kind=DecisionKind.CHANGES_REQUESTED, actor_type="CUSTOMER"
        )

    assert ProofDecision.objects.filter(proof=proof).count() == 1


def test_an_out_of_date_proof_cannot_be_approved(proof: Proof) -> None:
    # given the item was held and resumed: its new stay in approval has a new proof
    item = workflow.item_hold(item=proof.item, person=MANAGER_PERSON)
    item = workflow.item_resume(item=item, person=MANAGER_PERSON)
    customer_requests_open()
    current = Proof.objects.get(status=ProofStatus.AWAITING)
    assert (current.round, Proof.objects.get(pk=proof.pk).status) == (2, ProofStatus.SUPERSEDED)
    before = _snapshot()

    # when the customer approves the old one
    with pytest.raises(ValidationError) as refused:
        proof_approve(access=_access(item), proof_pk=proof.pk)

    # then it is refused, with the reason, and nothing changed
    assert _codes(refused.value) == [("id", "OUTDATED_VERSION")]
    assert refused.value.messages == [
        "This proof (version 1) is out of date; reload to see the current one. Nothing was changed."
    ]
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("comment", "marks", "expected"),
    [
        ("   ", [], [("comment", "COMMENT_REQUIRED")]),
        ("x" * 5001, [], [("comment", "INVALID")]),
        ("Move it", [MarkInput(1.5, 0.2)], [("marks", "INVALID_MARK")]),
        ("Move it", [MarkInput(0.5, -0.1)], [("marks", "INVALID_MARK")]),
        ("Move it", [MarkInput(0.5, 0.5)] * 21, [("marks", "INVALID_MARK")]),
        ("Move it", [MarkInput(0.5, 0.5, "n" * 1001)], [("marks", "INVALID_MARK")]),
    ],
)
def test_bad_change_requests_are_refused(
    proof: Proof, comment: str, marks: list[MarkInput], expected: list[tuple[str, str]]
) -> None:
    before = _snapshot()

    with pytest.raises(ValidationError) as refused:
        proof_request_changes(
            access=_access(proof.item), proof_pk=proof.pk, comment=comment, marks=marks
        )

    assert _codes(refused.value) == expected
    assert _snapshot() == before


def test_change_requests_past_the_free_limit_go_through_flagged_for_a_manager(
    installation: Installation, proof: Proof, tmp_path: Path
) -> None:
    # given one free revision, a manager and the artist who made the design
    ApprovalSettings.objects.update_or_create(
        installation=installation, defaults={"free_revisions": 1}
    )
    staff_member(installation, MANAGER, Role.MANAGER)
    staff_member(installation, ARTIST, Role.ARTIST)
    ProductionItem.objects.filter(pk=proof.item_id).update(artist_user_id=ARTIST)
    access = _access(proof.item)

    # when the customer asks for changes twice
    first = proof_request_changes(access=access, proof_pk=proof.pk, comment="Lighter")
    item = bring_to_approval(proof.item, tmp_path)
    second_proof = Proof.objects.get(status=ProofStatus.AWAITING)
    second = proof_request_changes(
        access=access,
        proof_pk=second_proof.pk,
        comment="Darker",
        marks=[MarkInput(0.1, 0.9, "hair")],
    )

    # then both went back to the artist; the second is over the limit and flagged
    assert (first.decision.revision_number, first.decision.over_free_limit) == (1, False)
    assert (second.decision.revision_number, second.decision.over_free_limit) == (2, True)
    assert reload(item).stage == "ARTWORK"
    order = ProductionOrder.objects.get(pk=item.order_id)
    assert order.needs_attention is True
    assert order.attention_reason == "Change request 2 is over the 1 free revisions"
    scheduled = sorted(
        ScheduledNotification.objects.filter(
            event__in=["PROOF_REJECTED", "CHANGES_OVER_LIMIT"]
        ).values_list("event", "recipient")
    )
    assert scheduled == [
        ("CHANGES_OVER_LIMIT", "vxnlcjoy@example.com"),
        ("PROOF_REJECTED", "vxnlcjo0@example.com"),
        ("PROOF_REJECTED", "vxnlcjo0@example.com"),
    ]


def test_photo_go_ahead_once(installation: Installation) -> None:
    item = reject_photo(customer_order(installation))
    access = _access(item)

    photo_go_ahead(access=access, item_pk=item.pk)
    before = _snapshot()
    with pytest.raises(ValidationError) as again:
        photo_go_ahead(access=access, item_pk=item.pk)

    assert reload(item).stage == "ARTWORK"
    assert _codes(again.value) == [("id", "NOT_AWAITING_CUSTOMER")]
    assert _snapshot() == before


def _upload(installation: Installation, tmp_path: Path, name: str = "new.jpg") -> Any:
    path = tmp_path / name
    path.write_bytes(image_bytes("JPEG", (640, 480)))
    return customer_upload_create(
        installation=installation,
        incoming=IncomingFile(path=path, name=name, digest=file_digest(path)),
    ).upload


def test_a_replacement_photo_must_be_unused_and_of_this_shop(
    installation: Installation, other_installation: Installation, tmp_path: Path
) -> None:
    item = reject_photo(customer_order(installation))
    other_item = customer_order(installation, "1002")
    foreign = _upload(other_installation, tmp_path, "foreign.jpg")
    used = _upload(installation, tmp_path, "used.jpg")
    type(used).objects.filter(pk=used.pk).update(item=other_item)
    before = _snapshot()

    for reference in (foreign.reference, used.reference, "upl_missing"):
        with pytest.raises(ValidationError) as refused:
            photo_replace(access=_access(item), item_pk=item.pk, upload_reference=reference)
        assert _codes(refused.value) == [("upload_reference", "UPLOAD_NOT_USABLE")]

    assert _snapshot() == before


def test_a_link_dies_once_the_customer_decided(proof: Proof) -> None:
    link = approval_link_token(proof.item)
    assert approval_link_read(link).item_id == proof.item_id

    proof_approve(access=_access(proof.item), proof_pk=proof.pk)

    with pytest.raises(AccessDenied) as refused:
        approval_link_read(link)
    assert refused.value.code == "LINK_USED_UP"
