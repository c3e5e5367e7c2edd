"""The real Saleor schemas PodOps must work with (``../shared/saleor/``), loaded once."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from graphql import GraphQLSchema, build_schema, parse, validate

SHARED = Path(os.environ.get("PODOPS_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
SCHEMA_VERSIONS = ("3.23", "3.24")


@cache
def saleor_schema(version: str) -> GraphQLSchema:
    return build_schema((SHARED / "saleor" / f"schema-{version}.graphql").read_text())


def validation_errors(document: str) -> dict[str, list[str]]:
    """Errors per schema version; empty lists mean the document is valid for that version."""
    ast = parse(document)
    return {
        version: [error.message for error in validate(saleor_schema(version), ast)]
        for version in SCHEMA_VERSIONS
    }


def assert_valid_for_all_versions(document: str) -> None:
    errors = validation_errors(document)
    assert errors == {version: [] for version in SCHEMA_VERSIONS}, errors
