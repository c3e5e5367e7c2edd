"""Calling Saleor through the generated client: timeouts, retries of transient failures, typed errors.

``generated/`` is made by ariadne-codegen from ``documents/*.graphql`` (``make saleor-client``); this
module is the only place that decides what a failure means.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import httpx
import pydantic
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from ..http import saleor_http_client
from .generated import Client
from .generated.exceptions import (
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
    GraphQLClientInvalidResponseError,
)

logger = logging.getLogger(__name__)

DOCUMENTS_DIR = Path(__file__).parent / "documents"

T = TypeVar("T")


class SaleorError(Exception):
    """Saleor did not do what was asked."""


class SaleorTransientError(SaleorError):
    """Worth trying again later: network trouble, timeouts, 5xx, 429."""


class SaleorPermanentError(SaleorError):
    """Trying again will not help: refused token, invalid input, GraphQL or mutation errors."""


def all_documents() -> dict[str, str]:
    return {path.stem: path.read_text() for path in sorted(DOCUMENTS_DIR.glob("*.graphql"))}


class SaleorClient:
    """Talks to one Saleor instance with one app token."""

    def __init__(self, api_url: str, token: str) -> None:
        self.api_url = api_url
        self._token = token

    def call(self, name: str, operation: Callable[[Client], T], *, attempts: int = 3) -> T:
        """Run ``operation`` on the generated client, retrying transient failures briefly; every
        failure becomes a typed ``SaleorError``. ``attempts=1`` when a person waits for the answer
        (three tries of a hanging Saleor would outlast the dashboard's patience)."""
        retrying = Retrying(
            retry=retry_if_exception_type(SaleorTransientError),
            stop=stop_after_attempt(attempts),
            wait=wait_exponential(multiplier=0.5, max=4),
            reraise=True,
        )
        return retrying(self._call_once, name, operation)

    def _call_once(self, name: str, operation: Callable[[Client], T]) -> T:
        http = saleor_http_client({"Authorization": f"Bearer {self._token}"})
        try:
            with Client(url=self.api_url, http_client=cast(Any, http)) as client:
                return operation(client)
        except httpx.TransportError as exc:
            raise SaleorTransientError(f"{name}: {exc.__class__.__name__}: {exc}") from exc
        except GraphQLClientHttpError as exc:
            status = exc.status_code
            error = SaleorTransientError if status == 429 or status >= 500 else SaleorPermanentError
            raise error(f"{name}: HTTP {status}") from exc
        except GraphQLClientInvalidResponseError as exc:
            raise SaleorTransientError(f"{name}: the answer is not GraphQL") from exc
        except GraphQLClientGraphQLMultiError as exc:
            messages = "; ".join(error.message for error in exc.errors)
            raise SaleorPermanentError(f"{name}: {messages}") from exc
        except pydantic.ValidationError as exc:
            raise SaleorPermanentError(f"{name}: unexpected answer: {exc}") from exc
