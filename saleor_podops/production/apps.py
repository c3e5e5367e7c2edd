from django.apps import AppConfig


class ProductionConfig(AppConfig):
    name = "saleor_podops.production"
    label = "podops_production"
