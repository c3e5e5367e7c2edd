"""``podops worker``: the Celery worker (with ``--beat`` for the periodic tasks)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from saleor_podops.core.processes import ensure_broker_dirs, worker_argv


class Command(BaseCommand):
    help = "Run the PodOps background worker (Celery)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--beat", action="store_true", help="Also run the periodic scheduler.")
        parser.add_argument("--concurrency", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        from saleor_podops.celery import app

        ensure_broker_dirs()
        app.worker_main(worker_argv(beat=options["beat"], concurrency=options["concurrency"]))
