"""Orders that reached the fulfilment queue through the real workflow, with real (small) artwork,
and the partners they go to."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from saleor_podops.artwork import files
from saleor_podops.artwork.models import ArtworkVersion
from saleor_podops.partners.models import PartnerKind, PrintPartner
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.models import FlowSettings
from saleor_podops.workflow.transitions import Person, PersonKind

from ..artwork.images import image_bytes
from ..staff_api import ARTIST, FULFILLER, MANAGER, paid_order

FULFILLER_P = Person(PersonKind.STAFF, FULFILLER, frozenset({Role.FULFILLER}))
MANAGER_P = Person(PersonKind.STAFF, MANAGER, frozenset({Role.MANAGER}))
ARTIST_P = Person(PersonKind.STAFF, ARTIST, frozenset({Role.ARTIST}))
PARTNER_SECRET = "partner-shared-secret"


def add_artwork(item: ProductionItem, number: int = 1) -> ArtworkVersion:
    data = image_bytes("PNG", (40, 30))
    key = files.store_bytes(data, kind="artwork", extension="png")
    return ArtworkVersion.objects.create(
        installation_id=item.installation_id,
        item=item,
        number=number,
        file=key,
        original_name=f"art-{number}.png",
        content_type="image/png",
        image_format="PNG",
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        width=40,
        height=30,
        uploaded_by_type="STAFF",
        uploaded_by_id=ARTIST,
        print_check={"effective_dpi": 300, "resolution": "OK"},
    )


def approved_order(
    installation: Installation,
    number: str = "2001",
    *,
    product_types: Iterable[str] = ("portrait",),
) -> ProductionOrder:
    """A paid order whose items all went through artwork into the fulfilment queue."""
    FlowSettings.objects.update_or_create(
        installation=installation,
        defaults={
            "image_review_enabled": False,
            "artwork_qc_enabled": False,
            "customer_approval_enabled": False,
        },
    )
    order = paid_order(installation, number, product_types=product_types, assign=False)
    for item in order.items.order_by("line_index"):
        add_artwork(item)
        actions.artwork_submit(item=item, person=MANAGER_P)
    order.refresh_from_db()
    return order


def items_of(order: ProductionOrder) -> list[ProductionItem]:
    return list(order.items.order_by("line_index"))


def manual_partner(installation: Installation, name: str = "Print shop") -> PrintPartner:
    return PrintPartner.objects.create(
        installation=installation, name=name, kind=PartnerKind.MANUAL
    )


def http_partner(
    installation: Installation,
    endpoint_url: str,
    *,
    name: str = "Printer API",
    rate_per_minute: int = 600,
    burst: int = 50,
    read_timeout: float = 2.0,
) -> PrintPartner:
    partner = PrintPartner(
        installation=installation,
        name=name,
        kind=PartnerKind.GENERIC_HTTP,
        endpoint_url=endpoint_url,
        rate_per_minute=rate_per_minute,
        burst=burst,
        tokens=float(burst),
        connect_timeout_seconds=1.0,
        read_timeout_seconds=read_timeout,
    )
    partner.set_secret(PARTNER_SECRET)
    partner.save()
    return partner
