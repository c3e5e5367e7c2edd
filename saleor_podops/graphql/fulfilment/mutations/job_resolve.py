from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import events

from ...core.auth import person_of, require_manager
from ..types import PartnerJob
from .base import FulfilmentMutation, job_of


class JobResolve(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="A job waiting for a manager (attention).")
        comment = graphene.String(required=True, description="How it was resolved.")

    class Meta:
        description = (
            "Managers: a job's trouble is dealt with (a returned parcel refunded, a job stopped "
            "at the print shop by hand, a failed job's items sent again). Its order's flag lifts "
            "when no other job of it needs a person."
        )

    job = graphene.Field(PartnerJob)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_manager(info)
        job = events.job_resolve(
            job=job_of(identity, data["id"]), person=person_of(identity), comment=data["comment"]
        )
        return cls(job=job, errors=[])
