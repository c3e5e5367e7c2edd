from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "saleor_podops.storefront"
    label = "podops_storefront"
