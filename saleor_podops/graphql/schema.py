"""PodOps' own GraphQL API (graphene 3). Staff, customer and admin parts are added per domain."""

import graphene

import saleor_podops


class Query(graphene.ObjectType):
    api_version = graphene.String(
        required=True, description="The version of the PodOps service answering."
    )

    @staticmethod
    def resolve_api_version(root: object, info: graphene.ResolveInfo) -> str:
        return saleor_podops.__version__


schema = graphene.Schema(query=Query)
