from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .core.views import CustomerGraphQLView, StaffGraphQLView
from .customer.schema import customer_schema

urlpatterns = [
    path("graphql/", csrf_exempt(StaffGraphQLView.as_view(graphiql=True)), name="graphql"),
    path(
        "graphql/customer/",
        csrf_exempt(CustomerGraphQLView.as_view(schema=customer_schema, graphiql=False)),
        name="customer-graphql",
    ),
]
