"""What the customer decides: approve a proof, ask for changes (with marks), and after a photo was
rejected, send a new one or tell us to go ahead; and the automatic approval after N days.

Each decision is one transaction: the order and item are locked (the workflow's lock order), the
decision is recorded (a unique one-to-one per proof: deciding twice is impossible), the item moves
through the workflow engine's own actions, and the emails follow. A refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from saleor_podops.artwork.models import CustomerUpload, UploadStatus
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.scheduling import (
    managers_of,
    notification_schedule,
    notifications_cancel,
    staff_notify,
)
from saleor_podops.production.models import (
    ActorType,
    EventType,
    ProductionItem,
    ProductionOrder,
)
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.staff.models import StaffMember
from saleor_podops.workflow import actions as workflow
from saleor_podops.workflow.error_codes import WorkflowErrorCode
from saleor_podops.workflow.reasons import reason_codes_for
from saleor_podops.workflow.transitions import SYSTEM_PERSON

from .access import CustomerAccess, not_found
from .error_codes import ApprovalErrorCode, approval_error
from .models import (
    ChangeMark,
    DecisionKind,
    PhotoRequest,
    PhotoRequestStatus,
    Proof,
    ProofDecision,
    ProofStatus,
)
from .proofs import proof_group
from .settings_actions import approval_settings_for

MAX_COMMENT_LENGTH = 5000
MAX_MARKS = 20
MAX_MARK_NOTE_LENGTH = 1000
CUSTOMER_REASON_CODE = "OTHER"


@dataclass(frozen=True)
class MarkInput:
    x: float
    y: float
    note: str = ""


def _lock(item_pk: int) -> ProductionItem:
    item = ProductionItem.objects.get(pk=item_pk)
    ProductionOrder.objects.select_for_update(no_key=True).filter(pk=item.order_id).first()
    return (
        ProductionItem.objects.select_for_update(no_key=True, of=("self",))
        .select_related("order")
        .get(pk=item_pk)
    )


def _locked_open_proof(access: CustomerAccess | None, proof_pk: int | None) -> Proof:
    """The proof under lock, still open and current; the same NOT_FOUND for missing and
    not-yours."""
    proof = Proof.objects.filter(pk=proof_pk).select_related("item").first() if proof_pk else None
    if proof is None or (access is not None and not access.allows(proof.item)):
        raise not_found("proof")
    _lock(proof.item_id)
    proof = (
        Proof.objects.select_for_update(of=("self",))
        .select_related("version", "item__order")
        .get(pk=proof.pk)
    )
    if ProofDecision.objects.filter(proof=proof).exists():
        raise approval_error(
            ApprovalErrorCode.ALREADY_DECIDED,
            "This proof has already been decided; nothing was changed.",
        )
    if proof.status != ProofStatus.AWAITING or proof.item.stage != Stage.CUSTOMER_APPROVAL:
        raise approval_error(
            ApprovalErrorCode.OUTDATED_VERSION,
            f"This proof (version {proof.version.number}) is out of date; reload to see the "
            "current one. Nothing was changed.",
        )
    return proof


def _workflow_refusal(exc: workflow.WorkflowRefused) -> Exception:
    if exc.refusal.code == WorkflowErrorCode.INVALID_STAGE:
        return approval_error(
            ApprovalErrorCode.NOT_AWAITING_CUSTOMER,
            "This item is not waiting for you any more; nothing was changed.",
        )
    return exc


def _decide(
    proof: Proof, *, kind: DecisionKind, actor_type: str, actor_id: str, **fields: object
) -> ProofDecision:
    try:
        with transaction.atomic():
            decision = ProofDecision.objects.create(
                proof=proof, kind=kind, actor_type=actor_type, actor_id=actor_id, **fields
            )
    except IntegrityError:
        raise approval_error(
            ApprovalErrorCode.ALREADY_DECIDED,
            "This proof has already been decided; nothing was changed.",
        ) from None
    proof.status = (
        ProofStatus.CHANGES_REQUESTED
        if kind == DecisionKind.CHANGES_REQUESTED
        else ProofStatus.APPROVED
    )
    proof.decided_at = timezone.now()
    proof.auto_approve_at = None
    proof.save(update_fields=["status", "decided_at", "auto_approve_at", "updated_at"])
    notifications_cancel(installation_id=proof.installation_id, group=proof_group(proof))
    return decision


def proof_approve(*, access: CustomerAccess, proof_pk: int | None) -> Proof:
    """The customer approves the proof: the item goes on (to the fulfilment queue)."""
    with transaction.atomic():
        proof = _locked_open_proof(access, proof_pk)
        _decide(
            proof,
            kind=DecisionKind.APPROVED,
            actor_type=ActorType.CUSTOMER,
            actor_id=access.actor.id,
        )
        try:
            workflow.customer_approve(
                item=proof.item,
                person=access.person,
                comment=f"Approved version {proof.version.number}",
            )
        except workflow.WorkflowRefused as exc:
            raise _workflow_refusal(exc) from None
    return proof


def _clean_marks(marks: Sequence[MarkInput]) -> list[MarkInput]:
    if len(marks) > MAX_MARKS:
        raise approval_error(
            ApprovalErrorCode.INVALID_MARK, f"At most {MAX_MARKS} marks.", field="marks"
        )
    cleaned = []
    for mark in marks:
        if not (0.0 <= mark.x <= 1.0 and 0.0 <= mark.y <= 1.0):
            raise approval_error(
                ApprovalErrorCode.INVALID_MARK,
                "Marks must be on the image (x and y between 0 and 1).",
                field="marks",
            )
        note = mark.note.strip()
        if len(note) > MAX_MARK_NOTE_LENGTH:
            raise approval_error(
                ApprovalErrorCode.INVALID_MARK,
                f"Mark notes are at most {MAX_MARK_NOTE_LENGTH} characters.",
                field="marks",
            )
        cleaned.append(MarkInput(mark.x, mark.y, note))
    return cleaned


def _customer_reason_code(installation_id: int) -> str:
    """The reason code customer change requests are filed under: OTHER while the shop keeps it,
    else its first active code."""
    active = [code.code for code in reason_codes_for(installation_id, active_only=True)]
    return CUSTOMER_REASON_CODE if CUSTOMER_REASON_CODE in active else active[0]


@dataclass(frozen=True)
class ChangeRequestResult:
    proof: Proof
    decision: ProofDecision


def proof_request_changes(
    *,
    access: CustomerAccess,
    proof_pk: int | None,
    comment: str,
    marks: Sequence[MarkInput] = (),
) -> ChangeRequestResult:
    """The customer wants changes: the item goes back to the artist. Past the shop's free revisions
    the request still goes through, flagged for a manager (the order needs attention)."""
    comment = comment.strip()
    if not comment:
        raise approval_error(
            ApprovalErrorCode.COMMENT_REQUIRED, "Tell us what to change.", field="comment"
        )
    if len(comment) > MAX_COMMENT_LENGTH:
        raise approval_error(
            ApprovalErrorCode.INVALID,
            f"At most {MAX_COMMENT_LENGTH} characters.",
            field="comment",
        )
    cleaned = _clean_marks(marks)
    with transaction.atomic():
        proof = _locked_open_proof(access, proof_pk)
        item = proof.item
        revision = (
            ProofDecision.objects.filter(
                proof__item=item, kind=DecisionKind.CHANGES_REQUESTED
            ).count()
            + 1
        )
        free = approval_settings_for(item.installation_id).free_revisions
        over = revision > free
        decision = _decide(
            proof,
            kind=DecisionKind.CHANGES_REQUESTED,
            actor_type=ActorType.CUSTOMER,
            actor_id=access.actor.id,
            comment=comment,
            revision_number=revision,
            over_free_limit=over,
        )
        ChangeMark.objects.bulk_create(
            [
                ChangeMark(decision=decision, x=mark.x, y=mark.y, note=mark.note, position=index)
                for index, mark in enumerate(cleaned)
            ]
        )
        reason_code = _customer_reason_code(item.installation_id)
        try:
            workflow.customer_reject(
                item=item,
                person=access.person,
                reason_code=reason_code,
                comment=comment,
            )
        except workflow.WorkflowRefused as exc:
            raise _workflow_refusal(exc) from None
        _notify_staff_of_changes(proof, decision, free_revisions=free)
    return ChangeRequestResult(proof=proof, decision=decision)


def _notify_staff_of_changes(proof: Proof, decision: ProofDecision, *, free_revisions: int) -> None:
    item, order = proof.item, proof.item.order
    context = {
        "comment": decision.comment,
        "version": str(proof.version.number),
        "revision_number": str(decision.revision_number),
        "free_revisions": str(free_revisions),
    }
    managers = managers_of(item.installation_id)
    artist = (
        StaffMember.objects.filter(
            installation_id=item.installation_id, saleor_user_id=item.artist_user_id
        )
        .exclude(email="")
        .first()
        if item.artist_user_id
        else None
    )
    staff_notify(
        event=NotificationEvent.PROOF_REJECTED,
        order=order,
        item=item,
        key=f"proof:{proof.pk}",
        recipients=[artist] if artist is not None else managers,
        context=context,
    )
    if decision.over_free_limit:
        ProductionOrder.objects.filter(pk=order.pk).update(
            needs_attention=True,
            attention_reason=(
                f"Change request {decision.revision_number} is over the {free_revisions} free "
                "revisions"
            )[:255],
            updated_at=timezone.now(),
        )
        record_event(
            order=order,
            item=item,
            type=EventType.COMMENT,
            actor=proof_actor(decision),
            reason_code="OVER_FREE_REVISIONS",
            comment=f"Revision {decision.revision_number} is over the free limit of "
            f"{free_revisions}: a manager should decide",
            data={"revision": decision.revision_number, "free_revisions": free_revisions},
            is_internal=True,
        )
        staff_notify(
            event=NotificationEvent.CHANGES_OVER_LIMIT,
            order=order,
            item=item,
            key=f"proof:{proof.pk}",
            recipients=managers,
            context=context,
        )


def proof_actor(decision: ProofDecision) -> Actor:
    return Actor(ActorType(decision.actor_type), decision.actor_id)


def proof_auto_approve(*, proof_pk: int) -> Proof | None:
    """Approve a proof nobody answered in time (None when it was decided or moved meanwhile)."""
    try:
        with transaction.atomic():
            proof = _locked_open_proof(None, proof_pk)
            if proof.auto_approve_at is None or proof.auto_approve_at > timezone.now():
                return None
            _decide(
                proof, kind=DecisionKind.AUTO_APPROVED, actor_type=ActorType.SYSTEM, actor_id=""
            )
            workflow.customer_approve(
                item=proof.item,
                person=SYSTEM_PERSON,
                comment=f"Approved version {proof.version.number} automatically: no answer in time",
            )
            notification_schedule(
                event=NotificationEvent.PROOF_AUTO_APPROVED,
                order=proof.item.order,
                item=proof.item,
                recipient=proof.item.order.customer_email,
                key=f"proof:{proof.pk}",
                context={"version": str(proof.version.number)},
            )
    except ValidationError:  # decided, superseded or moved meanwhile: nothing to do
        return None
    return proof


def proofs_auto_approve_due(limit: int = 200) -> int:
    due = Proof.objects.filter(
        status=ProofStatus.AWAITING, auto_approve_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    return sum(proof_auto_approve(proof_pk=pk) is not None for pk in list(due))


# Photos -------------------------------------------------------------------------------------------


def _locked_photo_request(access: CustomerAccess, item_pk: int | None) -> PhotoRequest:
    item = access_item_for_update(access, item_pk)
    if item.stage != Stage.AWAITING_CUSTOMER or item.stage_entered_at is None:
        raise approval_error(
            ApprovalErrorCode.NOT_AWAITING_CUSTOMER,
            "This item is not waiting for a photo from you; nothing was changed.",
        )
    request, _ = PhotoRequest.objects.select_for_update().get_or_create(
        item=item,
        stage_entered_at=item.stage_entered_at,
        defaults={"installation_id": item.installation_id, "order": item.order},
    )
    if request.status != PhotoRequestStatus.AWAITING:
        raise approval_error(
            ApprovalErrorCode.ALREADY_DECIDED,
            "You already answered about this photo; nothing was changed.",
        )
    return request


def access_item_for_update(access: CustomerAccess, item_pk: int | None) -> ProductionItem:
    item = ProductionItem.objects.filter(pk=item_pk).first() if item_pk else None
    if item is None or not access.allows(item):
        raise not_found("item")
    return _lock(item.pk)


def photo_go_ahead(
    *, access: CustomerAccess, item_pk: int | None, comment: str = ""
) -> PhotoRequest:
    """Continue with the current photo despite the problem the shop saw."""
    comment = comment.strip()[:MAX_COMMENT_LENGTH]
    with transaction.atomic():
        request = _locked_photo_request(access, item_pk)
        try:
            workflow.item_customer_go_ahead(
                item=request.item,
                person=access.person,
                comment=comment or "Go ahead with the current photo",
            )
        except workflow.WorkflowRefused as exc:
            raise _workflow_refusal(exc) from None
        request.status = PhotoRequestStatus.GO_AHEAD
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_at", "updated_at"])
    return request


def _attach_replacement(
    item: ProductionItem, upload: CustomerUpload, request: PhotoRequest
) -> bool:
    """Make ``upload`` the item's newest photo (the next version of its current one). True when it
    is usable: accepted, and not linked yet (or already made this item's replacement since the
    request)."""
    if upload.status != UploadStatus.ACCEPTED:
        return False
    if upload.item_id is not None:
        return upload.item_id == item.pk and upload.created_at >= request.created_at
    current = (
        CustomerUpload.objects.select_for_update(of=("self",))
        .filter(item=item, replaced_by__isnull=True)
        .order_by("-version", "-pk")
        .first()
    )
    linked = CustomerUpload.objects.filter(pk=upload.pk, item__isnull=True).update(
        item=item,
        replaces=current,
        version=current.version + 1 if current else 1,
        updated_at=timezone.now(),
    )
    return linked == 1


def photo_replace(
    *, access: CustomerAccess, item_pk: int | None, upload_reference: str
) -> PhotoRequest:
    """Use a newly uploaded photo instead (uploaded through the storefront upload API). The upload
    must be this installation's, accepted, and not used for anything else yet (or already made
    the replacement of this item's photo)."""
    with transaction.atomic():
        request = _locked_photo_request(access, item_pk)
        item = request.item
        upload = (
            CustomerUpload.objects.select_for_update(of=("self",))
            .filter(installation_id=item.installation_id, reference=upload_reference[:64])
            .first()
        )
        if upload is None or not _attach_replacement(item, upload, request):
            raise approval_error(
                ApprovalErrorCode.UPLOAD_NOT_USABLE,
                "That photo cannot be used here: upload it again.",
                field="upload_reference",
            )
        record_event(
            order=item.order,
            item=item,
            type=EventType.FILE_ADDED,
            actor=access.actor,
            reason_code="UPLOAD_REPLACED",
            comment="The customer sent a new photo",
            data={"new": upload.reference},
        )
        try:
            workflow.item_customer_replace_photo(
                item=item, person=access.person, comment="New photo sent"
            )
        except workflow.WorkflowRefused as exc:
            raise _workflow_refusal(exc) from None
        request.status = PhotoRequestStatus.REPLACED
        request.replacement = upload
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "replacement", "decided_at", "updated_at"])
    return request
