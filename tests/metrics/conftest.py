from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _partners_are_local_servers(pass_through_local_servers: None) -> None:
    """Saleor is stubbed at the HTTP layer; print partners are real local servers."""
