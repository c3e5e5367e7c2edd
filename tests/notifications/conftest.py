from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from ..customer_api import CustomerApi, SaleorCustomers
from ..saleor_stub import SaleorStub


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def customers(saleor: SaleorStub) -> SaleorCustomers:
    known = SaleorCustomers()
    known.mount(saleor)
    return known


@pytest.fixture
def customer_api(client: Any) -> CustomerApi:
    return CustomerApi(client)
