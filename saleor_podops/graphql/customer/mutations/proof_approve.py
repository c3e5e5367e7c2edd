from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.approvals.actions import proof_approve

from ..auth import current_customer
from ..types import CustomerProof
from .base import CustomerMutation, proof_pk


class ProofApprove(CustomerMutation):
    proof = graphene.Field(CustomerProof)

    class Arguments:
        proof_id = graphene.ID(required=True)

    class Meta:
        description = (
            "Approve the design: it goes to print. Only the version waiting for you can be "
            "approved, once."
        )

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, proof_id: str) -> Any:
        access = current_customer(info)
        return cls(proof=proof_approve(access=access, proof_pk=proof_pk(proof_id)), errors=[])
