"""Verifying what Saleor signs: webhook bodies (detached JWS) and its JWTs (dashboard, customer).

Saleor signs both with the instance's private key (RS256) and publishes the public keys at
``/.well-known/jwks.json``. Verification uses the installation's cached key set first and refetches it
once when the key is unknown or the signature fails (keys rotate), then refuses.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from django.conf import settings
from django.utils import timezone
from jwt.algorithms import RSAAlgorithm
from jwt.utils import base64url_decode

from .jwks import JwksUnavailable, find_key, refresh_installation_jwks
from .models import Installation

ALGORITHMS = ["RS256"]
_RS256 = RSAAlgorithm(RSAAlgorithm.SHA256)
_UNDERSTOOD_CRITICAL = frozenset({"b64"})

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


@dataclass(frozen=True)
class DetachedSignature:
    """A ``Saleor-Signature`` taken apart once: ``header..signature`` with an unencoded payload."""

    kid: str | None
    header_segment: bytes
    signature: bytes

    def signing_input(self, body: bytes) -> bytes:
        """RFC 7797 with ``b64: false``: the raw body itself stands in for the payload segment."""
        return self.header_segment + b"." + body


def parse_webhook_signature(signature: str) -> DetachedSignature:
    """Check the form and protected header of a webhook signature (RS256, detached, ``b64: false``
    declared critical); the cryptographic check is ``verify_webhook_signature``'s."""
    parts = signature.split(".")
    if len(parts) != 3:
        raise SignatureInvalid("Malformed signature: not a JWS in compact form")
    header_segment, payload_segment, signature_segment = parts
    try:
        header = json.loads(base64url_decode(header_segment))
        raw_signature = base64url_decode(signature_segment)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise SignatureInvalid(f"Malformed signature: {exc}") from exc
    if not isinstance(header, dict):
        raise SignatureInvalid("Malformed signature: the header is not a JSON object")
    if header.get("alg") not in ALGORITHMS:
        raise SignatureInvalid("Unsupported signature algorithm")
    crit = header.get("crit")
    if header.get("b64") is not False or not isinstance(crit, list) or "b64" not in crit:
        raise SignatureInvalid("Webhook signatures must use a detached, unencoded payload")
    if any(extension not in _UNDERSTOOD_CRITICAL for extension in crit):
        raise SignatureInvalid("Malformed signature: unsupported critical header parameter")
    if payload_segment != "":
        raise SignatureInvalid("Webhook signatures must have a detached payload")
    kid = header.get("kid")
    if kid is not None and not isinstance(kid, str):
        raise SignatureInvalid("Malformed signature: the key id is not a string")
    return DetachedSignature(kid, header_segment.encode("ascii"), raw_signature)


def verify_webhook_signature(installation: Installation, signature: str, body: bytes) -> None:
    """Check a ``Saleor-Signature`` (``header..signature``, RFC 7797 unencoded payload) over ``body``.

    The header is parsed once, and the key is the parsed public key object cached for its JWK.
    Raises ``SignatureInvalid`` or, when the key set cannot be fetched, ``JwksUnavailable``.
    """
    parsed = parse_webhook_signature(signature)
    signing_input = parsed.signing_input(body)

    def verify(key: jwt.PyJWK) -> None:
        if not isinstance(key.key, RSAPublicKey):
            raise SignatureInvalid("The signing key is not an RSA public key")
        if not _RS256.verify(signing_input, key.key, parsed.signature):
            raise jwt.InvalidSignatureError("Signature verification failed")

    _with_key_refresh(installation, parsed.kid, verify)


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
