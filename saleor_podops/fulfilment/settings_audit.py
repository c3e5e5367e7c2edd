"""What the settings audit log records of fulfilment configuration: a print partner's settings
(its secrets only as "changed" markers) and the installation's fulfilment settings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.timeline import Actor

from .models import FulfilmentSettings

_PARTNER_FIELDS = ("name", "kind", "endpoint_url", "rate_per_minute", "burst", "is_active")


def partner_values(partner: PrintPartner | None) -> dict[str, Any]:
    """The partner's settings as JSON values, without its secrets (None: not there yet)."""
    if partner is None:
        return {}
    values = {name: getattr(partner, name) for name in _PARTNER_FIELDS}
    values["options"] = dict(partner.options or {})
    return values


def partner_secrets(partner: PrintPartner | None) -> dict[str, str]:
    """The plain secrets, only to be compared by the audit log (which stores markers)."""
    if partner is None:
        return {"secret": "", "api_key": "", "webhook_token": ""}
    return {
        "secret": partner.secret,
        "api_key": partner.api_key,
        "webhook_token": partner.webhook_token,
    }


def record_partner_change(
    *,
    partner: PrintPartner,
    actor: Actor,
    before: dict[str, Any],
    secrets_before: dict[str, str],
) -> None:
    secrets_after = partner_secrets(partner)
    settings_change_record(
        installation=partner.installation_id,
        area=SettingsArea.PRINT_PARTNER,
        actor=actor,
        subject=partner.name,
        before=before,
        after=partner_values(partner),
        secrets={name: (secrets_before[name], secrets_after[name]) for name in secrets_after},
    )


def _json(value: Any) -> Any:
    return value.name if isinstance(value, PrintPartner) else value


def settings_values(settings: FulfilmentSettings, names: Iterable[str]) -> dict[str, Any]:
    """The named settings as JSON values (a default partner by its name)."""
    return {name: _json(getattr(settings, name)) for name in names}


def record_settings_change(
    *, settings: FulfilmentSettings, actor: Actor, before: dict[str, Any]
) -> None:
    settings_change_record(
        installation=settings.installation_id,
        area=SettingsArea.FULFILMENT_SETTINGS,
        actor=actor,
        before=before,
        after=settings_values(settings, before),
    )
