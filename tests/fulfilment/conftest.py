from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from ..partners.fake_printful import FakePrintful


@pytest.fixture(autouse=True)
def _partners_are_local_servers(pass_through_local_servers: None) -> None:
    """Saleor is stubbed at the HTTP layer; print partners are real local servers."""


@pytest.fixture
def printful(httpserver: HTTPServer) -> FakePrintful:
    """Printful's API at a local server."""
    fake = FakePrintful(httpserver)
    fake.mount()
    return fake
