"""``podops serve``: migrate, then run the web server (gunicorn) and, on the embedded default or
with ``--with-worker``, a background worker with the periodic scheduler beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from saleor_podops.core.processes import ensure_broker_dirs


class Command(BaseCommand):
    help = "Run PodOps: web server, plus the embedded worker on the default setup."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("PODOPS_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("PODOPS_WEB_WORKERS", "2"))
        )
        parser.add_argument("--with-worker", action="store_true", default=None)
        parser.add_argument("--no-worker", dest="with_worker", action="store_false")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        with_worker = options["with_worker"]
        if with_worker is None:
            with_worker = settings.CELERY_BROKER_URL.startswith("filesystem://")

        children: list[subprocess.Popen[bytes]] = []
        if with_worker:
            ensure_broker_dirs()
            children.append(
                subprocess.Popen([sys.executable, "-m", "saleor_podops.cli", "worker", "--beat"])
            )
        children.append(
            subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "saleor_podops.wsgi:application",
                    "--bind",
                    options["bind"],
                    "--workers",
                    str(options["workers"]),
                    "--threads",
                    "4",
                    "--access-logfile",
                    "-",
                ]
            )
        )
        self.stdout.write(self.style.SUCCESS(f"PodOps is running at {settings.PUBLIC_URL}"))
        self.stdout.write(f"Manifest URL to paste into Saleor: {settings.PUBLIC_URL}/api/manifest")
        if with_worker:
            self.stdout.write("Background worker and scheduler: running (embedded)")

        def stop(*_: object) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            stop()
            for child in children:
                child.wait(timeout=30)
