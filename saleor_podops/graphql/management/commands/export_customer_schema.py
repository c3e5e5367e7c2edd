"""``podops export_customer_schema``: write the customer API's SDL to graphql/customer/schema.graphql."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "customer" / "schema.graphql"


def customer_schema_sdl() -> str:
    from saleor_podops.graphql.customer.schema import customer_schema

    return str(customer_schema).rstrip() + "\n"


class Command(BaseCommand):
    help = (
        "Export the customer GraphQL schema (SDL) to saleor_podops/graphql/customer/schema.graphql."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args: Any, **options: Any) -> None:
        sdl = customer_schema_sdl()
        if options["check"]:
            current = SCHEMA_FILE.read_text() if SCHEMA_FILE.exists() else ""
            if current != sdl:
                self.stderr.write(
                    "customer/schema.graphql is stale: run `podops export_customer_schema`."
                )
                raise SystemExit(1)
            self.stdout.write("customer/schema.graphql is current.")
            return
        SCHEMA_FILE.write_text(sdl)
        self.stdout.write(f"Wrote {SCHEMA_FILE}")
