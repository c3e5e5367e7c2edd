from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment import qa
from saleor_podops.fulfilment.models import DefectReason

from ...core.auth import person_of, require_manager
from ..types import DefectReasonEnum, JobLine
from .base import FulfilmentMutation, line_of


class LineReprint(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The job line.")
        reason = DefectReasonEnum(required=True)
        comment = graphene.String(default_value="")

    class Meta:
        description = "Managers: reprint a line the partner failed or that came back."

    reprint = graphene.Field(JobLine)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_manager(info)
        reprint = qa.line_reprint(
            line=line_of(identity, data["id"]),
            person=person_of(identity),
            reason=DefectReason(data["reason"]),
            comment=data["comment"],
        )
        return cls(reprint=reprint, errors=[])
