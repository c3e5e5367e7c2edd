"""The record function of the settings audit log: only changed fields, nothing for a no-op,
secrets as markers."""

from __future__ import annotations

import pytest

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea, SettingsChange
from saleor_podops.production.models import ActorType
from saleor_podops.production.timeline import SYSTEM, Actor
from saleor_podops.saleor.models import Installation

pytestmark = pytest.mark.django_db

MANAGER = Actor(ActorType.STAFF, "VXNlcjoy", "manager@example.com")


def test_only_the_changed_fields_are_recorded_with_who(installation: Installation) -> None:
    # when two of three fields change
    row = settings_change_record(
        installation=installation,
        area=SettingsArea.FULFILMENT_SETTINGS,
        actor=MANAGER,
        before={"grace_minutes": 10, "batch_max_items": 50, "due_soon_hours": 12},
        after={"grace_minutes": 30, "batch_max_items": 50, "due_soon_hours": None},
    )

    # then one row names them, their old and new values, and the manager
    assert row is not None
    stored = SettingsChange.objects.get()
    assert stored.pk == row.pk
    assert (stored.installation_id, stored.area, stored.subject) == (
        installation.pk,
        "FULFILMENT_SETTINGS",
        "",
    )
    assert (stored.actor_type, stored.actor_id, stored.actor_email) == (
        "STAFF",
        "VXNlcjoy",
        "manager@example.com",
    )
    assert stored.before == {"grace_minutes": 10, "due_soon_hours": 12}
    assert stored.after == {"grace_minutes": 30, "due_soon_hours": None}


def test_a_change_that_changes_nothing_records_nothing(installation: Installation) -> None:
    row = settings_change_record(
        installation=installation,
        area=SettingsArea.CAPACITY,
        actor=SYSTEM,
        subject="VXNlcjo0",
        before={"capacity": 5},
        after={"capacity": 5},
        secrets={"secret": ("same-secret-value", "same-secret-value")},
    )

    assert row is None
    assert SettingsChange.objects.count() == 0


def test_secrets_are_recorded_as_changed_never_by_value(installation: Installation) -> None:
    # when a secret is replaced, an API key is set for the first time and a token removed
    settings_change_record(
        installation=installation,
        area=SettingsArea.PRINT_PARTNER,
        actor=SYSTEM,
        subject="Printer",
        before={"burst": 10},
        after={"burst": 10},
        secrets={
            "secret": ("old-secret-0123456789", "new-secret-0123456789"),
            "api_key": ("", "printful-key-0123456789"),
            "webhook_token": ("token-0123456789", ""),
        },
    )

    # then the row says so with markers, and no value appears anywhere in it
    row = SettingsChange.objects.get()
    assert row.before == {"secret": "(set)", "api_key": "(not set)", "webhook_token": "(set)"}
    assert row.after == {
        "secret": "(changed)",
        "api_key": "(changed)",
        "webhook_token": "(not set)",
    }
    assert (row.actor_type, row.actor_id, row.actor_email) == ("SYSTEM", "", "")
    text = str(SettingsChange.objects.values().get())
    for value in ("old-secret", "new-secret", "printful-key", "token-0123456789"):
        assert value not in text
