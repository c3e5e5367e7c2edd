"""Staff API of the shop's product types as Saleor has them: what the settings keyed by product type
(complexity weights, skills, print specs, QA and print methods) pick from. Read through to Saleor with
the installation's app token on every call; nothing is stored."""

from __future__ import annotations

import logging
from typing import Any

import graphene

from saleor_podops.saleor.client import SaleorPermanentError, SaleorTransientError
from saleor_podops.saleor.client.operations import (
    PRODUCT_TYPES_MAX,
    ProductTypeRef,
    fetch_product_types,
)
from saleor_podops.saleor.installations import saleor_client_for

from ..core.auth import require_manager
from ..core.errors import ApiErrorCode, api_error

logger = logging.getLogger(__name__)

DEFAULT_FIRST = 20


class SaleorProductType(graphene.ObjectType):
    slug = graphene.String(required=True, description="What PodOps' settings are keyed by.")
    name = graphene.String(required=True)


class ProductTypeQueries(graphene.ObjectType):
    saleor_product_types = graphene.List(
        graphene.NonNull(SaleorProductType),
        required=True,
        search=graphene.String(description="Part of the name or the slug."),
        slugs=graphene.List(
            graphene.NonNull(graphene.String),
            description="Only these slugs (which of the saved ones Saleor still knows).",
        ),
        first=graphene.Int(default_value=DEFAULT_FIRST, description=f"1 to {PRODUCT_TYPES_MAX}."),
        description=(
            "The shop's product types in Saleor, by name, asked with the app's token (managers). "
            "SALEOR_UNAVAILABLE when Saleor cannot be reached, SALEOR_ERROR when it refuses."
        ),
    )

    @staticmethod
    def resolve_saleor_product_types(
        root: Any,
        info: graphene.ResolveInfo,
        first: int,
        search: str | None = None,
        slugs: list[str] | None = None,
    ) -> list[ProductTypeRef]:
        identity = require_manager(info)
        if not 1 <= first <= PRODUCT_TYPES_MAX:
            raise api_error(
                ApiErrorCode.INVALID_ARGUMENT, f"first must be between 1 and {PRODUCT_TYPES_MAX}"
            )
        client = saleor_client_for(identity.installation)
        try:
            return fetch_product_types(
                client, first=first, search=(search or "").strip(), slugs=slugs
            )
        except SaleorTransientError as exc:
            logger.warning("Product types of %s: %s", client.api_url, exc)
            raise api_error(
                ApiErrorCode.SALEOR_UNAVAILABLE,
                "Saleor could not be reached for its product types: try again.",
            ) from None
        except SaleorPermanentError as exc:
            logger.warning("Product types of %s: %s", client.api_url, exc)
            raise api_error(
                ApiErrorCode.SALEOR_ERROR, f"Saleor refused the product types request: {exc}"
            ) from None
