from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import dispatch

from ...core.auth import person_of, require_manager
from ..types import PartnerJob
from .base import FulfilmentMutation, job_of


class JobRetrySend(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="A job that could not be sent.")

    class Meta:
        description = "Managers: send a job again (same idempotency key: never a duplicate)."

    job = graphene.Field(PartnerJob)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_manager(info)
        job = dispatch.job_retry_send(job=job_of(identity, data["id"]), person=person_of(identity))
        return cls(job=job, errors=[])
