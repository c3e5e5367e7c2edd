from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "saleor_podops.webhooks"
    label = "podops_webhooks"
