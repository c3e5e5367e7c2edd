"""PodOps' client for Saleor's GraphQL API.

Every document PodOps sends lives in ``documents/*.graphql`` (validated against both supported Saleor
schemas by a test); ``operations.py`` gives each one a typed function.
"""

from .transport import (
    SaleorClient,
    SaleorError,
    SaleorPermanentError,
    SaleorTransientError,
)

__all__ = ["SaleorClient", "SaleorError", "SaleorPermanentError", "SaleorTransientError"]
