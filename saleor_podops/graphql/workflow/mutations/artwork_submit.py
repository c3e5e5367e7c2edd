from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.production.models import ProductionItem
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person

from .base import ItemMutation


class ArtworkSubmit(ItemMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item.")
        comment = graphene.String(default_value="")

    class Meta:
        description = (
            "The artist hands the artwork on (to QC, customer approval or fulfilment, per flow "
            "settings)."
        )

    @classmethod
    def act(cls, *, item: ProductionItem, person: Person, **data: Any) -> ProductionItem:
        return actions.artwork_submit(item=item, person=person, **data)
