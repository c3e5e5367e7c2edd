from django.urls import path

from . import views

urlpatterns = [
    path("api/webhooks/<slug:event_segment>", views.saleor_webhook, name="saleor-webhook"),
]
