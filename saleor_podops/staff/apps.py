from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "saleor_podops.staff"
    label = "podops_staff"
    verbose_name = "Staff, roles and assignment"
