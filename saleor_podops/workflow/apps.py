from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "saleor_podops.workflow"
    label = "podops_workflow"
    verbose_name = "Production workflow"
