"""QA after production: the gate per product type, spot checks, fail -> reprint (same approved
artwork, linked job) -> pass -> ship, and shipping waits for QA."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from saleor_podops.artwork.incoming import IncomingFile
from saleor_podops.fulfilment import batches, dispatch, qa
from saleor_podops.fulfilment.error_codes import FulfilmentError, FulfilmentErrorCode
from saleor_podops.fulfilment.events import job_record_status
from saleor_podops.fulfilment.models import (
    DefectReason,
    DispatchState,
    JobLine,
    PartnerJob,
    QaCheck,
    QaState,
)
from saleor_podops.fulfilment.queue import fulfilment_settings_for
from saleor_podops.partners.interface import ParcelReport, PartnerStatus
from saleor_podops.production.models import EventType, OrderStatus, ProductionOrder, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import Installation

from ..artwork.images import image_bytes
from ..saleor_stub import SaleorStub
from .builders import (
    ARTIST_P,
    FULFILLER_P,
    MANAGER_P,
    approved_order,
    items_of,
    manual_partner,
    qa_for,
)
from .test_status_events import saleor_order_state

pytestmark = pytest.mark.django_db


def sent_to_print_shop(installation: Installation, order: ProductionOrder) -> PartnerJob:
    partner = manual_partner(installation)
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order)],
        person=FULFILLER_P,
    )
    [job] = dispatch.batch_send(
        batch=batch, person=FULFILLER_P, now=timezone.now() + timedelta(hours=3)
    )
    return job


def qa_state() -> list[tuple[object, ...]]:
    return [
        (line.job_id, line.qa_state, line.shipped_at) for line in JobLine.objects.order_by("id")
    ] + [(PartnerJob.objects.count(), QaCheck.objects.count(), TimelineEvent.objects.count())]


def test_fail_reprint_pass_ship(
    installation: Installation, saleor: SaleorStub, tmp_path: Path
) -> None:
    # given portraits go through QA, and one is printed
    settings = fulfilment_settings_for(installation)
    settings.qa_product_types = ["portrait"]
    settings.save()
    order = approved_order(installation, "7001")
    job = sent_to_print_shop(installation, order)
    [line] = job.lines.all()
    assert (line.qa_state, line.spot_check) == (QaState.REQUIRED, False)
    job = job_record_status(job=job, person=FULFILLER_P, status=PartnerStatus.PRINTED)

    # when QA fails it for a misprint, with a photo
    photo = tmp_path / "defect.jpg"
    photo.write_bytes(image_bytes("JPEG", (32, 24)))
    reprint_line = qa.line_qa_fail(
        line=line,
        person=FULFILLER_P,
        reason=DefectReason.MISPRINT,
        comment="Streaks across the face",
        photo=IncomingFile.from_path(photo),
    )

    # then a reprint job is waiting: same partner, linked, same approved artwork version
    reprint = reprint_line.job
    line.refresh_from_db()
    assert line.qa_state == QaState.FAILED
    assert (reprint.reprint_of_id, reprint.partner_id, reprint.dispatch_state) == (
        job.pk,
        job.partner_id,
        DispatchState.WAITING,
    )
    assert (reprint_line.reprint_of_id, reprint_line.artwork_version_id) == (
        line.pk,
        line.artwork_version_id,
    )
    assert reprint_line.qa_state == QaState.REQUIRED
    check = QaCheck.objects.get(line=line)
    assert (check.result, check.defect_reason, bool(check.photo)) == ("FAIL", "MISPRINT", True)
    assert list(
        TimelineEvent.objects.filter(
            type__in=[EventType.QA_FAILED, EventType.REPRINT_CREATED]
        ).values_list("type", "reason_code")
    ) == [("QA_FAILED", "MISPRINT"), ("REPRINT_CREATED", "MISPRINT")]
    assert items_of(order)[0].stage == Stage.IN_PRODUCTION

    # when the reprint is handed over, printed, passes QA and ships
    saleor_order_state(saleor, order)
    dispatch.job_mark_sent(job=reprint, person=FULFILLER_P)
    reprint.refresh_from_db()
    reprint = job_record_status(job=reprint, person=FULFILLER_P, status=PartnerStatus.PRINTED)
    qa.line_qa_pass(line=reprint_line, person=FULFILLER_P)
    job_record_status(
        job=reprint,
        person=FULFILLER_P,
        status=PartnerStatus.SHIPPED,
        parcels=[ParcelReport("DHL", "TN-R1", "https://track.example/TN-R1")],
    )
    outbox.flush()

    # then the item has shipped with the reprint's tracking, the order is complete
    assert items_of(order)[0].stage == Stage.SHIPPED
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    [fulfil] = saleor.operations("OrderFulfill")
    assert fulfil["variables"]["input"]["trackingNumber"] == "TN-R1"


def test_a_returned_line_whose_reprint_fails_qa_reships_on_saleors_first_fulfillment(
    installation: Installation, saleor: SaleorStub
) -> None:
    # given a line that shipped (Saleor fulfilled it with TN-1) and came back
    settings = fulfilment_settings_for(installation)
    settings.spot_check_percent = Decimal(0)
    settings.save()
    order = approved_order(installation, "7011")
    saleor_order_state(saleor, order)
    job = sent_to_print_shop(installation, order)
    [line] = job.lines.all()
    job_record_status(
        job=job,
        person=FULFILLER_P,
        status=PartnerStatus.SHIPPED,
        parcels=[ParcelReport("DHL", "TN-1")],
    )
    outbox.flush()
    job_record_status(job=job, person=FULFILLER_P, status=PartnerStatus.RETURNED, reason="Torn")

    # when its reprint (checked now: portraits go through QA) fails QA, and the reprint of the
    # reprint passes and ships
    qa_for(installation, "portrait")
    reprint_line = qa.line_reprint(line=line, person=MANAGER_P, reason=DefectReason.DAMAGED)
    assert reprint_line.qa_state == QaState.REQUIRED
    first_reprint = dispatch.job_mark_sent(job=reprint_line.job, person=FULFILLER_P)
    job_record_status(job=first_reprint, person=FULFILLER_P, status=PartnerStatus.PRINTED)
    second = qa.line_qa_fail(line=reprint_line, person=FULFILLER_P, reason=DefectReason.MISPRINT)
    second_reprint = dispatch.job_mark_sent(job=second.job, person=FULFILLER_P)
    job_record_status(job=second_reprint, person=FULFILLER_P, status=PartnerStatus.PRINTED)
    qa.line_qa_pass(line=second, person=FULFILLER_P)
    job_record_status(
        job=second_reprint,
        person=FULFILLER_P,
        status=PartnerStatus.SHIPPED,
        parcels=[ParcelReport("DHL", "TN-3")],
    )
    outbox.flush()

    # then Saleor's one fulfillment of the line takes the new tracking, noted on the timeline
    assert len(saleor.operations("OrderFulfill")) == 1
    assert [op["variables"] for op in saleor.operations("FulfillmentUpdateTracking")] == [
        {"id": "RnVsZmlsbG1lbnQ6MQ==", "input": {"trackingNumber": "TN-3", "notifyCustomer": False}}
    ]
    shipped = TimelineEvent.objects.filter(type=EventType.PARCEL_SHIPPED).order_by("id")
    assert [event.comment for event in shipped] == [
        "Parcel shipped: DHL TN-1",
        "Parcel shipped: DHL TN-3; Saleor's fulfillment tracking TN-1 -> TN-3",
    ]


def test_shipping_waits_for_qa_and_qa_waits_for_printing(installation: Installation) -> None:
    settings = fulfilment_settings_for(installation)
    settings.qa_product_types = ["portrait"]
    settings.save()
    order = approved_order(installation, "7101")
    job = sent_to_print_shop(installation, order)
    [line] = job.lines.all()
    before = qa_state()

    with pytest.raises(FulfilmentError) as not_printed:
        qa.line_qa_pass(line=line, person=FULFILLER_P)
    assert not_printed.value.code == FulfilmentErrorCode.QA_NOT_READY
    with pytest.raises(FulfilmentError) as unchecked:
        job_record_status(
            job=job,
            person=FULFILLER_P,
            status=PartnerStatus.SHIPPED,
            parcels=[ParcelReport("DHL", "TN-1")],
        )
    assert unchecked.value.code == FulfilmentErrorCode.QA_PENDING
    with pytest.raises(FulfilmentError) as no_tracking:
        job_record_status(
            job=job,
            person=FULFILLER_P,
            status=PartnerStatus.SHIPPED,
            parcels=[ParcelReport("DHL", " ")],
        )
    assert no_tracking.value.code == FulfilmentErrorCode.TRACKING_REQUIRED
    with pytest.raises(FulfilmentError) as artist:
        qa.line_qa_pass(line=line, person=ARTIST_P)
    assert artist.value.code == FulfilmentErrorCode.ROLE_REQUIRED
    assert qa_state() == before
    assert items_of(order)[0].stage == Stage.IN_PRODUCTION


def test_other_needs_a_comment_and_a_line_is_reprinted_once(installation: Installation) -> None:
    settings = fulfilment_settings_for(installation)
    settings.qa_product_types = ["portrait"]
    settings.save()
    order = approved_order(installation, "7201")
    job = sent_to_print_shop(installation, order)
    job_record_status(job=job, person=FULFILLER_P, status=PartnerStatus.PRINTED)
    [line] = job.lines.all()
    before = qa_state()

    with pytest.raises(FulfilmentError) as silent:
        qa.line_qa_fail(line=line, person=FULFILLER_P, reason=DefectReason.OTHER)
    assert (silent.value.code, list(silent.value.error_dict)) == (
        FulfilmentErrorCode.INVALID,
        ["comment"],
    )
    assert qa_state() == before

    qa.line_qa_fail(line=line, person=FULFILLER_P, reason=DefectReason.DAMAGED)
    after_fail = qa_state()
    with pytest.raises(FulfilmentError) as twice:
        qa.line_reprint(line=line, person=MANAGER_P, reason=DefectReason.DAMAGED)
    assert twice.value.code == FulfilmentErrorCode.ALREADY_REPRINTED
    assert qa_state() == after_fail


@pytest.mark.parametrize(
    ("percent", "expected"), [(Decimal(0), QaState.NOT_REQUIRED), (Decimal(100), QaState.REQUIRED)]
)
def test_spot_checks_pick_a_share_when_the_gate_is_off(
    installation: Installation, percent: Decimal, expected: QaState
) -> None:
    settings = fulfilment_settings_for(installation)
    settings.spot_check_percent = percent
    settings.save()
    order = approved_order(installation, "7301", product_types=("mug", "mug", "mug"))

    job = sent_to_print_shop(installation, order)

    assert [(line.qa_state, line.spot_check) for line in job.lines.order_by("id")] == [
        (expected, expected == QaState.REQUIRED)
    ] * 3


def test_the_default_spot_check_share_is_two_percent(installation: Installation) -> None:
    assert fulfilment_settings_for(installation).spot_check_percent == Decimal("2.00")
    assert fulfilment_settings_for(installation).grace_minutes == 120


def test_without_qa_the_fulfiller_ships_directly(
    installation: Installation, saleor: SaleorStub
) -> None:
    settings = fulfilment_settings_for(installation)
    settings.spot_check_percent = Decimal(0)
    settings.save()
    order = approved_order(installation, "7401")
    saleor_order_state(saleor, order)
    job = sent_to_print_shop(installation, order)

    job_record_status(
        job=job,
        person=FULFILLER_P,
        status=PartnerStatus.SHIPPED,
        parcels=[ParcelReport("DHL", "TN-9")],
    )

    assert items_of(order)[0].stage == Stage.SHIPPED
