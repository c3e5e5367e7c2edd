"""The webhooks PodOps subscribes to: one subscription document per event, in ``subscriptions/``.

The manifest declares them and the webhook intake accepts exactly these events.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SUBSCRIPTIONS_DIR = Path(__file__).parent / "subscriptions"
FRAGMENTS_DIR = SUBSCRIPTIONS_DIR / "fragments"  # one fragment per file, named as the file


class SaleorEvent(enum.StrEnum):
    """Saleor's ``Saleor-Event`` header values (lower case) for the events PodOps handles."""

    ORDER_CREATED = "order_created"
    ORDER_CONFIRMED = "order_confirmed"
    ORDER_FULLY_PAID = "order_fully_paid"
    ORDER_UPDATED = "order_updated"
    ORDER_CANCELLED = "order_cancelled"
    ORDER_FULLY_REFUNDED = "order_fully_refunded"
    APP_DELETED = "app_deleted"

    @property
    def enum_name(self) -> str:
        """The WebhookEventTypeAsyncEnum name the manifest uses."""
        return self.value.upper()

    @property
    def path_segment(self) -> str:
        return self.value.replace("_", "-")


@dataclass(frozen=True)
class WebhookSubscription:
    event: SaleorEvent

    @property
    def name(self) -> str:
        return f"PodOps {self.event.value.replace('_', ' ')}"

    @property
    def query(self) -> str:
        return subscription_query(self.event)


@cache
def subscription_query(event: SaleorEvent) -> str:
    """The subscription document for ``event`` with the fragments it uses (transitively) appended."""
    document = (SUBSCRIPTIONS_DIR / f"{event.value}.graphql").read_text().strip()
    fragments = {path.stem: path.read_text().strip() for path in FRAGMENTS_DIR.glob("*.graphql")}
    included: list[str] = []
    pending = [document]
    while pending:
        text = pending.pop()
        for name in sorted(set(re.findall(r"\.\.\.\s*([A-Za-z_]\w*)", text)) - {"on"}):
            if name in fragments and name not in included:
                included.append(name)
                pending.append(fragments[name])
    return "\n\n".join([document, *(fragments[name] for name in included)]) + "\n"


SUBSCRIPTIONS: tuple[WebhookSubscription, ...] = tuple(WebhookSubscription(e) for e in SaleorEvent)


def event_from_header(value: str) -> SaleorEvent | None:
    try:
        return SaleorEvent(value.strip().lower())
    except ValueError:
        return None
