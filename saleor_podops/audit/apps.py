from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "saleor_podops.audit"
    label = "podops_audit"
    verbose_name = "Settings audit log"
