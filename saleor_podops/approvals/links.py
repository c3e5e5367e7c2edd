"""Signed approval links for customers without a Saleor account (and for emails).

A link names one item of one order and the moment the item entered the stage that waits for the
customer (``stage_entered_at``). It is signed with the secret key (``django.core.signing``, its own
salt) and dies when it expires, when it is changed in any byte, and as soon as the item leaves that
stage (the next entry has another marker), so it cannot approve twice or act on another order.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse

from saleor_podops.production.models import ProductionItem
from saleor_podops.production.stages import Stage

from .error_codes import AccessDenied, AccessErrorCode

_SALT = "podops.approvals.guest-link"
# The stages in which a customer has something to decide.
CUSTOMER_STAGES = frozenset({Stage.CUSTOMER_APPROVAL, Stage.AWAITING_CUSTOMER})


def _marker(item: ProductionItem) -> str:
    """The item's current stay: its stage and when it entered it."""
    entered = item.stage_entered_at.isoformat() if item.stage_entered_at else ""
    return f"{item.stage}@{entered}"


def approval_link_token(item: ProductionItem) -> str:
    return signing.dumps(
        {"i": item.installation_id, "o": item.order_id, "t": item.pk, "m": _marker(item)},
        salt=_SALT,
        compress=True,
    )


def approval_link_url(item: ProductionItem) -> str:
    """The hosted approvals page for the item, in the language the customer ordered in."""
    url = (
        f"{settings.PUBLIC_URL}{reverse('approvals-hosted-page', args=[approval_link_token(item)])}"
    )
    language = item.order.language_code
    return f"{url}?{urlencode({'locale': language})}" if language else url


@dataclass(frozen=True)
class LinkGrant:
    installation_id: int
    order_id: int
    item_id: int


def approval_link_read(token: str) -> LinkGrant:
    """The order and item the link is for, while it is still good; ``AccessDenied`` otherwise."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=settings.APPROVAL_LINK_TTL_SECONDS)
        grant = LinkGrant(int(payload["i"]), int(payload["o"]), int(payload["t"]))
        marker = str(payload["m"])
    except signing.SignatureExpired:
        raise AccessDenied(
            AccessErrorCode.LINK_EXPIRED,
            "This approval link has expired; ask the shop for a new one.",
        ) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise AccessDenied(
            AccessErrorCode.LINK_INVALID, "This approval link is not valid."
        ) from None
    item = ProductionItem.objects.filter(
        pk=grant.item_id, order_id=grant.order_id, installation_id=grant.installation_id
    ).first()
    if item is None or item.stage not in CUSTOMER_STAGES or _marker(item) != marker:
        raise AccessDenied(
            AccessErrorCode.LINK_USED_UP,
            "This approval link is no longer needed: the order has moved on.",
        )
    return grant
