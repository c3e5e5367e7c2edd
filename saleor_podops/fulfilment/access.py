"""Who may work fulfilment: fulfillers and managers (and PodOps itself).

Queued items are assigned to fulfillers like any worked stage: a fulfiller batches and sends the
items they hold (a batch they change, split, dissolve or send must hold only their items); managers
act on every item. Once sent, a job is the team's: any fulfiller records its progress and checks it.
"""

from __future__ import annotations

from collections.abc import Iterable

from saleor_podops.production.models import ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.staff.models import Assignment
from saleor_podops.workflow.transitions import Flow, ItemState, Person, PersonKind, fulfils

from .error_codes import FulfilmentError, FulfilmentErrorCode


def require_fulfiller(person: Person) -> None:
    refusal = fulfils(ItemState(stage=Stage.FULFILMENT_QUEUE), person, Flow())
    if refusal is not None:
        raise FulfilmentError(FulfilmentErrorCode.ROLE_REQUIRED, refusal.message)


def require_manager(person: Person) -> None:
    if not (person.is_manager or person.kind == PersonKind.SYSTEM):
        raise FulfilmentError(FulfilmentErrorCode.ROLE_REQUIRED, "Only a manager may do this.")


def acts_on_all(person: Person) -> bool:
    return person.is_manager or person.kind == PersonKind.SYSTEM


def held_item_ids(user_id: str, item_ids: Iterable[int]) -> set[int]:
    """Which of ``item_ids`` the person holds now (one query)."""
    return set(
        Assignment.objects.filter(
            item_id__in=list(item_ids), released_at__isnull=True, staff__saleor_user_id=user_id
        ).values_list("item_id", flat=True)
    )


def require_holds(person: Person, items: Iterable[ProductionItem], field: str = "items") -> None:
    """A fulfiller acts only on the queued items assigned to them; managers on all."""
    items = list(items)
    if acts_on_all(person) or not items:
        return
    held = held_item_ids(person.user_id, [item.pk for item in items])
    others = [item for item in items if item.pk not in held]
    if others:
        raise FulfilmentError(
            FulfilmentErrorCode.NOT_ASSIGNED_TO_YOU,
            f"Not assigned to you: {', '.join(str(item) for item in others)} (a manager may "
            "reassign them)",
            field,
        )
