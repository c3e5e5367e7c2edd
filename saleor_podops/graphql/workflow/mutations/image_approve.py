from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.production.models import ProductionItem
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person

from .base import ItemMutation


class ImageApprove(ItemMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item.")
        comment = graphene.String(default_value="")

    class Meta:
        description = "Image review: the customer's photos are good; the item moves on."

    @classmethod
    def act(cls, *, item: ProductionItem, person: Person, **data: Any) -> ProductionItem:
        return actions.item_approve_image(item=item, person=person, **data)
