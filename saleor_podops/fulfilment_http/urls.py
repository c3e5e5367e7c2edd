from django.urls import path

from . import archive_downloads, partner_webhooks, prometheus

urlpatterns = [
    path(
        "api/partners/<uuid:public_id>/webhook",
        partner_webhooks.partner_webhook,
        name="partner-webhook",
    ),
    path(
        "api/partners/<uuid:public_id>/webhook/<str:token>",
        partner_webhooks.partner_webhook,
        name="partner-webhook-token",
    ),
    path(
        "api/fulfilment/archives/<str:token>",
        archive_downloads.archive_download,
        name="fulfilment-archive",
    ),
    path("metrics", prometheus.metrics_view, name="prometheus-metrics"),
]
