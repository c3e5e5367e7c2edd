from django.apps import AppConfig


class FulfilmentConfig(AppConfig):
    name = "saleor_podops.fulfilment"
    label = "podops_fulfilment"
    verbose_name = "Fulfilment"
