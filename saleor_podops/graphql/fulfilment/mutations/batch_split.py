from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import batches

from ...core.auth import person_of, require_roles
from ..types import FulfilmentBatch
from .base import FULFILMENT_ROLES, FulfilmentMutation, batch_of, item_pks


class BatchSplit(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The batch.")
        items = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        description = "Move items of an open batch into a new batch; answers the new batch."

    batch = graphene.Field(FulfilmentBatch)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        batch = batches.batch_split(
            batch=batch_of(identity, data["id"]),
            item_ids=item_pks(identity, data["items"]),
            person=person_of(identity),
        )
        return cls(batch=batch, errors=[])
