from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.approvals.actions import photo_go_ahead

from ..auth import current_customer
from .base import CustomerMutation, item_pk


class PhotoGoAhead(CustomerMutation):
    item_id = graphene.ID()

    class Arguments:
        item_id = graphene.ID(required=True)
        comment = graphene.String(default_value="")

    class Meta:
        description = "After your photo was rejected: continue with it anyway."

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, item_id: str, comment: str
    ) -> Any:
        access = current_customer(info)
        photo_go_ahead(access=access, item_pk=item_pk(item_id), comment=comment or "")
        return cls(item_id=item_id, errors=[])
