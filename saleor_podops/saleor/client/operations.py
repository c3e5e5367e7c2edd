"""One typed function per document in ``documents/``."""

from __future__ import annotations

from collections.abc import Mapping

from .transport import SaleorClient, SaleorPermanentError, raise_for_mutation_errors


def fetch_app_id(client: SaleorClient) -> str:
    data = client.execute("app_id")
    app = data.get("app")
    if not app or not app.get("id"):
        raise SaleorPermanentError("app_id: the token does not belong to an app")
    return str(app["id"])


def update_public_metadata(client: SaleorClient, object_id: str, items: Mapping[str, str]) -> None:
    data = client.execute(
        "update_public_metadata",
        {"id": object_id, "input": [{"key": k, "value": v} for k, v in items.items()]},
    )
    raise_for_mutation_errors("update_public_metadata", data.get("updateMetadata"))


def add_order_note(client: SaleorClient, order_id: str, message: str) -> None:
    data = client.execute("order_note_add", {"order": order_id, "message": message})
    raise_for_mutation_errors("order_note_add", data.get("orderNoteAdd"))
