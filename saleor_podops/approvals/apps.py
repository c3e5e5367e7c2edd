from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "saleor_podops.approvals"
    label = "podops_approvals"
