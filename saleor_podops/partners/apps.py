from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "saleor_podops.partners"
    label = "podops_partners"
    verbose_name = "PodOps print partners"
