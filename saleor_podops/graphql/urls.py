from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphene_file_upload.django import FileUploadGraphQLView

from .customer.schema import customer_schema

urlpatterns = [
    path("graphql/", csrf_exempt(FileUploadGraphQLView.as_view(graphiql=True)), name="graphql"),
    path(
        "graphql/customer/",
        csrf_exempt(GraphQLView.as_view(schema=customer_schema, graphiql=False)),
        name="customer-graphql",
    ),
]
