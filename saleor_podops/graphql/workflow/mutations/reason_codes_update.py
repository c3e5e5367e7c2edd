from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.workflow.reasons import ReasonCodeInput as ReasonCodeEntry
from saleor_podops.workflow.reasons import reason_codes_update

from ...core.auth import actor_of_identity, require_manager
from ..types import ReasonCode
from .base import WorkflowMutation


class ReasonCodeInput(graphene.InputObjectType):
    code = graphene.String(required=True, description="UPPER_SNAKE_CASE, e.g. LOW_RESOLUTION.")
    label = graphene.String(required=True)


class ReasonCodesUpdate(WorkflowMutation):
    class Arguments:
        codes = graphene.List(graphene.NonNull(ReasonCodeInput), required=True)

    class Meta:
        description = (
            "Replace the list of rejection reasons (in order). Codes left out are deactivated; "
            "the timeline keeps naming them."
        )

    reason_codes = graphene.List(graphene.NonNull(ReasonCode))

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, codes: list[dict[str, Any]]
    ) -> Any:
        identity = require_manager(info)
        updated = reason_codes_update(
            installation=identity.installation,
            codes=[ReasonCodeEntry(code=entry["code"], label=entry["label"]) for entry in codes],
            actor=actor_of_identity(identity),
        )
        return cls(reason_codes=updated, errors=[])
