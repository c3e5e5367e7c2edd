"""Who the customer is and which orders they may see and decide on.

- With a Saleor customer token: verified locally (signature, ``type: access``), then confirmed
  with Saleor using the token itself (``me`` and ``orders(where: {ids})``): a revoked token gets no
  answer, and ownership of every order comes from Saleor's data, not from the token's email.
- With an approval link: the one order and item it names, while the link is good.

Missing and not-yours are the same answer (NOT_FOUND) everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from saleor_podops.production.models import ActorType, ProductionItem, ProductionOrder
from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.client import (
    SaleorClient,
    SaleorPermanentError,
    SaleorTransientError,
)
from saleor_podops.saleor.client.operations import CustomerOrders, fetch_customer_owned_orders
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.tokens import CustomerPrincipal
from saleor_podops.workflow.transitions import Person, PersonKind

from .error_codes import AccessDenied, AccessErrorCode, ApprovalErrorCode, approval_error
from .links import LinkGrant

# The most orders one customer's request looks at (newest first).
MAX_CUSTOMER_ORDERS = 500


@dataclass(frozen=True)
class CustomerAccess:
    installation: Installation
    user_id: str  # blank for a link
    order_ids: frozenset[int]
    item_id: int | None = None  # a link: only this item

    @property
    def is_guest(self) -> bool:
        return not self.user_id

    @property
    def actor(self) -> Actor:
        return Actor(ActorType.CUSTOMER, self.user_id or "approval-link")

    @property
    def person(self) -> Person:
        return Person(PersonKind.CUSTOMER, self.user_id or "approval-link")

    def allows(self, item: ProductionItem) -> bool:
        return (
            item.installation_id == self.installation.pk
            and item.order_id in self.order_ids
            and (self.item_id is None or item.pk == self.item_id)
        )


def _saleor_owned_orders(principal: CustomerPrincipal, order_ids: list[str]) -> CustomerOrders:
    client = SaleorClient(principal.installation.saleor_api_url, principal.raw_token)
    return fetch_customer_owned_orders(client, order_ids)


def customer_access_confirm(principal: CustomerPrincipal) -> CustomerAccess:
    """The orders Saleor confirms are this customer's (candidates: orders of the token's user id or
    email). Raises ``AccessDenied`` when Saleor does not accept the token."""
    installation = principal.installation
    condition = Q(customer_user_id=principal.user_id)
    if principal.email:
        condition |= Q(customer_email__iexact=principal.email)
    candidates = dict(
        ProductionOrder.objects.filter(condition, installation=installation)
        .order_by("-created_at", "-id")
        .values_list("saleor_order_id", "pk")[:MAX_CUSTOMER_ORDERS]
    )
    try:
        owned = _saleor_owned_orders(principal, list(candidates))
    except SaleorTransientError:
        raise AccessDenied(
            AccessErrorCode.SALEOR_UNAVAILABLE, "Saleor cannot be reached now; try again."
        ) from None
    except SaleorPermanentError:
        raise AccessDenied(
            AccessErrorCode.TOKEN_INVALID, "Saleor did not accept the token: sign in again."
        ) from None
    if owned.user_id != principal.user_id:
        raise AccessDenied(AccessErrorCode.TOKEN_INVALID, "The token belongs to another user.")
    return CustomerAccess(
        installation=installation,
        user_id=principal.user_id,
        order_ids=frozenset(candidates[saleor_id] for saleor_id in owned.order_ids),
    )


def link_access(grant: LinkGrant) -> CustomerAccess:
    installation = Installation.objects.get(pk=grant.installation_id)
    if not installation.is_active:
        raise AccessDenied(AccessErrorCode.LINK_INVALID, "This approval link is not valid.")
    return CustomerAccess(
        installation=installation,
        user_id="",
        order_ids=frozenset({grant.order_id}),
        item_id=grant.item_id,
    )


def not_found(what: str = "item", field: str = "id") -> Exception:
    return approval_error(ApprovalErrorCode.NOT_FOUND, f"No such {what}.", field=field)


def access_item(
    access: CustomerAccess, item_id: int | None, *, field: str = "id"
) -> ProductionItem:
    item = (
        ProductionItem.objects.select_related("order").filter(pk=item_id).first()
        if item_id is not None
        else None
    )
    if item is None or not access.allows(item):
        raise not_found("item", field)
    return item
