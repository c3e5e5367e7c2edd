from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "saleor_podops.notifications"
    label = "podops_notifications"
