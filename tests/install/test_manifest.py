"""The manifest, checked against Saleor's own rules and both schemas."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings
from PIL import Image

from saleor_podops.saleor.webhook_events import SaleorEvent

from ..saleor_schemas import saleor_schema, validation_errors

pytestmark = pytest.mark.django_db

URL_FIELDS = ("appUrl", "tokenTargetUrl", "homepageUrl", "supportUrl", "dataPrivacyUrl")


@override_settings(PUBLIC_URL="https://podops.example.com")
def test_manifest_has_saleors_required_fields_and_absolute_urls(client: Client) -> None:
    manifest = client.get("/api/manifest").json()

    assert {"id", "name", "version"} <= manifest.keys()
    assert manifest["permissions"] == ["MANAGE_ORDERS"]
    for field in URL_FIELDS:
        assert manifest[field].startswith("https://podops.example.com/"), field
    assert manifest["brand"]["logo"]["default"] == "https://podops.example.com/api/logo.png"
    assert "configurationUrl" not in manifest


def test_manifest_permissions_exist_in_both_schemas_and_exclude_manage_apps(client: Client) -> None:
    manifest = client.get("/api/manifest").json()

    for version in ("3.23", "3.24"):
        permission_enum = saleor_schema(version).get_type("PermissionEnum")
        assert set(manifest["permissions"]) <= set(permission_enum.values), version
    assert "MANAGE_APPS" not in manifest["permissions"]


def test_manifest_extensions_follow_saleors_rules(client: Client) -> None:
    manifest = client.get("/api/manifest").json()

    mounts = {(e["mount"], e["target"]) for e in manifest["extensions"]}
    assert mounts == {
        ("NAVIGATION_ORDERS", "APP_PAGE"),
        ("ORDER_DETAILS_WIDGETS", "WIDGET"),
        ("ORDER_DETAILS_MORE_ACTIONS", "POPUP"),
    }
    identifiers = [e["identifier"] for e in manifest["extensions"]]
    assert identifiers == ["podops-production", "podops-order-widget", "podops-order-actions"]
    for extension in manifest["extensions"]:
        assert set(extension["permissions"]) <= set(manifest["permissions"])
        assert urlsplit(extension["url"]).scheme in {"http", "https"}
        assert extension["target"] in {"POPUP", "APP_PAGE", "NEW_TAB", "WIDGET"}
        if extension["target"] == "WIDGET":
            # Saleor accepts widgets only on details-widget mounts and the homepage.
            assert extension["mount"].endswith("_DETAILS_WIDGETS") or (
                extension["mount"] == "HOMEPAGE_WIDGETS"
            )


def test_every_manifest_webhook_subscription_is_valid_for_both_schemas(client: Client) -> None:
    manifest = client.get("/api/manifest").json()

    events = set()
    for webhook in manifest["webhooks"]:
        assert validation_errors(webhook["query"]) == {"3.23": [], "3.24": []}, webhook["name"]
        assert webhook["targetUrl"].startswith("http://localhost:8000/api/webhooks/")
        events.update(webhook["asyncEvents"])
        for version in ("3.23", "3.24"):
            async_enum = saleor_schema(version).get_type("WebhookEventTypeAsyncEnum")
            assert set(webhook["asyncEvents"]) <= set(async_enum.values)
    assert events == {event.enum_name for event in SaleorEvent}


def test_every_webhook_target_answers_on_its_path(client: Client) -> None:
    manifest = client.get("/api/manifest").json()

    for webhook in manifest["webhooks"]:
        response = client.post(
            urlsplit(webhook["targetUrl"]).path, data=b"{}", content_type="application/json"
        )
        assert response.status_code == 400, webhook[
            "targetUrl"
        ]  # reached: refused for missing headers


def test_logo_is_a_png_of_at_least_256_pixels(client: Client) -> None:
    response = client.get("/api/logo.png")

    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert response["Content-Type"] == "image/png"
    assert image.format == "PNG"
    assert min(image.size) >= 256


def test_extension_urls_are_served(client: Client) -> None:
    manifest = client.get("/api/manifest").json()

    for url in [manifest["appUrl"], *(e["url"] for e in manifest["extensions"])]:
        assert client.get(urlsplit(url).path).status_code in {200, 503}, url
