from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import respx


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture(autouse=True)
def _local_partners_pass_through(respx_router: respx.MockRouter) -> None:
    """Saleor is stubbed at the HTTP layer; print partners are real local servers."""
    respx_router.route(host="localhost").pass_through()
    respx_router.route(host="127.0.0.1").pass_through()
