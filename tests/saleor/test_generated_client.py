"""The committed, generated Saleor client is current, and means the same for both schemas."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from saleor_podops.saleor.client.generated import enums

from ..saleor_schemas import SHARED

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "saleor_podops" / "saleor" / "client" / "generated"


def generate(tmp_path: Path, schema_version: str) -> Path:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ariadne-codegen"]
    config.update(
        schema_path=str(SHARED / "saleor" / f"schema-{schema_version}.graphql"),
        queries_path=str(ROOT / config["queries_path"]),
        target_package_path=str(tmp_path),
    )
    lines = ["[tool.ariadne-codegen]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in config.items()]
    config_file = tmp_path / "codegen.toml"
    config_file.write_text("\n".join(lines) + "\n")
    subprocess.run(
        [sys.executable, "-m", "ariadne_codegen", "--config", str(config_file)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return tmp_path / "generated"


def sources(package: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(package.glob("*.py")) if p.name not in skip}


@pytest.fixture(scope="module")
def generated_from_3_24(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("client-3.24"), "3.24")


def test_the_committed_client_is_what_the_documents_generate(generated_from_3_24: Path) -> None:
    assert sources(COMMITTED) == sources(generated_from_3_24), "run `make saleor-client`"


def test_both_schemas_give_the_same_result_types(generated_from_3_24: Path, tmp_path: Path) -> None:
    from_3_23 = generate(tmp_path, "3.23")

    assert sources(from_3_23, skip=("enums.py",)) == sources(
        generated_from_3_24, skip=("enums.py",)
    )


def test_enum_values_of_another_saleor_version_are_kept() -> None:
    only_in_3_23 = enums.WebhookEventTypeAsyncEnum("GIFT_CARD_EXPORT_COMPLETED")

    assert only_in_3_23.value == "GIFT_CARD_EXPORT_COMPLETED"
    assert (
        enums.WebhookEventTypeAsyncEnum("ORDER_CREATED")
        is enums.WebhookEventTypeAsyncEnum.ORDER_CREATED
    )
