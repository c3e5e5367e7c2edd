"""PodOps' own GraphQL API (graphene 3): the staff API for the dashboard extension and any GraphQL
client. Each domain adds its queries and mutations here. The SDL is exported to schema.graphql
(``podops export_schema``); a test fails when that file is stale."""

import graphene

import saleor_podops

from .artwork.schema import ArtworkMutations, ArtworkQueries
from .audit.schema import AuditQueries
from .fulfilment.schema import FulfilmentMutations, FulfilmentQueries
from .notifications.schema import NotificationMutations, NotificationQueries
from .product_types.schema import ProductTypeQueries
from .production.schema import ProductionQueries
from .staff.schema import StaffMutations, StaffQueries
from .workflow.schema import WorkflowMutations, WorkflowQueries


class Query(
    ProductionQueries,
    WorkflowQueries,
    StaffQueries,
    ArtworkQueries,
    FulfilmentQueries,
    NotificationQueries,
    ProductTypeQueries,
    AuditQueries,
    graphene.ObjectType,
):
    api_version = graphene.String(
        required=True, description="The version of the PodOps service answering."
    )

    @staticmethod
    def resolve_api_version(root: object, info: graphene.ResolveInfo) -> str:
        return saleor_podops.__version__


class Mutation(
    WorkflowMutations,
    StaffMutations,
    ArtworkMutations,
    FulfilmentMutations,
    NotificationMutations,
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
