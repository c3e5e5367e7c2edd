"""The adapter for a configured partner."""

from __future__ import annotations

from .generic_http import GenericHttpPartner
from .interface import PrintPartnerAdapter
from .manual import ManualPartner
from .models import PRINTFUL_API_URL, PartnerKind, PrintPartner
from .printful import PrintfulPartner
from .rate_limit import partner_take_token


def adapter_for(partner: PrintPartner) -> PrintPartnerAdapter:
    if partner.kind == PartnerKind.GENERIC_HTTP:
        return GenericHttpPartner(
            endpoint_url=partner.endpoint_url,
            secret=partner.secret,
            connect_timeout=partner.connect_timeout_seconds,
            read_timeout=partner.read_timeout_seconds,
        )
    if partner.kind == PartnerKind.PRINTFUL:
        return printful_adapter(partner)
    return ManualPartner()


def printful_adapter(partner: PrintPartner, *, api_url: str = "") -> PrintfulPartner:
    """The partner's Printful API client (its key and store), at ``api_url`` when given (where its
    webhooks were registered), else at its API address."""
    partner_id = partner.pk
    return PrintfulPartner(
        api_url=api_url or partner.endpoint_url or PRINTFUL_API_URL,
        api_key=partner.api_key,
        options=partner.options,
        webhook_token=partner.webhook_token,
        connect_timeout=partner.connect_timeout_seconds,
        read_timeout=partner.read_timeout_seconds,
        # the webhook's order lookup draws on the partner's budget too
        take_token=lambda: partner_take_token(partner_id=partner_id),
    )
