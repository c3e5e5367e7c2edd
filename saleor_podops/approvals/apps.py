from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "saleor_podops.approvals"
    label = "podops_approvals"

    def ready(self) -> None:
        from saleor_podops.production.signals import item_stage_entered

        from .receivers import open_customer_request_on_commit

        item_stage_entered.connect(
            open_customer_request_on_commit, dispatch_uid="podops-approvals-open-request"
        )
