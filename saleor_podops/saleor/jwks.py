"""Fetching and caching a Saleor instance's JSON Web Key Set."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import jwt
from django.utils import timezone

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
    return jwks


def find_key(jwks: dict[str, Any], kid: str | None) -> jwt.PyJWK | None:
    try:
        key_set = jwt.PyJWKSet.from_dict(jwks)
    except (jwt.PyJWKSetError, jwt.InvalidKeyError, TypeError, KeyError):
        return None
    for key in key_set.keys:
        if kid is None or key.key_id == kid:
            return key
    return None
