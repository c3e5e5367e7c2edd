from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import qa

from ...core.auth import person_of, require_roles
from ..types import JobLine
from .base import FULFILMENT_ROLES, FulfilmentMutation, line_of


class QaPass(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The job line.")
        comment = graphene.String(default_value="")

    class Meta:
        description = "The printed item passed QA."

    line = graphene.Field(JobLine)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        line = qa.line_qa_pass(
            line=line_of(identity, data["id"]), person=person_of(identity), comment=data["comment"]
        )
        return cls(line=line, errors=[])
