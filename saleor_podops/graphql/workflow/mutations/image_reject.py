from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.production.models import ProductionItem
from saleor_podops.workflow import actions
from saleor_podops.workflow.transitions import Person

from .base import ItemMutation


class ImageReject(ItemMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The production item.")
        reason_code = graphene.String(required=True, description="One of reasonCodes.")
        comment = graphene.String(default_value="")

    class Meta:
        description = (
            "Image review: the photos will not do; the item waits for the customer "
            "(AWAITING_CUSTOMER)."
        )

    @classmethod
    def act(cls, *, item: ProductionItem, person: Person, **data: Any) -> ProductionItem:
        return actions.item_reject_image(item=item, person=person, **data)
