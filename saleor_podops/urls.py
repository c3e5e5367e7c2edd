from django.urls import include, path

urlpatterns = [
    path("", include("saleor_podops.install.urls")),
    path("", include("saleor_podops.webhooks.urls")),
    path("", include("saleor_podops.graphql.urls")),
    path("", include("saleor_podops.files_api.urls")),
    path("", include("saleor_podops.fulfilment_http.urls")),
    path("", include("saleor_podops.storefront.urls")),
]
