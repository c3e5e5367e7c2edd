"""The settings audit log end to end: managers change settings through the staff API, and
``settingsChanges`` shows who changed what from what to what. A change that changes nothing, or
that is refused, records nothing; secrets never appear."""

from __future__ import annotations

import json
from typing import Any

import pytest

from saleor_podops.audit.models import SettingsChange
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.actions import complexity_weight_set

from ..staff_api import ADMIN, ARTIST, MANAGER, StaffApi, team

pytestmark = pytest.mark.django_db

MANAGER_EMAIL = f"{MANAGER.lower()}@example.com"
HISTORY = """
query H($area: SettingsArea, $first: Int, $after: String) {
  settingsChanges(area: $area, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { area subject actorType actorId actorEmail before after createdAt } }
  }
}
"""


def mutation(call: str, params: str = "", fields: str = "") -> str:
    head = f"mutation M({params})" if params else "mutation"
    return f"{head} {{ {call} {{ {fields} errors {{ field code }} }} }}"


def history(api: StaffApi, installation: Installation, area: str | None = None) -> list[dict]:  # type: ignore[type-arg]
    """The changes, newest first, as an admin reads them (before/after decoded)."""
    answer = api.as_user(installation, ADMIN, HISTORY, {"area": area, "first": 100})
    assert "errors" not in answer, answer
    nodes = [edge["node"] for edge in answer["data"]["settingsChanges"]["edges"]]
    for node in nodes:
        node["before"], node["after"] = json.loads(node["before"]), json.loads(node["after"])
        del node["createdAt"]
    return nodes


def by_manager(area: str, subject: str, before: dict, after: dict) -> dict:  # type: ignore[type-arg]
    return {
        "area": area,
        "subject": subject,
        "actorType": "STAFF",
        "actorId": MANAGER,
        "actorEmail": MANAGER_EMAIL,
        "before": before,
        "after": after,
    }


