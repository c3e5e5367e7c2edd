"""The committed SDL (saleor_podops/graphql/schema.graphql) is the schema the code serves."""

from __future__ import annotations

from saleor_podops.graphql.management.commands.export_schema import SCHEMA_FILE, schema_sdl


def test_the_committed_schema_file_is_current() -> None:
    assert SCHEMA_FILE.read_text() == schema_sdl(), (
        "saleor_podops/graphql/schema.graphql is stale: run `podops export_schema`"
    )


def test_the_schema_keeps_the_api_version_and_the_staff_operations() -> None:
    sdl = schema_sdl()
    for field in (
        "apiVersion: String!",
        "me: Me!",
        "myWork(",
        "productionOrders(",
        "productionItem(id: ID!): ProductionItem",
        "stageCounts: [StageCount!]!",
        "imageApprove(",
        "qcReject(",
        "flowSettingsUpdate(",
    ):
        assert field in sdl
