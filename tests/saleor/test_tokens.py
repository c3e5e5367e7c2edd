"""Dashboard and customer tokens: signed by the installation's Saleor, of the right kind."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.signatures import SignatureInvalid, TokenExpired
from saleor_podops.saleor.tokens import (
    WrongTokenType,
    verify_customer_token,
    verify_dashboard_token,
)

from ..conftest import signing_key
from ..saleor_stub import SaleorStub, SigningKey

pytestmark = pytest.mark.django_db


def dashboard_claims(installation: Installation, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iat": now,
        "owner": "saleor",
        "iss": installation.saleor_api_url,
        "exp": now + 300,
        "token": "3rnhbOpn6ChY",
        "email": "admin@example.com",
        "type": "thirdparty",
        "user_id": "VXNlcjoyMQ==",
        "is_staff": True,
        "app": installation.app_id,
        "permissions": ["MANAGE_ORDERS"],
        "user_permissions": ["MANAGE_ORDERS", "MANAGE_STAFF"],
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def customer_claims(installation: Installation, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iat": now,
        "owner": "saleor",
        "iss": installation.saleor_api_url,
        "exp": now + 300,
        "token": "4dXdVq4rCIms",
        "email": "ashley.cook@example.com",
        "type": "access",
        "user_id": "VXNlcjo2",
        "is_staff": False,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def test_a_dashboard_token_gives_the_staff_principal(
    installation: Installation, saleor: SaleorStub
) -> None:
    principal = verify_dashboard_token(
        installation, saleor.key.sign_token(dashboard_claims(installation))
    )

    assert principal.installation == installation
    assert principal.user_id == "VXNlcjoyMQ=="
    assert principal.email == "admin@example.com"
    assert principal.permissions == frozenset({"MANAGE_ORDERS", "MANAGE_STAFF"})


def test_a_customer_token_gives_the_customer_principal(
    installation: Installation, saleor: SaleorStub
) -> None:
    token = saleor.key.sign_token(customer_claims(installation))

    principal = verify_customer_token(installation, token)

    assert (principal.user_id, principal.email) == ("VXNlcjo2", "ashley.cook@example.com")


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"type": "access"}, WrongTokenType, "A Saleor Dashboard app token is required"),
        ({"app": "QXBwOjk5"}, WrongTokenType, "The token was issued for another app"),
        ({"user_id": None}, WrongTokenType, "The token carries no user"),
        ({"exp": 1}, TokenExpired, "The token has expired"),
        (
            {"iss": "https://evil.example.com/graphql/"},
            SignatureInvalid,
            "Invalid token: Invalid issuer",
        ),
        ({"exp": None}, SignatureInvalid, 'Invalid token: Token is missing the "exp" claim'),
    ],
)
def test_dashboard_tokens_that_do_not_fit_are_refused(
    installation: Installation, saleor: SaleorStub, overrides, error, message
) -> None:
    token = saleor.key.sign_token(dashboard_claims(installation, **overrides))

    with pytest.raises(error) as raised:
        verify_dashboard_token(installation, token)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("claims_for", "overrides", "message"),
    [
        ("dashboard", {}, "A Saleor customer access token is required"),
        ("customer", {"type": "refresh"}, "A Saleor customer access token is required"),
        ("customer", {"app": "QXBwOjE="}, "App tokens are not customer tokens"),
    ],
)
def test_customer_endpoints_refuse_other_tokens(
    installation: Installation, saleor: SaleorStub, claims_for, overrides, message
) -> None:
    base = dashboard_claims if claims_for == "dashboard" else customer_claims
    token = saleor.key.sign_token(base(installation, **overrides))

    with pytest.raises(WrongTokenType) as raised:
        verify_customer_token(installation, token)
    assert str(raised.value) == message


def test_a_token_signed_by_another_key_is_refused_after_one_refetch(
    installation: Installation, saleor: SaleorStub
) -> None:
    forger = SigningKey(signing_key("forger").private, kid=saleor.key.kid)

    with pytest.raises(SignatureInvalid, match="Signature verification failed"):
        verify_dashboard_token(installation, forger.sign_token(dashboard_claims(installation)))
    assert saleor.jwks_requests == 1


def test_a_token_with_another_algorithm_is_refused(installation: Installation) -> None:
    import jwt

    token = jwt.encode(dashboard_claims(installation), "s" * 32, algorithm="HS256")

    with pytest.raises(SignatureInvalid, match="Unsupported signature algorithm"):
        verify_dashboard_token(installation, token)


def test_garbage_is_refused(installation: Installation) -> None:
    with pytest.raises(SignatureInvalid, match="Malformed signature"):
        verify_dashboard_token(installation, "not-a-token")


@pytest.fixture
def signature_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every token whose signature and claims are checked."""
    from saleor_podops.saleor import tokens

    checked: list[str] = []
    decode = tokens.decode_saleor_jwt

    def counting(installation: Installation, token: str, **options: Any) -> dict[str, Any]:
        checked.append(token)
        return decode(installation, token, **options)

    monkeypatch.setattr(tokens, "decode_saleor_jwt", counting)
    return checked


def test_a_verified_dashboard_token_is_checked_once_until_it_expires(
    installation: Installation, saleor: SaleorStub, signature_checks: list[str]
) -> None:
    claims = dashboard_claims(installation)
    token = saleor.key.sign_token(claims)

    first = verify_dashboard_token(installation, token)
    again = verify_dashboard_token(Installation.objects.get(pk=installation.pk), token)

    assert again == first
    assert again.installation == installation
    assert signature_checks == [token]
    with time_machine.travel(claims["exp"], tick=False), pytest.raises(TokenExpired):
        verify_dashboard_token(installation, token)
    assert signature_checks == [token, token]


def test_refetched_keys_check_a_verified_token_again(
    installation: Installation, saleor: SaleorStub, signature_checks: list[str]
) -> None:
    token = saleor.key.sign_token(dashboard_claims(installation))
    verify_dashboard_token(installation, token)

    installation.jwks_fetched_at = timezone.now() + timedelta(seconds=1)
    verify_dashboard_token(installation, token)

    assert signature_checks == [token, token]


def test_refused_tokens_are_checked_every_time(
    installation: Installation, saleor: SaleorStub, signature_checks: list[str]
) -> None:
    wrong_type = saleor.key.sign_token(customer_claims(installation))
    expired = saleor.key.sign_token(dashboard_claims(installation, exp=int(time.time()) - 1))

    for _ in range(2):
        with pytest.raises(WrongTokenType):
            verify_dashboard_token(installation, wrong_type)
        with pytest.raises(TokenExpired):
            verify_dashboard_token(installation, expired)

    assert signature_checks == [wrong_type, expired] * 2
