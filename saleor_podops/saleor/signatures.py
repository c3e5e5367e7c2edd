"""Verifying what Saleor signs: webhook bodies (detached JWS) and its JWTs (dashboard, customer).

Saleor signs both with the instance's private key (RS256) and publishes the public keys at
``/.well-known/jwks.json``. Verification uses the installation's cached key set first and refetches it
once when the key is unknown or the signature fails (keys rotate), then refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import jwt
from django.conf import settings
from django.utils import timezone

from .jwks import JwksUnavailable, find_key, refresh_installation_jwks
from .models import Installation

ALGORITHMS = ["RS256"]

T = TypeVar("T")


class SignatureInvalid(Exception):
    """The signature or token is forged, malformed or signed by a key Saleor does not publish."""


class KeysRecentlyRefreshed(JwksUnavailable):
    """An unknown key id right after the key set was fetched: try again later (a genuine rotation
    is then retried by Saleor; a forger cannot make PodOps fetch keys on every request)."""


def _refreshed_recently(installation: Installation) -> bool:
    fetched_at = installation.jwks_fetched_at
    cooldown = timedelta(seconds=settings.JWKS_REFETCH_COOLDOWN_SECONDS)
    return fetched_at is not None and timezone.now() - fetched_at < cooldown


def _with_key_refresh(
    installation: Installation, kid: str | None, verify: Callable[[jwt.PyJWK], T]
) -> T:
    """Verify with the cached keys; on an unknown key or a failed check, refetch once (at most once
    per cooldown per installation) and retry."""
    key = find_key(installation.jwks, kid)
    if key is not None:
        try:
            return verify(key)
        except jwt.InvalidSignatureError:
            pass  # the key may have been replaced under the same kid: refetch
    if _refreshed_recently(installation):
        if key is None:
            raise KeysRecentlyRefreshed("Unknown signing key; the key set was fetched moments ago")
        raise SignatureInvalid("Signature verification failed")
    try:
        jwks = refresh_installation_jwks(installation)
    except JwksUnavailable:
        if key is None:
            raise
        raise SignatureInvalid("Signature verification failed") from None
    key = find_key(jwks, kid)
    if key is None:
        raise SignatureInvalid("The signing key is not in the Saleor instance's key set")
    try:
        return verify(key)
    except jwt.InvalidSignatureError as exc:
        raise SignatureInvalid("Signature verification failed") from exc


def _header(token: str) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError as exc:
        raise SignatureInvalid(f"Malformed signature: {exc}") from exc
    if header.get("alg") not in ALGORITHMS:
        raise SignatureInvalid("Unsupported signature algorithm")
    return header


def verify_webhook_signature(installation: Installation, signature: str, body: bytes) -> None:
    """Check a ``Saleor-Signature`` (``header..signature``, RFC 7797 unencoded payload) over ``body``.

    Raises ``SignatureInvalid`` or, when the key set cannot be fetched, ``JwksUnavailable``.
    """
    header = _header(signature)
    if header.get("b64") is not False or "b64" not in header.get("crit", []):
        raise SignatureInvalid("Webhook signatures must use a detached, unencoded payload")
    parts = signature.split(".")
    if len(parts) != 3 or parts[1] != "":
        raise SignatureInvalid("Webhook signatures must have a detached payload")

    def verify(key: jwt.PyJWK) -> None:
        try:
            jwt.api_jws.decode_complete(
                signature, key=key.key, algorithms=ALGORITHMS, detached_payload=body
            )
        except jwt.InvalidSignatureError:
            raise
        except jwt.PyJWTError as exc:
            raise SignatureInvalid(f"Malformed signature: {exc}") from exc

    _with_key_refresh(installation, header.get("kid"), verify)


def decode_saleor_jwt(
    installation: Installation,
    token: str,
    *,
    audience: str | None = None,
    verify_expiry: bool = True,
) -> dict[str, Any]:
    """Verify a JWT Saleor issued (signature, issuer, expiry, audience) and return its claims."""
    header = _header(token)

    def verify(key: jwt.PyJWK) -> dict[str, Any]:
        try:
            return dict(
                jwt.decode(
                    token,
                    key=key.key,
                    algorithms=ALGORITHMS,
                    issuer=installation.saleor_api_url,
                    audience=audience,
                    options={
                        "verify_exp": verify_expiry,
                        "verify_aud": audience is not None,
                        "require": ["exp", "iss"] if verify_expiry else ["iss"],
                    },
                )
            )
        except jwt.InvalidSignatureError:
            raise
        except jwt.ExpiredSignatureError as exc:
            raise TokenExpired("The token has expired") from exc
        except jwt.PyJWTError as exc:
            raise SignatureInvalid(f"Invalid token: {exc}") from exc

    return _with_key_refresh(installation, header.get("kid"), verify)


class TokenExpired(SignatureInvalid):
    """The token was genuine but is past its ``exp``."""
