from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..customer_api import CustomerApi, SaleorCustomers
from ..saleor_stub import SaleorStub


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def customers(saleor: SaleorStub) -> SaleorCustomers:
    known = SaleorCustomers()
    known.mount(saleor)
    return known


@pytest.fixture
def customer_api(client: Any) -> CustomerApi:
    return CustomerApi(client)
