"""Top-level GraphQL errors (authentication and permission) with a machine-readable code."""

from __future__ import annotations

from enum import StrEnum

from graphql import GraphQLError


class ApiErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_INVALID = "TOKEN_INVALID"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    SALEOR_UNAVAILABLE = "SALEOR_UNAVAILABLE"  # could not be reached (network, timeout, 5xx)
    SALEOR_ERROR = "SALEOR_ERROR"  # answered, but refused (the app token, the request)
    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    INVALID_CURSOR = "INVALID_CURSOR"


def api_error(code: ApiErrorCode, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code.value})
