"""The hosted approvals page and the storefront script; cross-origin calls from storefronts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client


def test_the_hosted_page_embeds_the_component_with_the_link(client: Client, settings: Any) -> None:
    settings.PUBLIC_URL = "https://podops.example.com"

    response = client.get("/approvals/abc.def:ghi?locale=de")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'link-token="abc.def:ghi"' in html
    assert 'api-url="https://podops.example.com/graphql/customer/"' in html
    assert 'locale="de"' in html
    assert 'src="/static/podops-approvals.js"' in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "connect-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy


def test_the_link_is_escaped_in_the_page(client: Client) -> None:
    response = client.get('/approvals/"><script>alert(1)<')

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_the_script_is_served(client: Client) -> None:
    from django.contrib.staticfiles import finders

    path = finders.find("podops-approvals.js")

    assert path is not None
    assert 'customElements.define("podops-approvals"' in Path(path).read_text()


def test_storefronts_may_call_the_customer_api_across_origins(client: Client) -> None:
    response = client.options(
        "/graphql/customer/",
        headers={
            "Origin": "https://shop.example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, saleor-api-url, content-type",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "saleor-api-url", "podops-approval-link"} <= allowed
    assert "Access-Control-Allow-Credentials" not in response


def test_the_staff_api_is_not_opened_to_other_origins(client: Client) -> None:
    response = client.options(
        "/graphql/",
        headers={"Origin": "https://shop.example.com", "Access-Control-Request-Method": "POST"},
    )

    assert "Access-Control-Allow-Origin" not in response
