from __future__ import annotations

import graphene

from ...core.ids import pk_from_global_id
from ...core.mutations import BaseMutation
from ..types import CustomerError


class CustomerMutation(BaseMutation):
    class Meta:
        abstract = True

    error_type = CustomerError
    errors = graphene.List(graphene.NonNull(CustomerError), required=True)


def proof_pk(global_id: str) -> int | None:
    return pk_from_global_id(global_id, "CustomerProof")


def item_pk(global_id: str) -> int | None:
    return pk_from_global_id(global_id, "CustomerItem")
