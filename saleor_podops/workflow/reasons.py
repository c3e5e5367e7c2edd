"""The shop-editable list of rejection reason codes (changes recorded in the settings audit log)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.production.timeline import SYSTEM, Actor
from saleor_podops.saleor.models import Installation

from .error_codes import WorkflowErrorCode
from .models import DEFAULT_REASON_CODES, ReasonCode

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")


def reason_codes_for(installation_id: int, *, active_only: bool = False) -> list[ReasonCode]:
    """The installation's reason codes; the defaults are created the first time."""
    codes = list(ReasonCode.objects.filter(installation_id=installation_id))
    if not codes:
        ReasonCode.objects.bulk_create(
            [
                ReasonCode(installation_id=installation_id, code=code, label=label, position=i)
                for i, (code, label) in enumerate(DEFAULT_REASON_CODES)
            ],
            ignore_conflicts=True,
        )
        codes = list(ReasonCode.objects.filter(installation_id=installation_id))
    return [code for code in codes if code.is_active or not active_only]


@dataclass(frozen=True)
class ReasonCodeInput:
    code: str
    label: str


def _listed(codes: list[ReasonCode]) -> list[dict[str, str]]:
    return [{"code": code.code, "label": code.label} for code in codes]


def reason_codes_update(
    *, installation: Installation, codes: list[ReasonCodeInput], actor: Actor = SYSTEM
) -> list[ReasonCode]:
    """Replace the active list (in the given order). Codes left out are deactivated, not deleted:
    the timeline keeps naming them."""
    if not codes:
        raise ValidationError(
            {
                "codes": ValidationError(
                    "Keep at least one reason code", code=WorkflowErrorCode.INVALID
                )
            }
        )
    seen: set[str] = set()
    for entry in codes:
        if not _CODE.match(entry.code) or not entry.label.strip() or len(entry.label) > 255:
            raise ValidationError(
                {
                    "codes": ValidationError(
                        f"Invalid reason code {entry.code!r}: use UPPER_SNAKE_CASE and a label",
                        code=WorkflowErrorCode.INVALID,
                    )
                }
            )
        if entry.code in seen:
            raise ValidationError(
                {
                    "codes": ValidationError(
                        f"Duplicate code {entry.code}", code=WorkflowErrorCode.INVALID
                    )
                }
            )
        seen.add(entry.code)
    with transaction.atomic():
        before = _listed(reason_codes_for(installation.pk, active_only=True))
        ReasonCode.objects.filter(installation=installation).exclude(code__in=seen).update(
            is_active=False
        )
        for position, entry in enumerate(codes):
            ReasonCode.objects.update_or_create(
                installation=installation,
                code=entry.code,
                defaults={"label": entry.label.strip(), "position": position, "is_active": True},
            )
        updated = reason_codes_for(installation.pk, active_only=True)
        settings_change_record(
            installation=installation,
            area=SettingsArea.REASON_CODES,
            actor=actor,
            before={"codes": before},
            after={"codes": _listed(updated)},
        )
    return updated
