"""``podops sync_webhooks``: bring every installation's Saleor webhooks in line with this version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from saleor_podops.saleor.webhook_sync import sync_outdated_installations


class Command(BaseCommand):
    help = "Create, update or deactivate each installation's webhooks in Saleor to match PodOps."

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = sync_outdated_installations()
        if not outcome:
            self.stdout.write("Every installation's webhooks are up to date.")
        for api_url, summary in outcome.items():
            self.stdout.write(f"{api_url}: {summary}")
