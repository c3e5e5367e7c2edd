"""The fulfilment lifecycle through the staff API as the dashboard drives it, query counts of the
lists, the archive link, and the settings a manager changes."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from saleor_podops.fulfilment import batches, dispatch
from saleor_podops.fulfilment.models import FulfilmentSettings, JobLine, PartnerJob
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation

from ..saleor_stub import SaleorStub
from ..staff_api import FULFILLER, MANAGER, StaffApi, team
from .builders import FULFILLER_P, approved_order, items_of
from .test_status_events import saleor_order_state

pytestmark = pytest.mark.django_db


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, str(pk))


def ok(answer: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in answer, answer
    (payload,) = answer["data"].values()
    if isinstance(payload, dict) and "errors" in payload:
        assert payload["errors"] == [], answer
    return payload  # type: ignore[no-any-return]


def test_from_queue_to_shipped_through_the_api(
    installation: Installation, saleor: SaleorStub, staff_api: StaffApi, client: Client
) -> None:
    team(installation)
    as_manager = lambda q, v=None: staff_api.as_user(installation, MANAGER, q, v)  # noqa: E731
    as_fulfiller = lambda q, v=None: staff_api.as_user(installation, FULFILLER, q, v)  # noqa: E731
    start = timezone.now()
    order = approved_order(installation, "9101", product_types=("portrait", "portrait"))
    saleor_order_state(saleor, order)

    # a manager sets up a manual partner and switches spot checks off
    partner = ok(
        as_manager(
            'mutation { printPartnerCreate(input: {name: "Shop", kind: MANUAL}) '
            "{ partner { id kind webhookUrl } errors { field code message } } }"
        )
    )["partner"]
    ok(
        as_manager(
            "mutation { fulfilmentSettingsUpdate(input: {spotCheckPercent: 0}) { errors { code } } }"
        )
    )

    # the fulfiller sees the queue and batches it
    queue = ok(as_fulfiller("{ fulfilmentQueue { item { id } inGrace isLate priorityReasons } }"))
    assert [row["inGrace"] for row in queue] == [True, True]
    batch = ok(
        as_fulfiller(
            "mutation($p: ID, $i: [ID!]!) { batchCreate(partner: $p, items: $i) "
            "{ batch { id productTypeSlug destinationCountry items { id } } errors { code } } }",
            {"p": partner["id"], "i": [row["item"]["id"] for row in queue]},
        )
    )["batch"]
    assert (batch["productTypeSlug"], batch["destinationCountry"], len(batch["items"])) == (
        "portrait",
        "DE",
        2,
    )

    # sending inside the grace window is refused with a code
    refused = as_fulfiller(
        "mutation($id: ID!) { batchSend(id: $id) { jobs { id } errors { code message } } }",
        {"id": batch["id"]},
    )
    assert [e["code"] for e in refused["data"]["batchSend"]["errors"]] == ["GRACE_PERIOD_ACTIVE"]

    # the archive link streams the zip
    url = ok(
        as_fulfiller(
            "mutation($b: ID) { archiveLinkCreate(batch: $b) { url errors { code } } }",
            {"b": batch["id"]},
        )
    )["url"]
    response = client.get(url.removeprefix("http://localhost:8000"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as zipped:
        assert sorted(zipped.namelist()) == [
            "artwork/9101-1-v1.png",
            "artwork/9101-2-v1.png",
            "print-metadata.json",
        ]
    assert client.get("/api/fulfilment/archives/forged").status_code == 404

    # after the window it is sent; the fulfiller records printing and the shipment
    with time_machine.travel(start + timedelta(hours=2, minutes=5)):
        sent = ok(
            as_fulfiller(
                "mutation($id: ID!) { batchSend(id: $id) "
                "{ jobs { id dispatchState lines { id qaState } } errors { code } } }",
                {"id": batch["id"]},
            )
        )
        [job] = sent["jobs"]
        assert job["dispatchState"] == "SENT"
        assert [line["qaState"] for line in job["lines"]] == ["NOT_REQUIRED"] * 2
        ok(
            as_fulfiller(
                "mutation($id: ID!) { jobRecordStatus(id: $id, status: PRINTED) "
                "{ job { partnerStatus } errors { code } } }",
                {"id": job["id"]},
            )
        )
        shipped = ok(
            as_fulfiller(
                "mutation($id: ID!, $l: ID!) { jobRecordStatus(id: $id, status: SHIPPED, "
                'parcels: [{carrier: "DHL", trackingNumber: "TN-API", lines: [$l]}]) '
                "{ job { partnerStatus parcels { trackingNumber } } errors { code message } } }",
                {"id": job["id"], "l": job["lines"][0]["id"]},
            )
        )
    assert shipped["job"]["parcels"] == [{"trackingNumber": "TN-API"}]
    assert [item.stage for item in items_of(order)] == [Stage.SHIPPED, Stage.IN_PRODUCTION]

    # the manager's metrics see the queue emptied
    metrics = ok(
        as_manager("{ productionMetrics { fulfilmentQueueDepth itemsPerStage { stage items } } }")
    )
    assert metrics == {
        "fulfilmentQueueDepth": 0,
        "itemsPerStage": [{"stage": "IN_PRODUCTION", "items": 1}],
    }


def _sent_orders(installation: Installation, numbers: tuple[str, ...]) -> None:
    partner = PrintPartner.objects.get_or_create(
        installation=installation, name="Shop", defaults={"kind": "MANUAL"}
    )[0]
    for number in numbers:
        with time_machine.travel(timezone.now() - timedelta(hours=3)):
            order = approved_order(installation, number, product_types=("portrait", "portrait"))
        batch = batches.batch_create(
            installation=installation,
            partner=partner,
            item_ids=[item.pk for item in items_of(order)],
            person=FULFILLER_P,
        )
        dispatch.batch_send(batch=batch, person=FULFILLER_P)
        approved_order(installation, f"{number}9", product_types=("portrait", "portrait"))


def test_lists_cost_a_constant_number_of_queries(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    _sent_orders(installation, ("9201", "9202"))
    staff_api.as_user(installation, FULFILLER, "{ fulfilmentSettings { graceMinutes } }")

    def count(query: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            payload = ok(staff_api.as_user(installation, FULFILLER, query))
        return len(captured.captured_queries), len(payload)

    queue = (
        "{ fulfilmentQueue { item { id productName assignee { userId roles } } "
        "dueAt priority batchId } }"
    )
    jobs = (
        "{ partnerJobs { id partner { name } order { number } "
        "lines { id artworkVersion qaState item { id } } parcels { trackingNumber } } }"
    )
    batches_query = "{ fulfilmentBatches { id partner { name } items { id } jobs { id } } }"
    few = [count(queue), count(jobs), count(batches_query)]
    assert [rows for _, rows in few] == [4, 2, 2]

    _sent_orders(installation, ("9203", "9204", "9205"))

    more = [count(queue), count(jobs), count(batches_query)]
    assert [rows for _, rows in more] == [10, 5, 5]
    assert [queries for queries, _ in more] == [queries for queries, _ in few]


def test_settings_refuse_bad_values_and_keep_the_old_ones(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    staff_api.as_user(installation, MANAGER, "{ fulfilmentSettings { graceMinutes } }")
    before = list(FulfilmentSettings.objects.values())

    answer = staff_api.as_user(
        installation,
        MANAGER,
        "mutation { fulfilmentSettingsUpdate(input: {graceMinutes: 30, spotCheckPercent: 120}) "
        "{ settings { graceMinutes } errors { field code message } } }",
    )

    assert answer["data"]["fulfilmentSettingsUpdate"]["errors"] == [
        {
            "field": "spotCheckPercent",
            "code": "INVALID",
            "message": "A share between 0 and 100 percent",
        }
    ]
    assert list(FulfilmentSettings.objects.values()) == before


def test_an_http_partner_needs_an_endpoint_and_a_long_secret(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    document = (
        "mutation($in: PrintPartnerInput!) { printPartnerCreate(input: $in) "
        "{ partner { id hasSecret } errors { field code message } } }"
    )
    http = {"name": "API", "kind": "GENERIC_HTTP", "endpointUrl": "https://printer.example/v1/jobs"}

    no_secret = staff_api.as_user(installation, MANAGER, document, {"in": http})
    short = staff_api.as_user(installation, MANAGER, document, {"in": {**http, "secret": "short"}})
    made = staff_api.as_user(installation, MANAGER, document, {"in": {**http, "secret": "a" * 32}})

    assert [e["field"] for e in no_secret["data"]["printPartnerCreate"]["errors"]] == ["secret"]
    assert [e["field"] for e in short["data"]["printPartnerCreate"]["errors"]] == ["secret"]
    assert made["data"]["printPartnerCreate"]["partner"]["hasSecret"] is True
    partner = PrintPartner.objects.get()
    assert partner.secret == "a" * 32
    assert partner.encrypted_secret != "a" * 32
    assert PartnerJob.objects.count() == JobLine.objects.count() == 0


QA_FAIL = """
mutation($id: ID!, $photo: Upload) {
  qaFail(id: $id, reason: COLOUR_SHIFT, comment: "Too green", photo: $photo) {
    line { qaState }
    reprint { artworkVersion qaState reprintOfId }
    errors { field code message }
  }
}
"""


def _printed_line_needing_qa(installation: Installation) -> JobLine:
    from saleor_podops.fulfilment.events import job_record_status
    from saleor_podops.fulfilment.queue import fulfilment_settings_for
    from saleor_podops.partners.interface import PartnerStatus

    settings = fulfilment_settings_for(installation)
    settings.qa_product_types = ["portrait"]
    settings.save()
    _sent_orders(installation, ("9301",))
    job = PartnerJob.objects.get()
    job_record_status(job=job, person=FULFILLER_P, status=PartnerStatus.PRINTED)
    return job.lines.order_by("id").first()  # type: ignore[return-value]


def test_qa_fail_with_a_photo_orders_the_reprint(
    installation: Installation, staff_api: StaffApi, client: Client
) -> None:
    from saleor_podops.fulfilment.models import QaCheck

    from ..artwork.images import image_bytes
    from ..artwork.test_graphql_artwork import multipart
    from ..staff_api import dashboard_token

    team(installation)
    line = _printed_line_needing_qa(installation)
    variables = {"id": gid("PartnerJobLine", line.pk), "photo": None}
    token = dashboard_token(installation, FULFILLER)

    # a file that is not an image is refused; nothing changes
    bad = multipart(
        client,
        installation,
        QA_FAIL,
        variables,
        {"variables.photo": ("x.jpg", b"nope")},
        token=token,
    )
    assert [(e["field"], e["code"]) for e in bad["data"]["qaFail"]["errors"]] == [
        ("photo", "INVALID")
    ]
    assert (QaCheck.objects.count(), PartnerJob.objects.count()) == (0, 1)

    # a real photo: the line fails, its reprint is ordered from the same artwork version
    answer = multipart(
        client,
        installation,
        QA_FAIL,
        variables,
        {"variables.photo": ("defect.jpg", image_bytes("JPEG", (32, 24)))},
        token=token,
    )
    assert answer["data"]["qaFail"] == {
        "line": {"qaState": "FAILED"},
        "reprint": {
            "artworkVersion": 1,
            "qaState": "REQUIRED",
            "reprintOfId": gid("PartnerJobLine", line.pk),
        },
        "errors": [],
    }
    check = QaCheck.objects.get()
    assert (check.defect_reason, check.comment, check.photo.name.startswith("qa/")) == (
        "COLOUR_SHIFT",
        "Too green",
        True,
    )
