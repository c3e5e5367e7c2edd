from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.production.models import ProductionItem
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person

from .base import ItemMutation


class ItemHold(ItemMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item.")
        comment = graphene.String(default_value="")

    class Meta:
        description = "Put an item on hold (managers); it resumes to the stage it left."

    @classmethod
    def act(cls, *, item: ProductionItem, person: Person, **data: Any) -> ProductionItem:
        return actions.item_hold(item=item, person=person, **data)
