"""Flow settings: reading the effective flow of an item, and changing the settings (each change
recorded in the settings audit log, in its transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.production.timeline import SYSTEM, Actor
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.roles import Role

from .error_codes import WorkflowErrorCode
from .models import FlowSettings, ProductTypeFlow
from .transitions import SKIPPABLE_STAGES, Flow


def flow_settings_for(installation: Installation | int) -> FlowSettings:
    installation_id = installation if isinstance(installation, int) else installation.pk
    settings, _ = FlowSettings.objects.get_or_create(installation_id=installation_id)
    return settings


def _skip_roles(settings: FlowSettings) -> dict[str, frozenset[Role]]:
    return {
        stage: frozenset(Role(role) for role in roles if role in Role.__members__)
        for stage, roles in (settings.skip_roles or {}).items()
    }


def _combine(settings: FlowSettings, override: ProductTypeFlow | None) -> Flow:
    def pick(name: str) -> bool:
        value = getattr(override, name) if override is not None else None
        return bool(getattr(settings, name)) if value is None else bool(value)

    return Flow(
        image_review=pick("image_review_enabled"),
        artwork_qc=pick("artwork_qc_enabled"),
        customer_approval=pick("customer_approval_enabled"),
        skip_roles=_skip_roles(settings),
    )


def flow_for(*, installation_id: int, product_type_slug: str) -> Flow:
    settings = flow_settings_for(installation_id)
    override = ProductTypeFlow.objects.filter(
        installation_id=installation_id, product_type_slug=product_type_slug
    ).first()
    return _combine(settings, override)


class FlowResolver:
    """Effective flows for many items of one installation in two queries (for lists)."""

    def __init__(self, installation_id: int) -> None:
        self._settings = flow_settings_for(installation_id)
        self._overrides = {
            row.product_type_slug: row
            for row in ProductTypeFlow.objects.filter(installation_id=installation_id)
        }
        self._cache: dict[str, Flow] = {}

    def for_product_type(self, product_type_slug: str) -> Flow:
        if product_type_slug not in self._cache:
            self._cache[product_type_slug] = _combine(
                self._settings, self._overrides.get(product_type_slug)
            )
        return self._cache[product_type_slug]


@dataclass(frozen=True)
class FlowSwitches:
    """New values for the switches; None leaves a switch as it is (or, for a product type
    override, makes it follow the installation)."""

    image_review_enabled: bool | None = None
    artwork_qc_enabled: bool | None = None
    customer_approval_enabled: bool | None = None


def _clean_skip_roles(skip_roles: dict[str, list[str]]) -> dict[str, list[str]]:
    cleaned: dict[str, list[str]] = {}
    for stage, roles in skip_roles.items():
        if stage not in {s.value for s in SKIPPABLE_STAGES}:
            raise ValidationError(
                {
                    "skip_roles": ValidationError(
                        f"{stage} cannot be skipped", code=WorkflowErrorCode.STAGE_NOT_SKIPPABLE
                    )
                }
            )
        unknown = [role for role in roles if role not in Role.__members__]
        if unknown:
            raise ValidationError(
                {
                    "skip_roles": ValidationError(
                        f"Unknown roles: {', '.join(unknown)}", code=WorkflowErrorCode.INVALID
                    )
                }
            )
        cleaned[stage] = sorted(set(roles))
    return cleaned


_SWITCHES = ("image_review_enabled", "artwork_qc_enabled", "customer_approval_enabled")


def _flow_values(
    row: FlowSettings | ProductTypeFlow | None, *, with_skip_roles: bool
) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(row, name) if row else None for name in _SWITCHES}
    if with_skip_roles and isinstance(row, FlowSettings):
        values["skip_roles"] = dict(row.skip_roles or {})
    return values


def flow_settings_update(
    *,
    installation: Installation,
    switches: FlowSwitches,
    skip_roles: dict[str, list[str]] | None = None,
    actor: Actor = SYSTEM,
) -> FlowSettings:
    """Items already in a stage that is switched off finish it (see transitions)."""
    cleaned = _clean_skip_roles(skip_roles) if skip_roles is not None else None
    with transaction.atomic():
        settings = flow_settings_for(installation)
        settings = FlowSettings.objects.select_for_update().get(pk=settings.pk)
        before = _flow_values(settings, with_skip_roles=True)
        for name, value in vars(switches).items():
            if value is not None:
                setattr(settings, name, value)
        if cleaned is not None:
            settings.skip_roles = {**(settings.skip_roles or {}), **cleaned}
        settings.save()
        settings_change_record(
            installation=installation,
            area=SettingsArea.FLOW_SETTINGS,
            actor=actor,
            before=before,
            after=_flow_values(settings, with_skip_roles=True),
        )
    return settings


def product_type_flow_update(
    *,
    installation: Installation,
    product_type_slug: str,
    switches: FlowSwitches,
    actor: Actor = SYSTEM,
) -> ProductTypeFlow | None:
    """Set a product type's overrides; all three None removes the override."""
    slug = product_type_slug.strip()
    if not slug or len(slug) > 255:
        raise ValidationError(
            {
                "product_type_slug": ValidationError(
                    "A product type slug is required", code=WorkflowErrorCode.INVALID
                )
            }
        )
    with transaction.atomic():
        existing = (
            ProductTypeFlow.objects.select_for_update()
            .filter(installation=installation, product_type_slug=slug)
            .first()
        )
        before = _flow_values(existing, with_skip_roles=False)
        row: ProductTypeFlow | None = None
        if all(value is None for value in vars(switches).values()):
            if existing is not None:
                existing.delete()
        else:
            row, _ = ProductTypeFlow.objects.update_or_create(
                installation=installation, product_type_slug=slug, defaults=vars(switches)
            )
        settings_change_record(
            installation=installation,
            area=SettingsArea.FLOW_SETTINGS,
            actor=actor,
            subject=slug,
            before=before,
            after=_flow_values(row, with_skip_roles=False),
        )
    return row
