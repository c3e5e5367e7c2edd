"""The adapter for a configured partner."""

from __future__ import annotations

from .generic_http import GenericHttpPartner
from .interface import PrintPartnerAdapter
from .manual import ManualPartner
from .models import PartnerKind, PrintPartner


def adapter_for(partner: PrintPartner) -> PrintPartnerAdapter:
    if partner.kind == PartnerKind.GENERIC_HTTP:
        return GenericHttpPartner(
            endpoint_url=partner.endpoint_url,
            secret=partner.secret,
            connect_timeout=partner.connect_timeout_seconds,
            read_timeout=partner.read_timeout_seconds,
        )
    return ManualPartner()
