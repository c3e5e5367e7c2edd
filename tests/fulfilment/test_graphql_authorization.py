"""Who may run which fulfilment query and mutation: anonymous, a customer token, staff without a
role, an artist, a fulfiller (who holds the queued items), another fulfiller (who holds none), a
manager, an admin, and an admin of another installation. Refused calls change nothing; other
installations' objects are NOT_FOUND; a fulfiller acts on the queued items assigned to them."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from graphql_relay import to_global_id

from saleor_podops.fulfilment import batches, dispatch, qa
from saleor_podops.fulfilment.events import job_record_status
from saleor_podops.fulfilment.models import (
    Batch,
    BatchEntry,
    DefectReason,
    DispatchState,
    FulfilmentSettings,
    JobLine,
    PartnerJob,
)
from saleor_podops.fulfilment.queue import fulfilment_settings_for
from saleor_podops.partners.interface import PartnerStatus
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import TimelineEvent
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.roles import Role

from ..staff_api import (
    ADMIN,
    ARTIST,
    FULFILLER,
    MANAGER,
    NO_ROLE,
    StaffApi,
    customer_token,
    dashboard_token,
    staff_member,
    team,
)
from .builders import FULFILLER_P, MANAGER_P, approved_order, items_of, manual_partner

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "customer",
    "no_role",
    "artist",
    "fulfiller",
    "other_fulfiller",
    "manager",
    "admin",
    "other",
]
OTHER_FULFILLER = "VXNlcjoxMA=="
USERS = {
    "no_role": NO_ROLE,
    "artist": ARTIST,
    "fulfiller": FULFILLER,
    "other_fulfiller": OTHER_FULFILLER,
    "manager": MANAGER,
    "admin": ADMIN,
}
FULFILMENT = frozenset({"fulfiller", "other_fulfiller", "manager", "admin"})
HOLDERS = frozenset({"fulfiller", "manager", "admin"})  # the queued items are FULFILLER's
MANAGERS = frozenset({"manager", "admin"})


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, str(pk))


@dataclass
class World:
    partner: PrintPartner
    batch: Batch
    free_item: int
    batched: tuple[int, int]
    printed_job: PartnerJob
    printed_line: JobLine
    failed_job: PartnerJob
    sent_job: PartnerJob
    waiting_reprint: PartnerJob
    partner_failed_job: PartnerJob


def build(installation: Installation) -> World:
    settings = fulfilment_settings_for(installation)
    settings.qa_product_types = ["portrait"]
    settings.save()
    partner = manual_partner(installation)
    with time_machine.travel(timezone.now() - timedelta(hours=3)):
        queued = approved_order(installation, "8001", product_types=("portrait",) * 3)
        printed = approved_order(installation, "8002")
        failed = approved_order(installation, "8003")
        reprinted = approved_order(installation, "8004")
        partner_failed = approved_order(installation, "8005")
    one, two, three = items_of(queued)
    batch = batches.batch_create(
        installation=installation, partner=partner, item_ids=[one.pk, two.pk], person=FULFILLER_P
    )
    jobs = {}
    for order in (printed, failed, reprinted, partner_failed):
        sent = batches.batch_create(
            installation=installation,
            partner=partner,
            item_ids=[item.pk for item in items_of(order)],
            person=FULFILLER_P,
        )
        [jobs[order.number]] = dispatch.batch_send(batch=sent, person=FULFILLER_P)
    printed_job = job_record_status(
        job=jobs["8002"], person=FULFILLER_P, status=PartnerStatus.PRINTED
    )
    PartnerJob.objects.filter(pk=jobs["8003"].pk).update(dispatch_state=DispatchState.SEND_FAILED)
    reprint_line = qa.line_reprint(
        line=jobs["8004"].lines.get(), person=MANAGER_P, reason=DefectReason.DAMAGED
    )
    # the print shop could not make 8005: its item is back in the queue, the job waits for a manager
    job_record_status(
        job=jobs["8005"], person=FULFILLER_P, status=PartnerStatus.FAILED, reason="Out of stock"
    )
    return World(
        partner=partner,
        batch=batch,
        free_item=three.pk,
        batched=(one.pk, two.pk),
        printed_job=printed_job,
        printed_line=printed_job.lines.get(),
        failed_job=jobs["8003"],
        sent_job=jobs["8004"],
        waiting_reprint=reprint_line.job,
        partner_failed_job=jobs["8005"],
    )


@dataclass(frozen=True)
class Operation:
    document: str
    variables: Callable[[World], dict[str, Any]]
    allowed: frozenset[str]
    other: str = "not_found"  # what another installation's admin gets: not_found | own | ok
    # FULFILMENT operations on queued items: a fulfiller who does not hold them is refused
    holders_only: bool = False


def _no_vars(world: World) -> dict[str, Any]:
    return {}


PARTNER_INPUT = {"name": "New partner", "kind": "MANUAL"}

OPERATIONS: dict[str, Operation] = {
    "fulfilmentQueue": Operation(
        "{ fulfilmentQueue { item { id } dueAt isLate priority inGrace batchId } }",
        _no_vars,
        FULFILMENT,
        "own",
    ),
    "fulfilmentBatches": Operation(
        "{ fulfilmentBatches { id status items { id } partner { name } } }",
        _no_vars,
        FULFILMENT,
        "own",
    ),
    "partnerJobs": Operation(
        "{ partnerJobs(needsAttention: true) { id dispatchState lastError order { id } } }",
        _no_vars,
        FULFILMENT,
        "own",
    ),
    "fulfilmentQueueShipping": Operation(
        "{ fulfilmentQueue { item { id order { shipping { methodName address { name city } } } } "
        "approvedArtwork { number } } }",
        _no_vars,
        FULFILMENT,
        "own",
    ),
    "partnerJobsQaPending": Operation(
        "{ partnerJobs(qaPending: true) { id lines { id qaState artwork { number } } } }",
        _no_vars,
        FULFILMENT,
        "own",
    ),
    "partnerJobsReprints": Operation(
        "{ partnerJobs(reprints: true) { id reprintReason reprintComment reprintOf { id } } }",
        _no_vars,
        FULFILMENT,
        "own",
    ),
    "printPartners": Operation(
        "{ printPartners { id name webhookUrl hasSecret } }", _no_vars, FULFILMENT, "own"
    ),
    "fulfilmentSettings": Operation(
        "{ fulfilmentSettings { graceMinutes spotCheckPercent qaProductTypes } }",
        _no_vars,
        FULFILMENT,
        "own",
    ),
    "productionMetrics": Operation(
        "{ productionMetrics { fulfilmentQueueDepth itemsPerStage { stage items } } }",
        _no_vars,
        MANAGERS,
        "own",
    ),
    "batchCreate": Operation(
        "mutation($p: ID, $i: [ID!]!) { batchCreate(partner: $p, items: $i) "
        "{ batch { id } errors { field code message } } }",
        lambda w: {
            "p": gid("PrintPartner", w.partner.pk),
            "i": [gid("ProductionItem", w.free_item)],
        },
        FULFILMENT,
        holders_only=True,
    ),
    "batchAddItems": Operation(
        "mutation($id: ID!, $i: [ID!]!) { batchAddItems(id: $id, items: $i) "
        "{ batch { id } errors { field code message } } }",
        lambda w: {
            "id": gid("FulfilmentBatch", w.batch.pk),
            "i": [gid("ProductionItem", w.free_item)],
        },
        FULFILMENT,
        holders_only=True,
    ),
    "batchRemoveItems": Operation(
        "mutation($id: ID!, $i: [ID!]!) { batchRemoveItems(id: $id, items: $i) "
        "{ batch { id } errors { field code message } } }",
        lambda w: {
            "id": gid("FulfilmentBatch", w.batch.pk),
            "i": [gid("ProductionItem", w.batched[0])],
        },
        FULFILMENT,
        holders_only=True,
    ),
    "batchSplit": Operation(
        "mutation($id: ID!, $i: [ID!]!) { batchSplit(id: $id, items: $i) "
        "{ batch { id } errors { field code message } } }",
        lambda w: {
            "id": gid("FulfilmentBatch", w.batch.pk),
            "i": [gid("ProductionItem", w.batched[1])],
        },
        FULFILMENT,
        holders_only=True,
    ),
    "batchDissolve": Operation(
        "mutation($id: ID!) { batchDissolve(id: $id) { batch { status } errors { code } } }",
        lambda w: {"id": gid("FulfilmentBatch", w.batch.pk)},
        FULFILMENT,
        holders_only=True,
    ),
    "batchesAutoCreate": Operation(
        "mutation($p: ID) { batchesAutoCreate(partner: $p) { batches { id } errors { code } } }",
        lambda w: {"p": gid("PrintPartner", w.partner.pk)},
        FULFILMENT,
    ),
    "batchSend": Operation(
        "mutation($id: ID!) { batchSend(id: $id) { jobs { id dispatchState } errors { code message } } }",
        lambda w: {"id": gid("FulfilmentBatch", w.batch.pk)},
        FULFILMENT,
        holders_only=True,
    ),
    "archiveLinkCreate": Operation(
        "mutation($b: ID) { archiveLinkCreate(batch: $b) { url errors { code } } }",
        lambda w: {"b": gid("FulfilmentBatch", w.batch.pk)},
        FULFILMENT,
    ),
    "jobMarkSent": Operation(
        "mutation($id: ID!) { jobMarkSent(id: $id) { job { dispatchState } errors { code } } }",
        lambda w: {"id": gid("PartnerJob", w.waiting_reprint.pk)},
        FULFILMENT,
    ),
    "jobRecordStatus": Operation(
        "mutation($id: ID!) { jobRecordStatus(id: $id, status: PRINTING) "
        "{ job { partnerStatus } errors { code message } } }",
        lambda w: {"id": gid("PartnerJob", w.sent_job.pk)},
        FULFILMENT,
    ),
    "jobRetrySend": Operation(
        "mutation($id: ID!) { jobRetrySend(id: $id) { job { dispatchState } errors { code } } }",
        lambda w: {"id": gid("PartnerJob", w.failed_job.pk)},
        MANAGERS,
    ),
    "jobCancel": Operation(
        'mutation($id: ID!) { jobCancel(id: $id, reason: "Order cancelled") '
        "{ job { dispatchState } errors { code message } } }",
        lambda w: {"id": gid("PartnerJob", w.sent_job.pk)},
        MANAGERS,
    ),
    "qaPass": Operation(
        "mutation($id: ID!) { qaPass(id: $id) { line { qaState } errors { code } } }",
        lambda w: {"id": gid("PartnerJobLine", w.printed_line.pk)},
        FULFILMENT,
    ),
    "qaFail": Operation(
        "mutation($id: ID!) { qaFail(id: $id, reason: MISPRINT) "
        "{ line { qaState } reprint { id artworkVersion } errors { code } } }",
        lambda w: {"id": gid("PartnerJobLine", w.printed_line.pk)},
        FULFILMENT,
    ),
    "lineReprint": Operation(
        "mutation($id: ID!) { lineReprint(id: $id, reason: WRONG_ITEM) { reprint { id } errors { code } } }",
        lambda w: {"id": gid("PartnerJobLine", w.printed_line.pk)},
        MANAGERS,
    ),
    "jobResolve": Operation(
        'mutation($id: ID!) { jobResolve(id: $id, comment: "Sent again to another shop") '
        "{ job { attention resolvedAt } errors { code message } } }",
        lambda w: {"id": gid("PartnerJob", w.partner_failed_job.pk)},
        MANAGERS,
    ),
    "printPartnerCreate": Operation(
        "mutation($in: PrintPartnerInput!) { printPartnerCreate(input: $in) "
        "{ partner { id } errors { field code message } } }",
        lambda w: {"in": PARTNER_INPUT},
        MANAGERS,
        "ok",
    ),
    "printPartnerUpdate": Operation(
        "mutation($id: ID!, $in: PrintPartnerInput!) { printPartnerUpdate(id: $id, input: $in) "
        "{ partner { name } errors { field code message } } }",
        lambda w: {"id": gid("PrintPartner", w.partner.pk), "in": PARTNER_INPUT},
        MANAGERS,
    ),
    "fulfilmentSettingsUpdate": Operation(
        "mutation { fulfilmentSettingsUpdate(input: {graceMinutes: 30, spotCheckPercent: 5}) "
        "{ settings { graceMinutes } errors { field code message } } }",
        _no_vars,
        MANAGERS,
        "ok",
    ),
}


def state_of(installation: Installation) -> tuple[object, ...]:
    return (
        list(
            Batch.objects.filter(installation=installation)
            .order_by("pk")
            .values_list("pk", "status")
        ),
        BatchEntry.objects.filter(
            batch__installation=installation, removed_at__isnull=True
        ).count(),
        list(
            PartnerJob.objects.filter(installation=installation)
            .order_by("pk")
            .values_list("pk", "dispatch_state", "partner_status", "resolved_at")
        ),
        list(
            JobLine.objects.filter(job__installation=installation)
            .order_by("pk")
            .values_list("pk", "qa_state")
        ),
        list(
            PrintPartner.objects.filter(installation=installation).values(
                "name", "kind", "is_active"
            )
        ),
        list(
            FulfilmentSettings.objects.filter(installation=installation).values(
                "grace_minutes", "spot_check_percent"
            )
        ),
        TimelineEvent.objects.filter(installation=installation).count(),
    )


def call(
    api: StaffApi,
    persona: str,
    installation: Installation,
    other: Installation,
    op: Operation,
    world: World,
) -> dict[str, Any]:
    variables = op.variables(world)
    if persona == "anonymous":
        return api(op.document, variables, token=None)
    if persona == "customer":
        return api(op.document, variables, token=customer_token(installation))
    if persona == "other":
        return api(
            op.document,
            variables,
            token=dashboard_token(other, ADMIN),
            api_url=other.saleor_api_url,
        )
    return api(op.document, variables, token=dashboard_token(installation, USERS[persona]))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_authorization_matrix(
    installation: Installation,
    other_installation: Installation,
    staff_api: StaffApi,
    name: str,
    persona: str,
) -> None:
    # given a team, queued, batched, printed, failed and reprinted work, and another installation
    team(installation)
    staff_member(installation, OTHER_FULFILLER, Role.FULFILLER)
    staff_member(other_installation, ADMIN, Role.ADMIN)
    world = build(installation)
    op = OPERATIONS[name]
    before = state_of(installation)

    # when the persona calls the operation
    answer = call(staff_api, persona, installation, other_installation, op, world)

    # then
    if persona in {"anonymous", "customer"}:
        (error,) = answer["errors"]
        assert error["extensions"]["code"] in {"UNAUTHENTICATED", "TOKEN_INVALID"}, answer
        assert state_of(installation) == before
    elif persona == "other":
        assert "errors" not in answer, answer
        (data,) = answer["data"].values()
        if op.other == "not_found":
            assert [e["code"] for e in data["errors"]] == ["NOT_FOUND"], answer
        elif op.other == "own":
            text = json.dumps(answer)
            assert gid("FulfilmentBatch", world.batch.pk) not in text
            assert gid("PrintPartner", world.partner.pk) not in text
            assert gid("ProductionItem", world.free_item) not in text
        else:
            assert data["errors"] == [], answer
        assert state_of(installation) == before
    elif persona not in HOLDERS and op.holders_only and persona in op.allowed:
        (error,) = answer["errors"]
        assert error["extensions"]["code"] == "PERMISSION_DENIED", answer
        assert "Not assigned to you" in error["message"]
        assert state_of(installation) == before
    elif persona == "other_fulfiller" and name == "batchesAutoCreate":
        # the automatic rule batches the caller's own items: this fulfiller holds none
        assert answer["data"]["batchesAutoCreate"] == {"batches": [], "errors": []}
        assert state_of(installation) == before
    elif persona in op.allowed:
        assert "errors" not in answer, answer
        (data,) = answer["data"].values()
        if isinstance(data, dict) and "errors" in data:
            assert data["errors"] == [], answer
        if (
            name.endswith(
                (
                    "Create",
                    "Update",
                    "Send",
                    "Items",
                    "Split",
                    "Dissolve",
                    "Pass",
                    "Fail",
                    "Reprint",
                    "Status",
                    "Cancel",
                    "Resolve",
                )
            )
            and name != "archiveLinkCreate"
        ):
            assert state_of(installation) != before
    else:
        (error,) = answer["errors"]
        assert error["extensions"]["code"] == "PERMISSION_DENIED", answer
        assert answer["data"] is None or list(answer["data"].values()) == [None]
        assert state_of(installation) == before
