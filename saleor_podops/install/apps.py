from django.apps import AppConfig


class InstallConfig(AppConfig):
    name = "saleor_podops.install"
    label = "podops_install"
