"""Orders that reached the fulfilment queue through the real workflow, with real (small) artwork,
and the partners they go to."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from saleor_podops.artwork import files
from saleor_podops.artwork.models import ArtworkVersion
from saleor_podops.core import crypto
from saleor_podops.fulfilment.models import FulfilmentSettings
from saleor_podops.fulfilment.queue import fulfilment_settings_for
from saleor_podops.partners.models import PartnerKind, PrintPartner
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.assignment import staff_fill
from saleor_podops.staff.models import RoleAssignment, StaffMember
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


def ensure_fulfiller(
    installation: Installation, user_id: str = FULFILLER, capacity: int = 100
) -> StaffMember:
    """The fulfiller the queued items of these tests are assigned to (room for all of them)."""
    member, _ = StaffMember.objects.get_or_create(
        installation=installation,
        saleor_user_id=user_id,
        defaults={"email": f"{user_id.lower()}@example.com", "capacity": capacity},
    )
    RoleAssignment.objects.get_or_create(staff=member, role=Role.FULFILLER)
    if member.capacity < capacity:
        StaffMember.objects.filter(pk=member.pk).update(capacity=capacity)
        staff_fill(staff_pk=member.pk)
    return member


def approved_order(
    installation: Installation,
    number: str = "2001",
    *,
    product_types: Iterable[str] = ("portrait",),
) -> ProductionOrder:
    """A paid order whose items all went through artwork into the fulfilment queue, where they are
    assigned to FULFILLER (made a fulfiller with room if needed)."""
    FlowSettings.objects.update_or_create(
        installation=installation,
        defaults={
            "image_review_enabled": False,
            "artwork_qc_enabled": False,
            "customer_approval_enabled": False,
        },
    )
    ensure_fulfiller(installation)
    order = paid_order(installation, number, product_types=product_types, assign=False)
    for item in order.items.order_by("line_index"):
        add_artwork(item)
        actions.artwork_submit(item=item, person=MANAGER_P)
    order.refresh_from_db()
    return order


def items_of(order: ProductionOrder) -> list[ProductionItem]:
    return list(order.items.order_by("line_index"))


def qa_for(installation: Installation, *product_types: str) -> FulfilmentSettings:
    """Items of these product types wait for a QA check after printing (the settings, saved)."""
    settings = fulfilment_settings_for(installation)
    settings.qa_product_types = list(product_types)
    settings.save()
    return settings


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


PRINTFUL_TOKEN = "printful-webhook-token-0123456789"


def printful_partner(
    installation: Installation,
    api_url: str,
    *,
    api_key: str,
    options: dict[str, object] | None = None,
    name: str = "Printful",
) -> PrintPartner:
    partner = PrintPartner(
        installation=installation,
        name=name,
        kind=PartnerKind.PRINTFUL,
        endpoint_url=api_url,
        rate_per_minute=600,
        burst=50,
        tokens=50.0,
        connect_timeout_seconds=1.0,
        read_timeout_seconds=2.0,
        options=options or {"variant_ids": {"portrait": 1}},
    )
    partner.set_api_key(api_key)
    partner.encrypted_webhook_token = crypto.encrypt(PRINTFUL_TOKEN)
    partner.save()
    return partner
