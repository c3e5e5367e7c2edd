"""Staff GraphQL for notification templates and settings: managers only; templates are checked in
the sandbox before they are saved; preview with sample data; reset to the default."""

from __future__ import annotations

from typing import Any

import pytest

from saleor_podops.notifications.defaults import DEFAULT_TEMPLATES
from saleor_podops.notifications.events import NotificationEvent
from saleor_podops.notifications.models import NotificationSettings, NotificationTemplate
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.roles import Role

from ..customer_api import customer_token
from ..staff_api import ADMIN, ARTIST, MANAGER, NO_ROLE, StaffApi, staff_member

TEMPLATES = "{ notificationTemplates { event audience subject isDefault placeholders } }"
UPDATE = """mutation($subject: String!, $html: String!, $text: String!) {
  notificationTemplateUpdate(event: PROOF_READY, subject: $subject, htmlBody: $html, textBody: $text) {
    template { subject isDefault } errors { field code message } } }"""
PREVIEW = """mutation($html: String) {
  notificationTemplatePreview(event: PROOF_READY, htmlBody: $html) {
    email { subject htmlBody textBody } errors { field code message } } }"""
RESET = """mutation { notificationTemplateReset(event: PROOF_READY) {
  template { subject isDefault } errors { field code message } } }"""
SETTINGS_UPDATE = """mutation($input: NotificationSettingsInput!) {
  notificationSettingsUpdate(input: $input) {
    settings { enabledEvents reminderHours autoApproveEnabled autoApproveDays quietHoursStart
      quietHoursEnd timeZone freeRevisions delays { event minutes } }
    errors { field code message } } }"""


@pytest.fixture
def people(installation: Installation) -> None:
    staff_member(installation, ADMIN, Role.ADMIN)
    staff_member(installation, MANAGER, Role.MANAGER)
    staff_member(installation, ARTIST, Role.ARTIST)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        (NO_ROLE, False),
        (ARTIST, False),
        (MANAGER, True),
        (ADMIN, True),
    ],
)
@pytest.mark.parametrize("operation", ["list", "update", "preview", "reset", "settings"])
def test_authorization_matrix(
    staff_api: StaffApi,
    installation: Installation,
    people: None,
    who: str,
    allowed: bool,
    operation: str,
) -> None:
    documents: dict[str, tuple[str, dict[str, Any]]] = {
        "list": (TEMPLATES, {}),
        "update": (UPDATE, {"subject": "New {{ order_number }}", "html": "<p>x</p>", "text": "x"}),
        "preview": (PREVIEW, {}),
        "reset": (RESET, {}),
        "settings": (SETTINGS_UPDATE, {"input": {"autoApproveEnabled": True}}),
    }
    document, variables = documents[operation]
    if who == "anonymous":
        answer = staff_api(document, variables, token=None)
    elif who == "customer":
        answer = staff_api(document, variables, token=customer_token(installation))
    else:
        answer = staff_api.as_user(installation, who, document, variables)

    if allowed:
        assert "errors" not in answer
    else:
        assert answer["data"] is None or all(v is None for v in answer["data"].values())
        assert answer["errors"][0]["extensions"]["code"] in {
            "UNAUTHENTICATED",
            "PERMISSION_DENIED",
            "TOKEN_INVALID",
        }
        assert NotificationTemplate.objects.count() == 0
        assert not NotificationSettings.objects.filter(auto_approve_enabled=True).exists()


def test_list_shows_every_event_with_defaults(
    staff_api: StaffApi, installation: Installation, people: None
) -> None:
    answer = staff_api.as_user(installation, MANAGER, TEMPLATES)

    templates = answer["data"]["notificationTemplates"]
    assert [t["event"] for t in templates] == [e.value for e in NotificationEvent]
    assert all(t["isDefault"] for t in templates)
    proof = next(t for t in templates if t["event"] == "PROOF_READY")
    assert proof["audience"] == "CUSTOMER"
    assert proof["subject"] == DEFAULT_TEMPLATES[NotificationEvent.PROOF_READY].subject
    assert "approval_link" in proof["placeholders"]