def ok(answer: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in answer, answer
    (payload,) = answer["data"].values()
    assert payload["errors"] == [], answer
    return dict(payload)


def refused(answer: dict[str, Any]) -> list[str]:
    assert "errors" not in answer, answer
    (payload,) = answer["data"].values()
    return [error["code"] for error in payload["errors"]]


@pytest.fixture
def as_manager(installation: Installation, staff_api: StaffApi) -> Any:
    team(installation)

    def call(document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return staff_api.as_user(installation, MANAGER, document, variables)

    return call


def _role(name: str, role: str) -> str:
    return mutation(f'{name}(userId: "{ARTIST}", role: {role})')


def test_roles_record_who_granted_and_revoked_what(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    ok(as_manager(_role("staffRoleAssign", "ART_QC")))
    ok(as_manager(_role("staffRoleAssign", "ART_QC")))  # held already: no change
    ok(as_manager(_role("staffRoleRevoke", "ARTIST")))
    ok(as_manager(_role("staffRoleRevoke", "ARTIST")))  # not held: no change

    assert history(staff_api, installation) == [
        by_manager("ROLES", ARTIST, {"roles": ["ARTIST", "ART_QC"]}, {"roles": ["ART_QC"]}),
        by_manager("ROLES", ARTIST, {"roles": ["ARTIST"]}, {"roles": ["ARTIST", "ART_QC"]}),
    ]


def test_capacity_skills_and_away_record_before_and_after(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    for _ in range(2):  # the second round changes nothing
        ok(as_manager(mutation(f'staffCapacityUpdate(userId: "{ARTIST}", capacity: 9)')))
        ok(
            as_manager(
                mutation(f'staffSkillsUpdate(userId: "{ARTIST}", skills: ["mug", " poster"])')
            )
        )
        ok(as_manager(mutation(f'staffAwayUpdate(userId: "{ARTIST}", isAway: true)')))

    assert history(staff_api, installation) == [
        by_manager("AWAY", ARTIST, {"is_away": False}, {"is_away": True}),
        by_manager("SKILLS", ARTIST, {"skills": []}, {"skills": ["mug", "poster"]}),
        by_manager("CAPACITY", ARTIST, {"capacity": 5}, {"capacity": 9}),
    ]
    assert history(staff_api, installation, "CAPACITY") == [
        by_manager("CAPACITY", ARTIST, {"capacity": 5}, {"capacity": 9})
    ]


def test_complexity_weights_record_set_change_and_removal(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    update = mutation('complexityWeightUpdate(productTypeSlug: "portrait", weight: %d)')
    delete = mutation('complexityWeightDelete(productTypeSlug: "portrait")')
    ok(as_manager(update % 3))
    ok(as_manager(update % 3))
    ok(as_manager(update % 2))
    ok(as_manager(delete))
    assert refused(as_manager(delete)) == ["NOT_FOUND"]

    assert history(staff_api, installation, "COMPLEXITY_WEIGHT") == [
        by_manager("COMPLEXITY_WEIGHT", "portrait", {"weight": 2}, {"weight": None}),
        by_manager("COMPLEXITY_WEIGHT", "portrait", {"weight": 3}, {"weight": 2}),
        by_manager("COMPLEXITY_WEIGHT", "portrait", {"weight": None}, {"weight": 3}),
    ]


def test_a_change_made_by_podops_itself_names_the_system(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    complexity_weight_set(installation=installation, product_type_slug="mug", weight=4)

    (change,) = history(staff_api, installation)
    assert (change["actorType"], change["actorId"], change["actorEmail"]) == ("SYSTEM", "", "")


def test_flow_settings_record_the_installation_and_product_type_overrides(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    shop = mutation(
        "flowSettingsUpdate(input: {artworkQcEnabled: false, "
        "skipRules: [{stage: ARTWORK_QC, roles: [ART_QC, MANAGER]}]})"
    )
    override = mutation(
        'flowSettingsUpdate(productTypeSlug: "mug", input: {imageReviewEnabled: %s})'
    )
    ok(as_manager(shop))
    ok(as_manager(shop))
    ok(as_manager(override % "false"))
    ok(as_manager(override % "false"))
    ok(as_manager(override % "null"))  # all null: the override is removed
    ok(as_manager(override % "null"))

    default_rules = {
        "IMAGE_REVIEW": ["MANAGER"],
        "AWAITING_CUSTOMER": ["MANAGER"],
        "ARTWORK_QC": ["MANAGER"],
        "CUSTOMER_APPROVAL": ["MANAGER"],
    }
    assert history(staff_api, installation, "FLOW_SETTINGS") == [
        by_manager(
            "FLOW_SETTINGS", "mug", {"image_review_enabled": False}, {"image_review_enabled": None}
        ),
        by_manager(
            "FLOW_SETTINGS", "mug", {"image_review_enabled": None}, {"image_review_enabled": False}
        ),
        by_manager(
            "FLOW_SETTINGS",
            "",
            {"artwork_qc_enabled": True, "skip_roles": default_rules},
            {
                "artwork_qc_enabled": False,
                "skip_roles": {**default_rules, "ARTWORK_QC": ["ART_QC", "MANAGER"]},
            },
        ),
    ]


def test_reason_codes_record_the_list_before_and_after(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    document = mutation("reasonCodesUpdate(codes: $codes)", "$codes: [ReasonCodeInput!]!")
    codes = [{"code": "BLURRY", "label": "Blurry"}, {"code": "OTHER", "label": "Other"}]
    ok(as_manager(document, {"codes": codes}))
    ok(as_manager(document, {"codes": codes}))
    assert refused(as_manager(document, {"codes": [{"code": "bad code", "label": "x"}]})) == [
        "INVALID"
    ]

    (change,) = history(staff_api, installation)
    assert change == by_manager(
        "REASON_CODES",
        "",
        {
            "codes": [
                {"code": "LOW_RESOLUTION", "label": "Low resolution"},
                {"code": "WRONG_CROP", "label": "Wrong crop"},
                {"code": "FACE_NOT_VISIBLE", "label": "Face not visible"},
                {"code": "COLOURS", "label": "Colours"},
                {"code": "TYPO", "label": "Typo"},
                {"code": "OTHER", "label": "Other"},
            ]
        },
        {"codes": codes},
    )


def test_fulfilment_settings_record_only_the_fields_that_changed(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    document = mutation("fulfilmentSettingsUpdate(input: $in)", "$in: FulfilmentSettingsInput!")
    change = {"graceMinutes": 45, "batchMaxItems": 50, "highValueThreshold": 150}
    ok(as_manager(document, {"in": change}))
    ok(as_manager(document, {"in": change}))  # 150 is 150.0000 read back: no change
    assert refused(as_manager(document, {"in": {"graceMinutes": 5, "spotCheckPercent": 120}})) == [
        "INVALID"
    ]

    (row,) = history(staff_api, installation)
    assert row == by_manager(
        "FULFILMENT_SETTINGS",
        "",
        {"grace_minutes": 120, "high_value_threshold": None},
        {"grace_minutes": 45, "high_value_threshold": "150"},
    )


PARTNER_CREATE = mutation(
    "printPartnerCreate(input: $in)", "$in: PrintPartnerInput!", fields="partner { id }"
)
PARTNER_UPDATE = mutation(
    "printPartnerUpdate(id: $id, input: $in)", "$id: ID!, $in: PrintPartnerInput!"
)
SECRET = "first-shared-secret-0123456789"
NEW_SECRET = "second-shared-secret-0123456789"


def test_partners_record_their_settings_and_only_that_secrets_changed(
    installation: Installation, staff_api: StaffApi, as_manager: Any, local_partners: None
) -> None:
    http = {
        "name": "Printer",
        "kind": "GENERIC_HTTP",
        "endpointUrl": "https://printer.example/jobs",
    }
    partner_id = ok(as_manager(PARTNER_CREATE, {"in": {**http, "secret": SECRET}}))["partner"]["id"]
    ok(as_manager(PARTNER_UPDATE, {"id": partner_id, "in": {**http, "secret": SECRET}}))  # same
    ok(as_manager(PARTNER_UPDATE, {"id": partner_id, "in": {**http, "secret": NEW_SECRET}}))
    ok(as_manager(PARTNER_UPDATE, {"id": partner_id, "in": {**http, "isActive": False}}))
    assert refused(
        as_manager(PARTNER_UPDATE, {"id": partner_id, "in": {**http, "secret": "short"}})
    ) == ["INVALID"]
    assert refused(as_manager(PARTNER_CREATE, {"in": {**http, "name": "Other"}})) == ["INVALID"]

    assert history(staff_api, installation, "PRINT_PARTNER") == [
        by_manager("PRINT_PARTNER", "Printer", {"is_active": True}, {"is_active": False}),
        by_manager("PRINT_PARTNER", "Printer", {"secret": "(set)"}, {"secret": "(changed)"}),
        by_manager(
            "PRINT_PARTNER",
            "Printer",
            {
                "name": None,
                "kind": None,
                "endpoint_url": None,
                "rate_per_minute": None,
                "burst": None,
                "is_active": None,
                "options": None,
                "secret": "(not set)",
            },
            {
                "name": "Printer",
                "kind": "GENERIC_HTTP",
                "endpoint_url": "https://printer.example/jobs",
                "rate_per_minute": 60,
                "burst": 10,
                "is_active": True,
                "options": {},
                "secret": "(changed)",
            },
        ),
    ]
    stored = json.dumps(list(SettingsChange.objects.values("before", "after")))
    assert SECRET not in stored and NEW_SECRET not in stored


def test_refused_staff_changes_record_nothing(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    capacity = mutation(f'staffCapacityUpdate(userId: "{ARTIST}", capacity: 5000)')
    assert refused(as_manager(capacity)) == ["INVALID"]
    revoke_last_admin = mutation(f'staffRoleRevoke(userId: "{ADMIN}", role: ADMIN)')
    assert refused(as_manager(revoke_last_admin)) == ["LAST_ADMIN"]
    weight = mutation('complexityWeightUpdate(productTypeSlug: "mug", weight: 0)')
    assert refused(as_manager(weight)) == ["INVALID"]
    flow = mutation("flowSettingsUpdate(input: {skipRules: [{stage: ARTWORK, roles: [MANAGER]}]})")
    assert refused(as_manager(flow)) == ["STAGE_NOT_SKIPPABLE"]

    assert SettingsChange.objects.count() == 0


def test_the_history_pages_newest_first_and_keeps_installations_apart(
    installation: Installation,
    other_installation: Installation,
    staff_api: StaffApi,
    as_manager: Any,
) -> None:
    for weight in range(2, 7):
        complexity_weight_set(installation=installation, product_type_slug="mug", weight=weight)
    complexity_weight_set(installation=other_installation, product_type_slug="mug", weight=9)

    seen: list[int] = []
    after = None
    while True:
        answer = staff_api.as_user(installation, MANAGER, HISTORY, {"first": 2, "after": after})
        page = answer["data"]["settingsChanges"]
        assert page["totalCount"] == 5
        seen += [json.loads(edge["node"]["after"])["weight"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == [6, 5, 4, 3, 2]
    bad = staff_api.as_user(installation, MANAGER, HISTORY, {"after": "bm90LWEtY3Vyc29y"})
    assert [error["extensions"]["code"] for error in bad["errors"]] == ["INVALID_CURSOR"]


def test_print_specs_record_set_change_and_removal_the_shop_default_without_subject(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    size = 'input: {printWidthIn: "%s", printHeightIn: "16", minDpi: 120}'
    poster = mutation(f'printSpecUpdate(productTypeSlug: "poster", {size % "12"})')
    ok(as_manager(poster))
    ok(as_manager(poster))  # "12" is 12.00 read back: no change
    ok(as_manager(mutation(f'printSpecUpdate(productTypeSlug: "poster", {size % "12.5"})')))
    ok(as_manager(mutation(f"printSpecUpdate({size % '8'})")))  # the shop's default
    ok(as_manager(mutation('printSpecDelete(productTypeSlug: "poster")')))
    assert refused(as_manager(mutation('printSpecDelete(productTypeSlug: "poster")'))) == [
        "NOT_FOUND"
    ]

    spec = {"print_height_in": "16", "min_dpi": 120, "warn_dpi": 300}
    unset = {"print_width_in": None, "print_height_in": None, "min_dpi": None, "warn_dpi": None}
    assert history(staff_api, installation, "PRINT_SPEC") == [
        by_manager("PRINT_SPEC", "poster", {**spec, "print_width_in": "12.5"}, unset),
        by_manager("PRINT_SPEC", "", unset, {**spec, "print_width_in": "8"}),
        by_manager("PRINT_SPEC", "poster", {"print_width_in": "12"}, {"print_width_in": "12.5"}),
        by_manager("PRINT_SPEC", "poster", unset, {**spec, "print_width_in": "12"}),
    ]


def test_notification_and_approval_settings_record_the_fields_that_changed(
    installation: Installation, staff_api: StaffApi, as_manager: Any
) -> None:
    document = mutation("notificationSettingsUpdate(input: $in)", "$in: NotificationSettingsInput!")
    change = {
        "shopName": "Paw Portraits",
        "quietHoursStart": "22:00:00",
        "quietHoursEnd": "07:00:00",
        "timeZone": "UTC",
        "freeRevisions": 5,
    }
    ok(as_manager(document, {"in": change}))
    ok(as_manager(document, {"in": change}))
    assert refused(as_manager(document, {"in": {"shopName": "Other", "freeRevisions": 99}})) == [
        "INVALID"
    ]

    assert history(staff_api, installation) == [
        by_manager("APPROVAL_SETTINGS", "", {"free_revisions": 3}, {"free_revisions": 5}),
        by_manager(
            "NOTIFICATION_SETTINGS",
            "",
            {"shop_name": "", "quiet_hours_start": None, "quiet_hours_end": None},
            {
                "shop_name": "Paw Portraits",
                "quiet_hours_start": "22:00:00",
                "quiet_hours_end": "07:00:00",
            },
        ),
    ]
