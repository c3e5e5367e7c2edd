"""Recording a settings change. Called by the business rules that change settings, inside their
transaction, with the values before and after; a change that changes nothing records nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.models import Installation

from .models import SettingsArea, SettingsChange

SECRET_SET = "(set)"
SECRET_NOT_SET = "(not set)"
SECRET_CHANGED = "(changed)"


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
    """Record the fields whose values differ between ``before`` and ``after`` (JSON values; a
    field missing on one side counts as None). ``secrets`` maps a secret's name to its plain
    values before and after: compared here, stored only as markers. None when nothing changed."""
    changed = sorted(name for name in {*before, *after} if before.get(name) != after.get(name))
    old = {name: before.get(name) for name in changed}
    new = {name: after.get(name) for name in changed}
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
