"""The customer API (``/graphql/customer/``): its own schema, so customer credentials never reach
a staff field. SDL in customer/schema.graphql (``podops export_customer_schema``)."""

from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.approvals.selectors import (
    customer_open_photo_requests,
    customer_open_proofs,
    customer_order,
    customer_orders,
)

from ..core.ids import pk_from_global_id
from .auth import current_customer
from .mutations.photo_go_ahead import PhotoGoAhead
from .mutations.photo_replace import PhotoReplace
from .mutations.proof_approve import ProofApprove
from .mutations.proof_request_changes import ProofRequestChanges
from .types import CustomerOrder, CustomerPhotoRequest, CustomerProof


class CustomerSession(graphene.ObjectType):
    saleor_api_url = graphene.String(required=True)
    signed_in_with_link = graphene.Boolean(required=True)


class CustomerQuery(graphene.ObjectType):
    customer_session = graphene.Field(
        CustomerSession, required=True, description="Who you are to PodOps."
    )
    customer_orders = graphene.List(
        graphene.NonNull(CustomerOrder), required=True, description="Your orders, newest first."
    )
    customer_order = graphene.Field(CustomerOrder, id=graphene.ID(required=True))
    customer_proofs = graphene.List(
        graphene.NonNull(CustomerProof), required=True, description="Designs waiting for you."
    )
    customer_photo_requests = graphene.List(
        graphene.NonNull(CustomerPhotoRequest),
        required=True,
        description="Photos we could not use: send a new one or tell us to go ahead.",
    )

    @staticmethod
    def resolve_customer_session(root: Any, info: graphene.ResolveInfo) -> CustomerSession:
        access = current_customer(info)
        return CustomerSession(
            saleor_api_url=access.installation.saleor_api_url,
            signed_in_with_link=access.is_guest,
        )

    @staticmethod
    def resolve_customer_orders(root: Any, info: graphene.ResolveInfo) -> Any:
        return customer_orders(current_customer(info))

    @staticmethod
    def resolve_customer_order(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        return customer_order(current_customer(info), pk_from_global_id(id, "CustomerOrder"))

    @staticmethod
    def resolve_customer_proofs(root: Any, info: graphene.ResolveInfo) -> Any:
        return customer_open_proofs(current_customer(info))

    @staticmethod
    def resolve_customer_photo_requests(root: Any, info: graphene.ResolveInfo) -> Any:
        return customer_open_photo_requests(current_customer(info))


class CustomerMutation(graphene.ObjectType):
    proof_approve = ProofApprove.Field()
    proof_request_changes = ProofRequestChanges.Field()
    photo_go_ahead = PhotoGoAhead.Field()
    photo_replace = PhotoReplace.Field()


customer_schema = graphene.Schema(query=CustomerQuery, mutation=CustomerMutation)
