from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saleor_podops.core"
    label = "podops_core"
