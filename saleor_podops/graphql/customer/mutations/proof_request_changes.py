from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.approvals.actions import MarkInput, proof_request_changes

from ..auth import current_customer
from ..types import CustomerProof
from .base import CustomerMutation, proof_pk


class ChangeMarkInput(graphene.InputObjectType):
    x = graphene.Float(required=True, description="From the left edge: 0 to 1.")
    y = graphene.Float(required=True, description="From the top edge: 0 to 1.")
    note = graphene.String(default_value="")


class ProofRequestChanges(CustomerMutation):
    proof = graphene.Field(CustomerProof)
    over_free_limit = graphene.Boolean(
        description="The request is past the shop's free revisions (a manager will be in touch)."
    )

    class Arguments:
        proof_id = graphene.ID(required=True)
        comment = graphene.String(required=True)
        marks = graphene.List(graphene.NonNull(ChangeMarkInput), default_value=[])

    class Meta:
        description = "Ask for changes to the design, optionally with points marked on it."

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        proof_id: str,
        comment: str,
        marks: list[Any],
    ) -> Any:
        access = current_customer(info)
        result = proof_request_changes(
            access=access,
            proof_pk=proof_pk(proof_id),
            comment=comment,
            marks=[MarkInput(x=m.x, y=m.y, note=m.note or "") for m in marks],
        )
        return cls(proof=result.proof, over_free_limit=result.decision.over_free_limit, errors=[])
