"""Who may work fulfilment: fulfillers and managers (and PodOps itself)."""

from __future__ import annotations

from saleor_podops.production.stages import Stage
from saleor_podops.workflow.transitions import Flow, ItemState, Person, fulfils

from .error_codes import FulfilmentError, FulfilmentErrorCode


def require_fulfiller(person: Person) -> None:
    refusal = fulfils(ItemState(stage=Stage.FULFILMENT_QUEUE), person, Flow())
    if refusal is not None:
        raise FulfilmentError(FulfilmentErrorCode.ROLE_REQUIRED, refusal.message)


def require_manager(person: Person) -> None:
    if not (person.is_manager or person.kind == "SYSTEM"):
        raise FulfilmentError(FulfilmentErrorCode.ROLE_REQUIRED, "Only a manager may do this.")
