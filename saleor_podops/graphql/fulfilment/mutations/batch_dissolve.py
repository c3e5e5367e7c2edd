from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import batches

from ...core.auth import person_of, require_roles
from ..types import FulfilmentBatch
from .base import FULFILMENT_ROLES, FulfilmentMutation, batch_of


class BatchDissolve(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The batch.")

    class Meta:
        description = "Give every item of an open batch back to the queue."

    batch = graphene.Field(FulfilmentBatch)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        batch = batches.batch_dissolve(
            batch=batch_of(identity, data["id"]), person=person_of(identity)
        )
        return cls(batch=batch, errors=[])
