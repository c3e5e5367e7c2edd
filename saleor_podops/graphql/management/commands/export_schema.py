"""``podops export_schema``: write the staff API's SDL to saleor_podops/graphql/schema.graphql."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def schema_sdl() -> str:
    from saleor_podops.graphql.schema import schema

    return str(schema).rstrip() + "\n"


class Command(BaseCommand):
    help = "Export PodOps' GraphQL schema (SDL) to saleor_podops/graphql/schema.graphql."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args: Any, **options: Any) -> None:
        sdl = schema_sdl()
        if options["check"]:
            current = SCHEMA_FILE.read_text() if SCHEMA_FILE.exists() else ""
            if current != sdl:
                self.stderr.write("schema.graphql is stale: run `podops export_schema`.")
                raise SystemExit(1)
            self.stdout.write("schema.graphql is current.")
            return
        SCHEMA_FILE.write_text(sdl)
        self.stdout.write(f"Wrote {SCHEMA_FILE}")
