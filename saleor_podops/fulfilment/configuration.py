"""Managers configure fulfilment: print partners (with their secret and rate limit) and the
installation's fulfilment settings. Every change is validated as a whole; a refusal saves nothing.
A change that saves something is recorded in the settings audit log in its transaction."""

from __future__ import annotations

from collections.abc import Mapping
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction

from saleor_podops.partners.http import AddressLookupTimeout, url_refusal
from saleor_podops.partners.models import (
    API_KINDS,
    PartnerKind,
    PrintPartner,
    printful_store_moved,
)
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.workflow.actions import actor_of
from saleor_podops.workflow.transitions import Person

from .access import require_manager
from .error_codes import FulfilmentError, FulfilmentErrorCode
from .models import FulfilmentSettings
from .printful_webhooks import (
    partner_webhook_after_save,
    printful_partners_lock,
    printful_store_holder,
)
from .queue import fulfilment_settings_for
from .selectors import jobs_in_flight
from .settings_audit import (
    partner_secrets,
    partner_values,
    record_partner_change,
    record_settings_change,
    settings_values,
)

MAX_RATE_PER_MINUTE = 6000


@dataclass(frozen=True)
class PrintfulOptions:
    store_id: str = ""
    variant_ids: Mapping[str, int] = field(default_factory=dict)  # SKU or product type -> variant
    file_placements: Mapping[str, str] = field(default_factory=dict)  # product type -> placement
    shipping_methods: Mapping[str, str] = field(default_factory=dict)  # Saleor method -> Printful

    def as_json(self) -> dict[str, Any]:
        return {
            "store_id": self.store_id,
            "variant_ids": dict(self.variant_ids),
            "file_placements": dict(self.file_placements),
            "shipping_methods": dict(self.shipping_methods),
        }


@dataclass(frozen=True)
class PartnerInput:
    name: str
    kind: PartnerKind
    endpoint_url: str = ""
    secret: str | None = None  # None: keep the stored one
    rate_per_minute: int = 60
    burst: int = 10
    is_active: bool = True
    api_key: str | None = None  # Printful; None: keep the stored one
    printful: PrintfulOptions | None = None  # None: keep the stored settings
    rotate_webhook_token: bool = False


def _invalid(message: str, field: str) -> FulfilmentError:
    return FulfilmentError(FulfilmentErrorCode.INVALID, message, field)


