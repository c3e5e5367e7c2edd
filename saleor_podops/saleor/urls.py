"""Addresses derived from a Saleor API URL (``https://shop.example.com/graphql/``)."""

from __future__ import annotations

from urllib.parse import urlsplit


def origin_of(saleor_api_url: str) -> str:
    parts = urlsplit(saleor_api_url)
    return f"{parts.scheme}://{parts.netloc}"


def jwks_url_for(saleor_api_url: str) -> str:
    return f"{origin_of(saleor_api_url)}/.well-known/jwks.json"


def normalize_api_url(url: str) -> str:
    """The form PodOps stores and compares: scheme and host lower-cased, a trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def is_valid_api_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and not parts.query
