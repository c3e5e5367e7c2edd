"""The dashboard extension's pages: one index.html for every mount, revalidated on each load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def built_extension(tmp_path: Path, settings: Any) -> Path:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text('<!doctype html><div id="root"></div>')
    settings.DASHBOARD_EXTENSION_DIST = dist
    return dist


@pytest.mark.parametrize(
    "path",
    ["/dashboard/", "/dashboard/production", "/dashboard/order-widget", "/dashboard/order-actions"],
)
def test_every_mount_gets_the_built_index_revalidated_each_time(
    client: Client, built_extension: Path, path: str
) -> None:
    # when
    response = client.get(path, {"id": "QXBwOjE=", "theme": "dark"})

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html"
    assert response["Cache-Control"] == "no-cache"
    assert response.content == b'<!doctype html><div id="root"></div>'


def test_a_missing_build_says_how_to_build_it(
    client: Client, tmp_path: Path, settings: Any
) -> None:
    # given
    settings.DASHBOARD_EXTENSION_DIST = tmp_path / "absent"

    # when
    response = client.get("/dashboard/production")

    # then
    assert response.status_code == 503
    assert b"dashboard extension is not built" in response.content
