"""The embedded broker keeps every folder of its own under PodOps' var folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from saleor_podops.core.processes import ensure_broker_dirs

FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@pytest.mark.skipif(
    not settings.CELERY_BROKER_URL.startswith("filesystem://"),
    reason="the embedded filesystem broker is not in use",
)
def test_every_folder_of_the_filesystem_broker_is_under_var() -> None:
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS

    for key in FOLDERS:
        assert Path(options[key]).is_relative_to(settings.VAR_DIR / "broker"), key


def test_the_broker_folders_are_made_before_the_worker_starts(
    settings: Any, tmp_path: Path
) -> None:
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        key: str(tmp_path / "var" / "broker" / key) for key in FOLDERS
    }

    ensure_broker_dirs()

    assert sorted(p.name for p in (tmp_path / "var" / "broker").iterdir()) == sorted(FOLDERS)
