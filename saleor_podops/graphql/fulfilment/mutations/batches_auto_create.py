from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import batches

from ...core.auth import person_of, require_roles
from ..types import FulfilmentBatch
from .base import FULFILMENT_ROLES, FulfilmentMutation, partner_of


class BatchesAutoCreate(FulfilmentMutation):
    class Arguments:
        partner = graphene.ID(description="Default: the installation's default partner.")

    class Meta:
        description = "Batch every unbatched queued item by group, most urgent first."

    batches = graphene.List(graphene.NonNull(FulfilmentBatch))

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        made = batches.batches_auto_create(
            installation=identity.installation,
            partner=partner_of(identity, data["partner"]) if data.get("partner") else None,
            person=person_of(identity),
        )
        return cls(batches=made, errors=[])
