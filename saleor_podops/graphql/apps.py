from django.apps import AppConfig


class GraphQLConfig(AppConfig):
    name = "saleor_podops.graphql"
    label = "podops_graphql"
