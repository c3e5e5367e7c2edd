"""Fetching and caching a Saleor instance's JSON Web Key Set."""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

import httpx
import jwt
from django.utils import timezone

from . import installation_cache
from .http import saleor_http_client
from .models import Installation
from .urls import jwks_url_for

logger = logging.getLogger(__name__)


class JwksUnavailable(Exception):
    """The JWKS could not be fetched or is not a key set: transient from the caller's view."""


def fetch_jwks(saleor_api_url: str) -> dict[str, Any]:
    url = jwks_url_for(saleor_api_url)
    try:
        with saleor_http_client() as client:
            response = client.get(url)
            response.raise_for_status()
            data = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise JwksUnavailable(f"Could not fetch the JWKS from {url}: {exc}") from exc
    try:
        jwt.PyJWKSet.from_dict(data)
    except (jwt.PyJWKSetError, jwt.InvalidKeyError, TypeError, KeyError) as exc:
        raise JwksUnavailable(f"{url} did not answer a usable key set: {exc}") from exc
    return dict(data)


def refresh_installation_jwks(installation: Installation) -> dict[str, Any]:
    """Refetch the key set (keys rotate) and cache it on the installation."""
    jwks = fetch_jwks(installation.saleor_api_url)
    installation.jwks = jwks
    installation.jwks_fetched_at = timezone.now()
    if installation.pk is not None:
        Installation.objects.filter(pk=installation.pk).update(
            jwks=jwks, jwks_fetched_at=installation.jwks_fetched_at
        )
        installation_cache.invalidate(installation.saleor_api_url)
    return jwks


def find_key(jwks: dict[str, Any], kid: str | None) -> jwt.PyJWK | None:
    """The usable key with ``kid`` (the first usable one when ``kid`` is None). Each key is parsed
    once per process: the parsed object is cached by the key's content, so a key set that changes
    (a refetch, a reinstall) never serves a stale key."""
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list):
        return None
    for jwk in keys:
        if not isinstance(jwk, dict) or (kid is not None and jwk.get("kid") != kid):
            continue
        key = _parsed_key(json.dumps(jwk, sort_keys=True))
        if key is not None:
            return key
    return None


@functools.lru_cache(maxsize=256)
def _parsed_key(canonical_jwk: str) -> jwt.PyJWK | None:
    """A JWK (its canonical JSON) as a public key object, or None when it is not usable."""
    try:
        return jwt.PyJWK.from_dict(json.loads(canonical_jwk))
    except (jwt.PyJWTError, TypeError, KeyError, ValueError):
        return None
