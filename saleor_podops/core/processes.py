"""How PodOps' background processes are started (shared by ``podops serve`` and ``podops worker``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def ensure_broker_dirs() -> None:
    """The embedded filesystem broker keeps its messages in folders that must exist."""
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


def worker_argv(*, beat: bool, concurrency: int | None) -> list[str]:
    argv = ["worker", "--loglevel", "INFO"]
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        # The filesystem transport has no fan-out: run one process, solo pool.
        argv += ["--pool", "solo"]
    elif concurrency:
        argv += ["--concurrency", str(concurrency)]
    if beat:
        argv += ["--beat", "--schedule", str(settings.VAR_DIR / "celerybeat-schedule")]
    return argv
