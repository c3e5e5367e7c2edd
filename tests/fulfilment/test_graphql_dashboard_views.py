"""What the dashboard's fulfilment views read: the queue with each item's approved artwork, its
shipping details and photos; jobs waiting for QA; reprints with their reason and first job. Each
list costs the same number of queries at any length."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.fulfilment import batches, dispatch, qa
from saleor_podops.fulfilment.events import job_record_status
from saleor_podops.fulfilment.models import DefectReason, PartnerJob
from saleor_podops.partners.interface import PartnerStatus
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import Installation

from ..staff_api import FULFILLER, MANAGER, StaffApi, team
from .builders import (
    FULFILLER_P,
    MANAGER_P,
    add_artwork,
    approved_order,
    items_of,
    manual_partner,
    qa_for,
)

pytestmark = pytest.mark.django_db

QUEUE = """{ fulfilmentQueue {
  item { id order { number shipping { methodName address { name city countryCode } } }
         customerUploads { reference thumbnailUrl } }
  approvedArtwork { number originalName }
} }"""
JOBS = """query J($qa: Boolean, $reprints: Boolean) {
  partnerJobs(qaPending: $qa, reprints: $reprints) {
    id dispatchState partnerStatus partnerReason reprintReason reprintComment
    reprintOf { id dispatchState partnerStatus }
    order { number shipping { address { city } } }
    lines { id qaState artworkVersion artwork { number } item { id order { number } } }
  }
}"""
BATCHES = (
    """{ fulfilmentBatches { id items { id order { number shipping { address { city } } } } } }"""
)


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, str(pk))


def ok(answer: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in answer, answer
    return answer["data"]


def queued(installation: Installation, number: str, count: int = 1) -> ProductionOrder:
    with time_machine.travel(timezone.now() - timedelta(hours=3)):
        order = approved_order(installation, number, product_types=("portrait",) * count)
    for item in items_of(order):
        CustomerUpload.objects.create(
            installation=installation,
            item=item,
            file=f"uploads/{item.pk}.jpg",
            thumbnail=f"thumbnails/{item.pk}.jpg",
        )
    return order


def sent(installation: Installation, order: ProductionOrder, partner: PrintPartner) -> PartnerJob:
    batch = batches.batch_create(
        installation=installation,
        partner=partner,
        item_ids=[item.pk for item in items_of(order)],
        person=FULFILLER_P,
    )
    [job] = dispatch.batch_send(batch=batch, person=FULFILLER_P)
    return job


def printed_and_failed(installation: Installation, number: str, partner: PrintPartner) -> None:
    """A job printed, QA failed (a reprint waits) and one printed waiting for QA."""
    failed = sent(installation, queued(installation, number), partner)
    job_record_status(job=failed, person=FULFILLER_P, status=PartnerStatus.PRINTED)
    qa.line_qa_fail(
        line=failed.lines.get(),
        person=FULFILLER_P,
        reason=DefectReason.COLOUR_SHIFT,
        comment="Too red",
    )
    waiting = sent(installation, queued(installation, f"{number}1"), partner)
    job_record_status(job=waiting, person=FULFILLER_P, status=PartnerStatus.PRINTED)


def test_the_queue_shows_the_approved_artwork_shipping_and_photos(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given an item whose artist made two versions (the second was approved)
    team(installation)
    order = queued(installation, "6101")
    (item,) = items_of(order)
    add_artwork(item, number=2)

    # when
    (entry,) = ok(staff_api.as_user(installation, FULFILLER, QUEUE))["fulfilmentQueue"]

    # then
    assert entry["approvedArtwork"] == {"number": 2, "originalName": "art-2.png"}
    assert entry["item"]["order"] == {
        "number": "6101",
        "shipping": {
            "methodName": "DHL Express",
            "address": {"name": "Ashley Cook", "city": "Berlin", "countryCode": "DE"},
        },
    }
    (photo,) = entry["item"]["customerUploads"]
    assert photo["thumbnailUrl"].startswith("http://localhost:8000/api/files/")


def test_jobs_waiting_for_qa_and_reprints_with_their_reason_and_first_job(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given QA for portraits, a job failed QA (reprinted), a printed one waiting for QA, and a
    # job sent without QA
    team(installation)
    settings = qa_for(installation, "portrait")
    partner = manual_partner(installation)
    printed_and_failed(installation, "6201", partner)
    settings.qa_product_types = []
    settings.spot_check_percent = 0
    settings.save()
    unchecked = sent(installation, queued(installation, "6203"), partner)
    first = PartnerJob.objects.get(order__number="6201", reprint_of__isnull=True)
    reprint = PartnerJob.objects.get(reprint_of=first)

    def jobs(**variables: Any) -> list[dict[str, Any]]:
        return ok(staff_api.as_user(installation, FULFILLER, JOBS, variables))["partnerJobs"]

    # when / then: waiting for QA: the printed job (the reprint is not sent yet)
    (pending,) = jobs(qa=True)
    assert (pending["order"]["number"], pending["partnerStatus"]) == ("62011", "PRINTED")
    assert [(line["qaState"], line["artwork"]) for line in pending["lines"]] == [
        ("REQUIRED", {"number": 1})
    ]
    # the reprint, linked to the first job, says why
    (listed,) = jobs(reprints=True)
    assert listed["id"] == gid("PartnerJob", reprint.pk)
    assert (listed["reprintReason"], listed["reprintComment"]) == ("COLOUR_SHIFT", "Too red")
    assert listed["reprintOf"] == {
        "id": gid("PartnerJob", first.pk),
        "dispatchState": "SENT",
        "partnerStatus": "PRINTED",
    }
    assert listed["dispatchState"] == "WAITING"
    # first jobs only: no reprint, nothing said about reprints
    firsts = jobs(reprints=False)
    assert {job["id"] for job in firsts} == {
        gid("PartnerJob", pk)
        for pk in PartnerJob.objects.filter(reprint_of__isnull=True).values_list("pk", flat=True)
    }
    assert gid("PartnerJob", unchecked.pk) in {job["id"] for job in firsts}
    assert {(job["reprintReason"], job["reprintComment"], job["reprintOf"]) for job in firsts} == {
        (None, "", None)
    }


def test_a_managers_reprint_says_its_reason(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    job = sent(installation, queued(installation, "6301"), manual_partner(installation))
    qa.line_reprint(line=job.lines.get(), person=MANAGER_P, reason=DefectReason.DAMAGED)

    (listed,) = ok(staff_api.as_user(installation, MANAGER, JOBS, {"reprints": True}))[
        "partnerJobs"
    ]

    assert (listed["reprintReason"], listed["reprintComment"]) == (
        "DAMAGED",
        f"Reprint of job {job.pk}",
    )


def test_a_failed_job_says_what_the_partner_said(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given a job the partner held, then reported failed, and another one that only printed
    team(installation)
    partner = manual_partner(installation)
    failed = sent(installation, queued(installation, "6601"), partner)
    job_record_status(
        job=failed, person=FULFILLER_P, status=PartnerStatus.ON_HOLD, reason="File unreadable"
    )
    job_record_status(
        job=failed, person=FULFILLER_P, status=PartnerStatus.FAILED, reason="Printer jammed"
    )
    printed = sent(installation, queued(installation, "6602"), partner)
    job_record_status(job=printed, person=FULFILLER_P, status=PartnerStatus.PRINTED)

    # when
    jobs = ok(staff_api.as_user(installation, MANAGER, JOBS))["partnerJobs"]

    # then
    assert {
        job["order"]["number"]: (job["partnerStatus"], job["partnerReason"]) for job in jobs
    } == {
        "6601": ("FAILED", "Printer jammed"),
        "6602": ("PRINTED", ""),
    }


def test_the_views_lists_cost_a_constant_number_of_queries(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given
    team(installation)
    qa_for(installation, "portrait")
    partner = manual_partner(installation)
    staff_api.as_user(installation, FULFILLER, "{ fulfilmentSettings { graceMinutes } }")

    def world(start: int, count: int) -> None:
        for number in range(start, start + count):
            printed_and_failed(installation, str(number), partner)
            held = sent(installation, queued(installation, f"{number}7"), partner)
            job_record_status(
                job=held, person=FULFILLER_P, status=PartnerStatus.ON_HOLD, reason="Unclear"
            )
            queued(installation, f"{number}9", count=2)
            batches.batch_create(
                installation=installation,
                partner=partner,
                item_ids=[item.pk for item in items_of(queued(installation, f"{number}8"))],
                person=FULFILLER_P,
            )

    def count(query: str, variables: dict[str, Any] | None = None) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            data = ok(staff_api.as_user(installation, FULFILLER, query, variables))
        return len(captured.captured_queries), str(data)

    documents: list[tuple[str, dict[str, Any] | None]] = [
        (QUEUE, None),
        (JOBS, None),
        (JOBS, {"qa": True}),
        (JOBS, {"reprints": True}),
        (BATCHES, None),
    ]
    world(6400, 1)
    few = [count(query, variables) for query, variables in documents]

    # when the lists grow
    world(6500, 3)
    more = [count(query, variables) for query, variables in documents]

    # then
    assert [queries for queries, _ in more] == [queries for queries, _ in few]
    assert all(len(large) > len(small) for (_, small), (_, large) in zip(few, more, strict=True))
