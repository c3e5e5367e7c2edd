from __future__ import annotations

from saleor_podops.graphql.management.commands.export_customer_schema import (
    SCHEMA_FILE,
    customer_schema_sdl,
)


def test_committed_customer_sdl_is_current() -> None:
    assert SCHEMA_FILE.read_text() == customer_schema_sdl(), "run `podops export_customer_schema`"


def test_customer_schema_has_no_staff_fields() -> None:
    sdl = customer_schema_sdl()

    assert "StaffMember" not in sdl
    assert "notificationTemplates" not in sdl
    assert "productionOrders" not in sdl
    assert "type CustomerQuery" in sdl
