from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import batches

from ...core.auth import person_of, require_roles
from ..types import FulfilmentBatch
from .base import FULFILMENT_ROLES, FulfilmentMutation, item_pks, partner_of


class BatchCreate(FulfilmentMutation):
    class Arguments:
        partner = graphene.ID(description="Default: the installation's default partner.")
        items = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        description = "Group queued items (one product type, print method, destination) in a batch."

    batch = graphene.Field(FulfilmentBatch)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        batch = batches.batch_create(
            installation=identity.installation,
            partner=partner_of(identity, data["partner"]) if data.get("partner") else None,
            item_ids=item_pks(identity, data["items"]),
            person=person_of(identity),
        )
        return cls(batch=batch, errors=[])
