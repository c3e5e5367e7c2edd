from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import dispatch

from ...core.auth import person_of, require_manager
from ..types import PartnerJob
from .base import FulfilmentMutation, job_of


class JobCancel(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="A job that has not shipped.")
        reason = graphene.String(required=True)

    class Meta:
        description = (
            "Managers: stop a job (cancelled at the partner first when it was sent); its unshipped "
            "items are cancelled."
        )

    job = graphene.Field(PartnerJob)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_manager(info)
        job = dispatch.job_cancel(
            job=job_of(identity, data["id"]), person=person_of(identity), reason=data["reason"]
        )
        return cls(job=job, errors=[])
