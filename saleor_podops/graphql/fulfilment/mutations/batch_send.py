from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import dispatch

from ...core.auth import person_of, require_roles
from ..types import FulfilmentBatch, PartnerJob
from .base import FULFILMENT_ROLES, FulfilmentMutation, batch_of


class BatchSend(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The batch.")

    class Meta:
        description = (
            "Send a batch (after the grace window): manual partners' jobs count as sent, HTTP "
            "partners' jobs are sent in the background."
        )

    batch = graphene.Field(FulfilmentBatch)
    jobs = graphene.List(graphene.NonNull(PartnerJob))

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        batch = batch_of(identity, data["id"])
        jobs = dispatch.batch_send(batch=batch, person=person_of(identity))
        batch.refresh_from_db()
        return cls(batch=batch, jobs=jobs, errors=[])
