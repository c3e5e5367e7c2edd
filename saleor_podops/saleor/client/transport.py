"""Sending a GraphQL document to Saleor: timeouts, retries of transient failures, typed errors."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

import httpx
from tenacity import (
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from ..http import saleor_http_client

logger = logging.getLogger(__name__)

DOCUMENTS_DIR = Path(__file__).parent / "documents"


class SaleorError(Exception):
    """Saleor did not do what was asked."""


class SaleorTransientError(SaleorError):
    """Worth trying again later: network trouble, timeouts, 5xx, 429."""


class SaleorPermanentError(SaleorError):
    """Trying again will not help: refused token, invalid input, GraphQL or mutation errors."""


@cache
def load_document(name: str) -> str:
    return (DOCUMENTS_DIR / f"{name}.graphql").read_text()


def all_documents() -> dict[str, str]:
    return {path.stem: path.read_text() for path in sorted(DOCUMENTS_DIR.glob("*.graphql"))}


class SaleorClient:
    """Talks to one Saleor instance with one app token."""

    def __init__(self, api_url: str, token: str, *, http: httpx.Client | None = None) -> None:
        self.api_url = api_url
        self._token = token
        self._http = http

    @retry(
        retry=retry_if_exception_type(SaleorTransientError),
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.5, max=4),
        reraise=True,
    )
    def execute(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run the named document (``documents/<document>.graphql``) and return its ``data``."""
        body = {"query": load_document(document), "variables": variables or {}}
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            if self._http is not None:
                response = self._http.post(self.api_url, json=body, headers=headers)
            else:
                with saleor_http_client() as http:
                    response = http.post(self.api_url, json=body, headers=headers)
        except httpx.TransportError as exc:
            raise SaleorTransientError(f"{document}: {exc.__class__.__name__}: {exc}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise SaleorTransientError(f"{document}: HTTP {response.status_code}")
        if response.status_code >= 300:
            raise SaleorPermanentError(f"{document}: HTTP {response.status_code}")
        try:
            payload = response.json()
        except ValueError as exc:
            raise SaleorTransientError(f"{document}: the answer is not JSON") from exc
        errors = payload.get("errors")
        if errors:
            messages = "; ".join(str(error.get("message", error)) for error in errors)
            raise SaleorPermanentError(f"{document}: {messages}")
        data = payload.get("data")
        if not isinstance(data, dict):
            raise SaleorPermanentError(f"{document}: the answer has no data")
        return data


def raise_for_mutation_errors(document: str, result: dict[str, Any] | None) -> None:
    if result is None:
        raise SaleorPermanentError(f"{document}: no result (missing permission?)")
    errors = result.get("errors") or []
    if errors:
        messages = "; ".join(
            f"{e.get('field')}: {e.get('code')} {e.get('message')}" for e in errors
        )
        raise SaleorPermanentError(f"{document}: {messages}")
