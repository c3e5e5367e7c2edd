"""The install handshake: Saleor POSTs the app token to tokenTargetUrl."""

from __future__ import annotations

import httpx
import pytest
from django.test import Client, override_settings

from saleor_podops.saleor.models import Installation

from ..conftest import SALEOR_API_URL
from ..saleor_stub import SaleorStub

pytestmark = pytest.mark.django_db


def register(client: Client, token: str | None = "token-abc", api_url: str | None = SALEOR_API_URL):
    headers = {"Saleor-Domain": "shop.example.com"}
    if api_url is not None:
        headers["Saleor-Api-Url"] = api_url
    body = {} if token is None else {"auth_token": token}
    return client.post("/api/register", data=body, content_type="application/json", headers=headers)


def test_register_confirms_the_token_fetches_keys_and_stores_the_installation(
    client: Client, saleor: SaleorStub
) -> None:
    response = register(client)

    assert response.status_code == 200
    installation = Installation.objects.get()
    assert installation.saleor_api_url == SALEOR_API_URL
    assert installation.app_id == saleor.app_id
    assert installation.auth_token == "token-abc"
    assert "token-abc" not in installation.encrypted_token
    assert [k["kid"] for k in installation.jwks["keys"]] == ["key-1"]
    assert installation.is_active
    assert [r["operation"] for r in saleor.requests] == ["AppId"]
    assert saleor.requests[0]["authorization"] == "Bearer token-abc"


def test_reinstall_replaces_the_token_and_reactivates(client: Client, saleor: SaleorStub) -> None:
    register(client, token="old-token")
    Installation.objects.update(is_active=False)

    response = register(client, token="new-token")

    assert response.status_code == 200
    installation = Installation.objects.get()
    assert installation.auth_token == "new-token"
    assert installation.is_active


@pytest.mark.parametrize(
    ("token", "api_url", "message"),
    [
        (None, SALEOR_API_URL, "Missing auth_token"),
        ("t", None, "Missing or invalid Saleor-Api-Url header"),
        ("t", "ftp://shop.example.com/graphql/", "Missing or invalid Saleor-Api-Url header"),
    ],
)
def test_register_refuses_incomplete_requests(
    client: Client, saleor: SaleorStub, token, api_url, message
) -> None:
    response = register(client, token=token, api_url=api_url)

    assert response.status_code == 400
    assert response.json() == {"error": {"message": message}}
    assert Installation.objects.count() == 0


def test_register_refuses_a_token_saleor_does_not_confirm(
    client: Client, saleor: SaleorStub
) -> None:
    saleor.responders["AppId"] = lambda _: httpx.Response(401, json={"errors": []})

    response = register(client)

    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Could not confirm the app token")
    assert Installation.objects.count() == 0


def test_register_refuses_when_the_key_set_is_unavailable(
    client: Client, saleor: SaleorStub
) -> None:
    saleor.jwks_available = False

    response = register(client)

    assert response.status_code == 400
    assert "JWKS" in response.json()["error"]["message"]
    assert Installation.objects.count() == 0


@override_settings(ALLOWED_SALEOR_URLS=["https://*.saleor.cloud/graphql/"])
def test_register_refuses_saleor_urls_outside_the_allow_list(
    client: Client, saleor: SaleorStub
) -> None:
    response = register(client)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        f"This PodOps service does not accept installs from {SALEOR_API_URL}"
    )
    assert saleor.requests == []
    assert Installation.objects.count() == 0


@override_settings(ALLOWED_SALEOR_URLS=[], EMBEDDED=False)
def test_production_setting_refuses_every_saleor_unless_listed(
    client: Client, saleor: SaleorStub
) -> None:
    response = register(client)

    assert response.status_code == 403
    assert Installation.objects.count() == 0


@override_settings(ALLOWED_SALEOR_URLS=["https://shop.example.com/graphql/"], EMBEDDED=False)
def test_listed_saleor_installs_in_production(client: Client, saleor: SaleorStub) -> None:
    assert register(client).status_code == 200


def test_register_accepts_only_post(client: Client) -> None:
    assert client.get("/api/register").status_code == 405