def test_update_preview_and_reset(
    staff_api: StaffApi, installation: Installation, people: None
) -> None:
    updated = staff_api.as_user(
        installation,
        MANAGER,
        UPDATE,
        {
            "subject": "Proof for {{ order_number }}",
            "html": "<p>Hi {{ customer_name|upper }}: {{ approval_link }}</p>",
            "text": "Hi {{ customer_name }}",
        },
    )
    assert updated["data"]["notificationTemplateUpdate"] == {
        "template": {"subject": "Proof for {{ order_number }}", "isDefault": False},
        "errors": [],
    }

    preview = staff_api.as_user(installation, MANAGER, PREVIEW)
    assert preview["data"]["notificationTemplatePreview"]["email"] == {
        "subject": "Proof for 1001",
        "htmlBody": "<p>Hi ASHLEY COOK: https://podops.example.com/approvals/sample</p>",
        "textBody": "Hi Ashley Cook",
    }

    reset = staff_api.as_user(installation, MANAGER, RESET)
    assert reset["data"]["notificationTemplateReset"]["template"] == {
        "subject": DEFAULT_TEMPLATES[NotificationEvent.PROOF_READY].subject,
        "isDefault": True,
    }
    assert NotificationTemplate.objects.count() == 0


@pytest.mark.parametrize(
    ("html", "field", "message_start"),
    [
        ("{{ customer_name.__class__ }}", "htmlBody", "Attribute access is not allowed"),
        ("{% include 'settings.py' %}", "htmlBody", "include is not allowed"),
        ("{{ secret_key }}", "htmlBody", "Unknown placeholders: secret_key."),
        ("{{ customer_name|safe }}", "htmlBody", "The filter 'safe' is not allowed"),
        ("{% if %}", "htmlBody", "The template does not parse"),
    ],
)
def test_unsafe_templates_are_refused_and_nothing_is_saved(
    staff_api: StaffApi,
    installation: Installation,
    people: None,
    html: str,
    field: str,
    message_start: str,
) -> None:
    answer = staff_api.as_user(
        installation, MANAGER, UPDATE, {"subject": "Hi", "html": html, "text": "x"}
    )

    errors = answer["data"]["notificationTemplateUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, "TEMPLATE_INVALID")]
    assert errors[0]["message"].startswith(message_start)
    assert NotificationTemplate.objects.count() == 0


def test_settings_update_and_validation(
    staff_api: StaffApi, installation: Installation, people: None
) -> None:
    answer = staff_api.as_user(
        installation,
        MANAGER,
        SETTINGS_UPDATE,
        {
            "input": {
                "enabledEvents": ["PROOF_READY", "PROOF_REMINDER"],
                "reminderHours": [12, 48, 96],
                "autoApproveEnabled": True,
                "autoApproveDays": 5,
                "quietHoursStart": "21:00:00",
                "quietHoursEnd": "08:00:00",
                "timeZone": "Europe/Berlin",
                "freeRevisions": 2,
                "delays": [{"event": "PROOF_READY", "minutes": 15}],
            }
        },
    )
    settings = answer["data"]["notificationSettingsUpdate"]["settings"]
    assert settings["enabledEvents"] == ["PROOF_READY", "PROOF_REMINDER"]
    assert settings["reminderHours"] == [12, 48, 96]
    assert (settings["autoApproveEnabled"], settings["autoApproveDays"]) == (True, 5)
    assert (settings["quietHoursStart"], settings["quietHoursEnd"]) == ("21:00:00", "08:00:00")
    assert (settings["timeZone"], settings["freeRevisions"]) == ("Europe/Berlin", 2)
    assert {"event": "PROOF_READY", "minutes": 15} in settings["delays"]

    refused = staff_api.as_user(
        installation, MANAGER, SETTINGS_UPDATE, {"input": {"timeZone": "Mars/Olympus"}}
    )
    assert refused["data"]["notificationSettingsUpdate"]["errors"] == [
        {
            "field": "timeZone",
            "code": "INVALID_TIME_ZONE",
            "message": "Unknown time zone 'Mars/Olympus'",
        }
    ]
    assert NotificationSettings.objects.get().time_zone == "Europe/Berlin"
