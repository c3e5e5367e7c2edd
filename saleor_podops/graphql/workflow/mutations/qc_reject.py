from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.production.models import ProductionItem
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person

from .base import ItemMutation


class QcReject(ItemMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item.")
        reason_code = graphene.String(required=True, description="One of reasonCodes.")
        comment = graphene.String(default_value="")

    class Meta:
        description = "Artwork QC: back to the artist (Rejected by Art Manager)."

    @classmethod
    def act(cls, *, item: ProductionItem, person: Person, **data: Any) -> ProductionItem:
        return actions.qc_reject(item=item, person=person, **data)
