from django.apps import AppConfig


class SaleorIntegrationConfig(AppConfig):
    name = "saleor_podops.saleor"
    label = "podops_saleor"
    verbose_name = "Saleor integration"
