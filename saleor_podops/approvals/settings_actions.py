"""The shop's approval settings (free revisions, where the storefront shows approvals); changes are
recorded in the settings history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.production.timeline import SYSTEM, Actor
from saleor_podops.saleor.models import Installation

from .error_codes import ApprovalErrorCode
from .models import ApprovalSettings

MAX_FREE_REVISIONS = 50


def approval_settings_for(installation_id: int) -> ApprovalSettings:
    settings, _ = ApprovalSettings.objects.get_or_create(installation_id=installation_id)
    return settings


def approval_settings_update(
    *,
    installation: Installation,
    free_revisions: int | None = None,
    storefront_approvals_url: str | None = None,
    actor: Actor = SYSTEM,
) -> ApprovalSettings:
    with transaction.atomic():
        settings = approval_settings_for(installation.pk)
        settings = ApprovalSettings.objects.select_for_update().get(pk=settings.pk)
        before = _values(settings)
        _apply(settings, free_revisions, storefront_approvals_url)
        settings_change_record(
            installation=installation,
            area=SettingsArea.APPROVAL_SETTINGS,
            actor=actor,
            before=before,
            after=_values(settings),
        )
    return settings


def _values(settings: ApprovalSettings) -> dict[str, object]:
    return {
        "free_revisions": settings.free_revisions,
        "storefront_approvals_url": settings.storefront_approvals_url,
    }


def _apply(
    settings: ApprovalSettings, free_revisions: int | None, storefront_approvals_url: str | None
) -> None:
    if free_revisions is not None:
        if not 0 <= free_revisions <= MAX_FREE_REVISIONS:
            raise ValidationError(
                {
                    "free_revisions": ValidationError(
                        f"Between 0 and {MAX_FREE_REVISIONS}.", code=ApprovalErrorCode.INVALID
                    )
                }
            )
        settings.free_revisions = free_revisions
    if storefront_approvals_url is not None:
        if storefront_approvals_url and not storefront_approvals_url.startswith("https://"):
            raise ValidationError(
                {
                    "storefront_approvals_url": ValidationError(
                        "Use an https:// address.", code=ApprovalErrorCode.INVALID
                    )
                }
            )
        settings.storefront_approvals_url = storefront_approvals_url
    settings.full_clean()
    settings.save()
