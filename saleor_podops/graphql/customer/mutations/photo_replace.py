from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.approvals.actions import photo_replace

from ..auth import current_customer
from .base import CustomerMutation, item_pk


class PhotoReplace(CustomerMutation):
    item_id = graphene.ID()

    class Arguments:
        item_id = graphene.ID(required=True)
        upload_reference = graphene.String(
            required=True,
            description="The reference the upload API (POST /api/uploads) gave for the new photo.",
        )

    class Meta:
        description = "After your photo was rejected: use a new photo instead."

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, item_id: str, upload_reference: str
    ) -> Any:
        access = current_customer(info)
        photo_replace(access=access, item_pk=item_pk(item_id), upload_reference=upload_reference)
        return cls(item_id=item_id, errors=[])
