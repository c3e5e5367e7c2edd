"""Putting work before the customer: a proof when an item enters CUSTOMER_APPROVAL, a photo request
when its photo was rejected (AWAITING_CUSTOMER), each with its emails.

The workflow moves items; this module notices the moves (``customer_request_open`` right after a
workflow move commits, see ``receivers``; ``customer_requests_open`` by a beat task as the safety net
and for moves made elsewhere) and is idempotent: one proof / request per stage entry (unique
constraints), one email per idempotency key.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from saleor_podops.artwork.models import ArtworkVersion
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.scheduling import notification_schedule, notifications_cancel
from saleor_podops.notifications.settings_actions import notification_settings_for
from saleor_podops.production.models import EventType, ProductionItem, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import SYSTEM, record_event
from saleor_podops.saleor.models import Installation
from saleor_podops.workflow.reasons import reason_codes_for

from .links import approval_link_url
from .models import PhotoRequest, PhotoRequestStatus, Proof, ProofStatus
from .settings_actions import approval_settings_for

logger = logging.getLogger(__name__)


def proof_group(proof: Proof) -> str:
    return f"proof:{proof.pk}"


def customer_link(item: ProductionItem) -> str:
    """Where the customer decides: the storefront's account page for customers with an account
    (when the shop has one), else the hosted page behind a signed link."""
    storefront = approval_settings_for(item.installation_id).storefront_approvals_url
    if storefront and item.order.customer_user_id:
        return storefront
    return approval_link_url(item)


def _lock_item(item_pk: int) -> ProductionItem | None:
    return (
        ProductionItem.objects.select_for_update(of=("self",))
        .select_related("order", "order__installation")
        .filter(pk=item_pk)
        .first()
    )


def proof_open(*, item_pk: int) -> Proof | None:
    """The proof for the item's current stay in CUSTOMER_APPROVAL (made once): its newest artwork
    version, the proof-ready email, the reminders and the auto-approval time. None when the item is
    not waiting for approval or has no artwork."""
    with transaction.atomic():
        item = _lock_item(item_pk)
        if item is None or item.stage != Stage.CUSTOMER_APPROVAL or item.stage_entered_at is None:
            return None
        existing = Proof.objects.filter(item=item, stage_entered_at=item.stage_entered_at).first()
        if existing is not None:
            return existing
        version = ArtworkVersion.objects.filter(item=item).order_by("-number").first()
        if version is None:
            logger.warning("Item %s waits for approval without artwork", item.pk)
            return None
        Proof.objects.filter(item=item, status=ProofStatus.AWAITING).update(
            status=ProofStatus.SUPERSEDED, updated_at=timezone.now()
        )
        settings = notification_settings_for(item.installation_id)
        now = timezone.now()
        try:
            with transaction.atomic():
                proof = Proof.objects.create(
                    installation_id=item.installation_id,
                    order=item.order,
                    item=item,
                    version=version,
                    stage_entered_at=item.stage_entered_at,
                    round=Proof.objects.filter(item=item).count() + 1,
                    auto_approve_at=now + timedelta(days=settings.auto_approve_days)
                    if settings.auto_approve_enabled
                    else None,
                )
        except IntegrityError:
            return Proof.objects.filter(item=item, stage_entered_at=item.stage_entered_at).first()
        record_event(
            order=item.order,
            item=item,
            type=EventType.COMMENT,
            actor=SYSTEM,
            reason_code="PROOF_SENT",
            comment=f"Version {version.number} is waiting for the customer's approval",
            data={"proof": proof.pk, "version": version.number},
        )
        link = customer_link(item)
        common = {"approval_link": link, "version": str(version.number)}
        notification_schedule(
            event=NotificationEvent.PROOF_READY,
            order=item.order,
            item=item,
            recipient=item.order.customer_email,
            key=f"proof:{proof.pk}",
            context=common,
            group=proof_group(proof),
            while_item_waits=True,
        )
        for number, hours in enumerate(settings.reminder_hours, start=1):
            notification_schedule(
                event=NotificationEvent.PROOF_REMINDER,
                order=item.order,
                item=item,
                recipient=item.order.customer_email,
                key=f"proof:{proof.pk}:reminder:{number}",
                context={**common, "reminder_number": str(number)},
                group=proof_group(proof),
                not_before=now + timedelta(hours=hours),
                while_item_waits=True,
            )
    return proof


def _rejection(item: ProductionItem) -> TimelineEvent | None:
    return (
        TimelineEvent.objects.filter(
            item=item, type=EventType.REJECTED, to_stage=Stage.AWAITING_CUSTOMER
        )
        .order_by("-created_at", "-id")
        .first()
    )


def photo_request_open(*, item_pk: int) -> PhotoRequest | None:
    """The request for a new photo (or the go-ahead) for the item's current stay in
    AWAITING_CUSTOMER, with the photo-rejected email (reason and what to do)."""
    with transaction.atomic():
        item = _lock_item(item_pk)
        if item is None or item.stage != Stage.AWAITING_CUSTOMER or item.stage_entered_at is None:
            return None
        request, created = PhotoRequest.objects.get_or_create(
            item=item,
            stage_entered_at=item.stage_entered_at,
            defaults={"installation_id": item.installation_id, "order": item.order},
        )
        if not created:
            return request
        rejection = _rejection(item)
        labels = {code.code: code.label for code in reason_codes_for(item.installation_id)}
        if rejection is not None:
            request.reason_code = rejection.reason_code
            request.reason = labels.get(rejection.reason_code, rejection.reason_code)[:255]
            request.comment = rejection.comment
            request.save(update_fields=["reason_code", "reason", "comment", "updated_at"])
        notification_schedule(
            event=NotificationEvent.PHOTO_REJECTED,
            order=item.order,
            item=item,
            recipient=item.order.customer_email,
            key=f"photo-request:{request.pk}",
            context={
                "reason": request.reason or "the photo cannot be printed well",
                "comment": request.comment,
                "approval_link": customer_link(item),
            },
            while_item_waits=True,
        )
    return request


def stale_requests_close() -> int:
    """Proofs and photo requests whose item left the stage without the customer's answer (a
    manager skipped or held it): closed, their pending emails cancelled."""
    stale_proofs = list(
        Proof.objects.filter(status=ProofStatus.AWAITING)
        .exclude(item__stage=Stage.CUSTOMER_APPROVAL, item__stage_entered_at=F("stage_entered_at"))
        .values_list("pk", "installation_id")
    )
    for pk, installation_id in stale_proofs:
        with transaction.atomic():
            closed = Proof.objects.filter(pk=pk, status=ProofStatus.AWAITING).update(
                status=ProofStatus.SUPERSEDED, auto_approve_at=None, updated_at=timezone.now()
            )
            if closed:
                notifications_cancel(installation_id=installation_id, group=f"proof:{pk}")
    closed_requests = (
        PhotoRequest.objects.filter(status=PhotoRequestStatus.AWAITING)
        .exclude(item__stage=Stage.AWAITING_CUSTOMER, item__stage_entered_at=F("stage_entered_at"))
        .update(status=PhotoRequestStatus.CLOSED, updated_at=timezone.now())
    )
    return len(stale_proofs) + closed_requests


def customer_request_open(*, item_pk: int) -> bool:
    """The proof or photo request of one item's current wait for the customer (idempotent): True
    when the item waits and has one."""
    opened = proof_open(item_pk=item_pk) or photo_request_open(item_pk=item_pk)
    return opened is not None


def customer_requests_open(limit: int = 500) -> int:
    """Every item waiting for the customer without its proof / photo request yet (safety net and
    the way moves made elsewhere reach the customer). Per active installation, so the
    (installation, stage) index serves the scan."""
    count = stale_requests_close()
    for installation_id in Installation.objects.filter(is_active=True).values_list("pk", flat=True):
        count += _open_for_installation(installation_id, limit)
    return count


def _open_for_installation(installation_id: int, limit: int) -> int:
    waiting = ProductionItem.objects.filter(
        installation_id=installation_id, stage_entered_at__isnull=False
    )
    missing_proofs = (
        waiting.filter(stage=Stage.CUSTOMER_APPROVAL)
        .annotate(
            opened=Exists(
                Proof.objects.filter(
                    item_id=OuterRef("pk"), stage_entered_at=OuterRef("stage_entered_at")
                )
            ),
            has_artwork=Exists(ArtworkVersion.objects.filter(item_id=OuterRef("pk"))),
        )
        .filter(opened=False, has_artwork=True)
        .values_list("pk", flat=True)[:limit]
    )
    missing_requests = (
        waiting.filter(stage=Stage.AWAITING_CUSTOMER)
        .annotate(
            opened=Exists(
                PhotoRequest.objects.filter(
                    item_id=OuterRef("pk"), stage_entered_at=OuterRef("stage_entered_at")
                )
            )
        )
        .filter(opened=False)
        .values_list("pk", flat=True)[:limit]
    )
    count = 0
    for pk in list(missing_proofs):
        count += proof_open(item_pk=pk) is not None
    for pk in list(missing_requests):
        count += photo_request_open(item_pk=pk) is not None
    return count
