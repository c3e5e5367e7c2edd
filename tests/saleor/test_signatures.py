"""Verifying Saleor's signatures and tokens, including the real vectors from a Saleor 3.24."""

from __future__ import annotations

import json

import httpx
import pytest
import respx
from jwt.algorithms import RSAAlgorithm

from saleor_podops.saleor.jwks import _parsed_key, find_key
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.signatures import (
    SignatureInvalid,
    TokenExpired,
    decode_saleor_jwt,
    parse_webhook_signature,
    verify_webhook_signature,
)
from saleor_podops.saleor.tokens import verify_customer_token, verify_dashboard_token

from ..saleor_schemas import SHARED

SAMPLES = json.loads((SHARED / "saleor" / "real-saleor-samples.json").read_text())


def real_installation() -> Installation:
    """An installation holding the real Saleor's key set, never saved (no refetch possible)."""
    return Installation(
        saleor_api_url=SAMPLES["webhook"]["headers"]["Saleor-Api-Url"],
        app_id=SAMPLES["dashboard_app_token"]["claims"]["app"],
        jwks=SAMPLES["jwks"],
    )


def test_real_saleor_webhook_signature_verifies() -> None:
    installation = real_installation()
    body = SAMPLES["webhook"]["raw_body"].encode()

    verify_webhook_signature(installation, SAMPLES["webhook"]["headers"]["Saleor-Signature"], body)


@pytest.mark.parametrize("position", [0, 10, -2])
def test_real_saleor_webhook_with_one_tampered_byte_is_refused_after_one_refetch(
    position: int, respx_router: respx.MockRouter
) -> None:
    installation = real_installation()
    jwks_route = respx_router.get("http://127.0.0.1:8000/.well-known/jwks.json").mock(
        return_value=httpx.Response(200, json=SAMPLES["jwks"])
    )
    body = bytearray(SAMPLES["webhook"]["raw_body"].encode())
    body[position] = ord("X") if body[position] != ord("X") else ord("Y")

    with pytest.raises(SignatureInvalid):
        verify_webhook_signature(
            installation, SAMPLES["webhook"]["headers"]["Saleor-Signature"], bytes(body)
        )
    assert jwks_route.call_count == 1


def test_real_dashboard_token_signature_and_claims_verify_with_expiry_off() -> None:
    installation = real_installation()

    claims = decode_saleor_jwt(
        installation, SAMPLES["dashboard_app_token"]["token"], verify_expiry=False
    )

    assert claims["type"] == "thirdparty"
    assert claims["app"] == installation.app_id
    assert claims["user_id"] == "VXNlcjoyMQ=="
    assert claims["is_staff"] is True


def test_real_tokens_are_expired_and_refused_as_such() -> None:
    installation = real_installation()

    with pytest.raises(TokenExpired):
        verify_dashboard_token(installation, SAMPLES["dashboard_app_token"]["token"])
    with pytest.raises(TokenExpired):
        verify_customer_token(installation, SAMPLES["customer_token"]["token"])


def test_real_customer_token_is_not_a_dashboard_token() -> None:
    installation = real_installation()
    claims = decode_saleor_jwt(
        installation, SAMPLES["customer_token"]["token"], verify_expiry=False
    )

    assert claims["type"] == "access"
    assert "app" not in claims


def _signed_with_header(headers: dict[str, object], body: bytes) -> str:
    """A detached RS256 JWS over ``body`` (unencoded) with the given protected header."""
    from jwt.utils import base64url_encode

    from ..conftest import signing_key

    header_segment = base64url_encode(json.dumps({"alg": "RS256", **headers}).encode())
    algorithm = RSAAlgorithm(RSAAlgorithm.SHA256)
    signature = algorithm.sign(header_segment + b"." + body, signing_key("key-1").private)
    return f"{header_segment.decode()}..{base64url_encode(signature).decode()}"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"kid": "key-1", "crit": ["b64"]}, "detached, unencoded payload"),
        ({"kid": "key-1", "b64": False}, "detached, unencoded payload"),
        ({"kid": "key-1", "b64": False, "crit": ["b64", "exp"]}, "critical header parameter"),
        ({"kid": 7, "b64": False, "crit": ["b64"]}, "key id is not a string"),
    ],
    ids=["b64-missing", "crit-missing", "unknown-critical", "kid-not-a-string"],
)
def test_webhook_signature_headers_are_checked_before_any_key_is_used(
    headers: dict[str, object], message: str
) -> None:
    body = b'{"order": null}'
    signature = _signed_with_header(headers, body)

    with pytest.raises(SignatureInvalid, match=message):
        parse_webhook_signature(signature)


def test_an_attached_payload_is_refused() -> None:
    body = b'{"order": null}'
    header, _, signature = _signed_with_header(
        {"kid": "key-1", "b64": False, "crit": ["b64"]}, body
    ).partition("..")

    with pytest.raises(SignatureInvalid, match="must have a detached payload"):
        parse_webhook_signature(f"{header}.e30.{signature}")


def test_each_public_key_is_parsed_once_per_process() -> None:
    installation = real_installation()
    body = SAMPLES["webhook"]["raw_body"].encode()
    signature = SAMPLES["webhook"]["headers"]["Saleor-Signature"]
    verify_webhook_signature(installation, signature, body)
    parsed_before = _parsed_key.cache_info().misses

    for _ in range(3):
        verify_webhook_signature(installation, signature, body)

    assert _parsed_key.cache_info().misses == parsed_before
    assert find_key(installation.jwks, "unknown") is None