def _check_url(url: str, message: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise _invalid(message, "endpoint_url")
    try:
        refused = url_refusal(url)
    except AddressLookupTimeout as exc:
        raise FulfilmentError(
            FulfilmentErrorCode.ENDPOINT_LOOKUP_TIMEOUT,
            f"The address of {exc.host} could not be looked up within {exc.timeout:g} s, so "
            "PodOps could not check that it is public: nothing was saved, try again",
            "endpoint_url",
        ) from None
    if refused:
        raise FulfilmentError(
            FulfilmentErrorCode.ENDPOINT_NOT_PUBLIC,
            f"PodOps calls print partners only at public addresses: {refused}",
            "endpoint_url",
        )


def _check_printful(data: PartnerInput, has_api_key: bool) -> None:
    if data.endpoint_url:
        _check_url(data.endpoint_url, "Printful's API address is an http(s) URL (or leave it out)")
    if not (data.api_key or has_api_key):
        raise _invalid("A Printful partner needs its API key (a private token)", "api_key")
    if data.api_key is not None and len(data.api_key.strip()) < 16:
        raise _invalid("A Printful API key has at least 16 characters", "api_key")
    options = data.printful
    if options is None:
        return
    if options.store_id and not options.store_id.isdigit():
        raise _invalid("A Printful store id is a number", "printful")
    for name, mapping, value_type in (
        ("variant_ids", options.variant_ids, int),
        ("file_placements", options.file_placements, str),
        ("shipping_methods", options.shipping_methods, str),
    ):
        if not isinstance(mapping, Mapping) or not all(
            isinstance(k, str)
            and k
            and isinstance(v, value_type)
            and not isinstance(v, bool)
            and (v > 0 if isinstance(v, int) else bool(v))
            for k, v in mapping.items()
        ):
            what = "positive variant ids" if value_type is int else "names"
            raise _invalid(f"{name}: non-empty keys with {what}", "printful")


def _check_partner(data: PartnerInput, has_secret: bool, has_api_key: bool = False) -> None:
    if not data.name.strip():
        raise _invalid("Name the partner", "name")
    if not 1 <= data.rate_per_minute <= MAX_RATE_PER_MINUTE:
        raise _invalid(f"Between 1 and {MAX_RATE_PER_MINUTE} calls a minute", "rate_per_minute")
    if not 1 <= data.burst <= 1000:
        raise _invalid("A burst is between 1 and 1000 calls", "burst")
    if data.kind == PartnerKind.PRINTFUL:
        _check_printful(data, has_api_key)
    if data.kind == PartnerKind.GENERIC_HTTP:
        _check_url(data.endpoint_url, "An HTTP partner needs its job endpoint URL")
        if not (data.secret or has_secret):
            raise _invalid("An HTTP partner needs a shared secret (HMAC)", "secret")
        if data.secret is not None and len(data.secret) < 16:
            raise _invalid("The shared secret has at least 16 characters", "secret")


def _endpoint(data: PartnerInput) -> str:
    return data.endpoint_url if data.kind in API_KINDS else ""


def _set_kind_settings(partner: PrintPartner, data: PartnerInput) -> None:
    """The API key, settings and webhook token of a Printful partner (given values only)."""
    if data.kind != PartnerKind.PRINTFUL:
        return
    if data.api_key is not None:
        partner.set_api_key(data.api_key.strip())
    if data.printful is not None:
        partner.options = data.printful.as_json()
    if data.rotate_webhook_token or not partner.encrypted_webhook_token:
        partner.new_webhook_token()


def _check_store_free(partner: PrintPartner) -> None:
    """An active Printful partner (it registers its store's webhooks when saved) is refused while
    another partner of the installation wants the same store's (Printful keeps one webhook URL
    per store: each registration would take it from the other, and the other's jobs would go
    unreported). Switching a partner off is never refused by it."""
    holder = printful_store_holder(partner)
    if holder is None:
        return
    if holder.is_active:
        what = f"{holder.name} uses this Printful store already"
        way = f"change {holder.name} instead, or switch it off once it has no jobs in flight"
    else:
        what = f"{holder.name} still hears from this Printful store about its jobs in flight"
        way = "this partner can use the store once they are done"
    raise FulfilmentError(
        FulfilmentErrorCode.PRINTFUL_STORE_IN_USE,
        f"{what}, and Printful sends a store's webhooks to one URL (two partners would take it "
        f"from each other): {way}",
        "printful",
    )


def print_partner_create(
    *, installation: Installation, data: PartnerInput, person: Person
) -> PrintPartner:
    require_manager(person)
    _check_partner(data, has_secret=False)
    partner = PrintPartner(
        installation=installation,
        name=data.name.strip(),
        kind=data.kind,
        endpoint_url=_endpoint(data),
        rate_per_minute=data.rate_per_minute,
        burst=data.burst,
        tokens=float(data.burst),
        is_active=data.is_active,
    )
    partner.set_secret(data.secret or "")
    _set_kind_settings(partner, data)
    try:
        with transaction.atomic():
            if partner.kind == PartnerKind.PRINTFUL and partner.is_active:
                printful_partners_lock(installation.pk)
                _check_store_free(partner)
            partner.save()
            record_partner_change(
                partner=partner,
                actor=actor_of(person),
                before=partner_values(None),
                secrets_before=partner_secrets(None),
            )
    except IntegrityError:
        raise _invalid("A partner of that name exists", "name") from None
    partner_webhook_after_save(partner)
    return partner


def _check_kind_change(partner: PrintPartner, kind: PartnerKind) -> None:
    """A partner keeps its kind while it has jobs in flight (partner row locked): their progress
    comes by that kind's way (Printful's API and webhook, a generic partner's signed status
    webhooks, a fulfiller recording a print shop's word) and they are cancelled that way; as
    another kind they would be stranded."""
    if partner.kind == kind:
        return
    in_flight = jobs_in_flight(partner.pk).values("pk").distinct().count()
    if in_flight:
        raise FulfilmentError(
            FulfilmentErrorCode.PARTNER_JOBS_IN_FLIGHT,
            f"{partner.name} has {in_flight} job(s) that have neither shipped nor failed nor "
            "been cancelled: its kind stays until they are done (switch it off to send it no "
            "new work)",
            "kind",
        )


def _check_store_move(before: PrintPartner, partner: PrintPartner) -> None:
    """A Printful partner stays on its store while it has jobs in flight there: PodOps follows
    and cancels them through that store (and removes its webhook there afterwards). A new API
    key for the same store is taken: a key may have to be rotated at any time."""
    if before.kind != PartnerKind.PRINTFUL or partner.kind != PartnerKind.PRINTFUL:
        return
    if not printful_store_moved(before, partner):
        return
    in_flight = jobs_in_flight(partner.pk).values("pk").distinct().count()
    if in_flight:
        raise FulfilmentError(
            FulfilmentErrorCode.PARTNER_JOBS_IN_FLIGHT,
            f"{partner.name} has {in_flight} job(s) at its Printful store that have neither "
            "shipped nor failed nor been cancelled: it stays on that store until they are done "
            "(add another partner for the new store)",
            "printful",
        )


def print_partner_update(
    *, partner: PrintPartner, data: PartnerInput, person: Person
) -> PrintPartner:
    require_manager(person)
    _check_partner(
        data,
        has_secret=bool(partner.encrypted_secret),
        has_api_key=bool(partner.encrypted_api_key),
    )
    with transaction.atomic():
        if data.kind == PartnerKind.PRINTFUL and data.is_active:
            printful_partners_lock(partner.installation_id)
        partner = PrintPartner.objects.select_for_update().get(pk=partner.pk)
        _check_kind_change(partner, data.kind)
        before = copy(partner)
        audited, secrets_before = partner_values(partner), partner_secrets(partner)
        partner.name = data.name.strip()
        partner.kind = data.kind
        partner.endpoint_url = _endpoint(data)
        partner.rate_per_minute = data.rate_per_minute
        partner.burst = data.burst
        partner.is_active = data.is_active
        if data.secret is not None:
            partner.set_secret(data.secret)
        _set_kind_settings(partner, data)
        _check_store_move(before, partner)
        if partner.kind == PartnerKind.PRINTFUL and partner.is_active:
            _check_store_free(partner)
        try:
            with transaction.atomic():
                partner.save()
        except IntegrityError:
            raise _invalid("A partner of that name exists", "name") from None
        record_partner_change(
            partner=partner, actor=actor_of(person), before=audited, secrets_before=secrets_before
        )
        partner_webhook_after_save(partner)
    return partner


_SETTINGS_FIELDS = frozenset(
    {
        "grace_minutes",
        "spot_check_percent",
        "qa_product_types",
        "batch_max_items",
        "express_shipping_methods",
        "high_value_threshold",
        "due_soon_hours",
        "sla_hours",
        "print_methods",
        "default_partner",
        "fallback_warehouse_id",
    }
)


def fulfilment_settings_update(
    *, installation: Installation, changes: dict[str, Any], person: Person
) -> FulfilmentSettings:
    """Change some settings; unknown or invalid values are refused and nothing is saved."""
    require_manager(person)
    unknown = set(changes) - _SETTINGS_FIELDS
    if unknown:
        raise _invalid(f"Unknown settings: {', '.join(sorted(unknown))}", "input")
    if "grace_minutes" in changes and not 0 <= changes["grace_minutes"] <= 7 * 24 * 60:
        raise _invalid("The grace window is between 0 minutes and 7 days", "grace_minutes")
    if "spot_check_percent" in changes:
        percent = Decimal(str(changes["spot_check_percent"]))
        if not Decimal(0) <= percent <= Decimal(100):
            raise _invalid("A share between 0 and 100 percent", "spot_check_percent")
        changes["spot_check_percent"] = percent.quantize(Decimal("0.01"))
    if "batch_max_items" in changes and not 1 <= changes["batch_max_items"] <= 1000:
        raise _invalid("A batch holds between 1 and 1000 items", "batch_max_items")
    if "sla_hours" in changes:
        sla = changes["sla_hours"]
        stages = {stage.value for stage in Stage}
        if not isinstance(sla, dict) or any(
            key not in stages or not isinstance(value, int) or value < 1
            for key, value in sla.items()
        ):
            raise _invalid("Stage names with whole hours of at least 1", "sla_hours")
    if "print_methods" in changes:
        methods = changes["print_methods"]
        if not isinstance(methods, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in methods.items()
        ):
            raise _invalid("Product type slugs with print method names", "print_methods")
    partner = changes.get("default_partner")
    if partner is not None and partner.installation_id != installation.pk:
        raise FulfilmentError(FulfilmentErrorCode.NOT_FOUND, "No such partner", "default_partner")
    with transaction.atomic():
        settings = fulfilment_settings_for(installation)
        settings = FulfilmentSettings.objects.select_for_update().get(pk=settings.pk)
        before = settings_values(settings, sorted(changes))
        for name, value in changes.items():
            setattr(settings, name, value)
        settings.save()
        record_settings_change(settings=settings, actor=actor_of(person), before=before)
    return settings
