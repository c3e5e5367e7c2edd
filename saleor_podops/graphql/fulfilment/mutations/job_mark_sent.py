from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import dispatch

from ...core.auth import person_of, require_roles
from ..types import PartnerJob
from .base import FULFILMENT_ROLES, FulfilmentMutation, job_of


class JobMarkSent(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="A manual partner's waiting job.")

    class Meta:
        description = "The fulfiller handed a manual partner's job (a reprint) over."

    job = graphene.Field(PartnerJob)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        job = dispatch.job_mark_sent(job=job_of(identity, data["id"]), person=person_of(identity))
        return cls(job=job, errors=[])
