from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "saleor_podops.intake"
    label = "podops_intake"
