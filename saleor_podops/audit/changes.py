"""Recording a settings change. Called by the business rules that change settings, inside their
transaction, with the values before and after; a change that changes nothing records nothing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.models import Installation

from .models import SettingsArea, SettingsChange

SECRET_SET = "(set)"
SECRET_NOT_SET = "(not set)"
SECRET_CHANGED = "(changed)"


def _json_value(value: Any) -> Any:
    """A setting's value as JSON: a decimal as its plain digits (12.5 whether typed "12.5" or read
    back as 12.5000), a time or date in ISO format."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def _secret_markers(before: str, after: str) -> tuple[str, str]:
    """What the log shows of a secret that changed: that it was there, and that it changed."""
    return (SECRET_SET if before else SECRET_NOT_SET, SECRET_CHANGED if after else SECRET_NOT_SET)


def settings_change_record(
    *,
    installation: Installation | int,
    area: SettingsArea,
    actor: Actor,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    subject: str = "",
    secrets: Mapping[str, tuple[str, str]] | None = None,
) -> SettingsChange | None:
    """Record the fields whose values differ between ``before`` and ``after`` (a field missing on
    one side counts as None; decimals, dates and times are made JSON here). ``secrets`` maps a
    secret's name to its plain values before and after: compared here, stored only as markers.
    None when nothing changed."""
    old_values = {name: _json_value(value) for name, value in before.items()}
    new_values = {name: _json_value(value) for name, value in after.items()}
    changed = sorted(
        name for name in {*old_values, *new_values} if old_values.get(name) != new_values.get(name)
    )
    old = {name: old_values.get(name) for name in changed}
    new = {name: new_values.get(name) for name in changed}
    for name, (secret_before, secret_after) in sorted((secrets or {}).items()):
        if secret_before != secret_after:
            old[name], new[name] = _secret_markers(secret_before, secret_after)
    if not new:
        return None
    return SettingsChange.objects.create(
        installation_id=installation if isinstance(installation, int) else installation.pk,
        area=area,
        subject=subject[:255],
        actor_type=actor.type,
        actor_id=actor.id,
        actor_email=actor.email[:254],
        before=old,
        after=new,
    )
