from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.production.models import ProductionItem
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person

from .base import ItemMutation


class ItemReassign(ItemMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item.")
        assignee_user_id = graphene.String(
            required=True, description="Saleor user id of a person with the stage's role."
        )
        comment = graphene.String(default_value="")

    class Meta:
        description = "Hand an item to another person by hand (managers; capacity may be passed)."

    @classmethod
    def act(cls, *, item: ProductionItem, person: Person, **data: Any) -> ProductionItem:
        return actions.item_reassign(item=item, person=person, **data)
