from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.production.models import ProductionItem
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person

from .base import ItemMutation


class ItemComment(ItemMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item.")
        comment = graphene.String(required=True)

    class Meta:
        description = "Add an internal (staff-only) comment to the item's timeline."

    @classmethod
    def act(cls, *, item: ProductionItem, person: Person, **data: Any) -> ProductionItem:
        return actions.item_comment(item=item, person=person, comment=data["comment"])
