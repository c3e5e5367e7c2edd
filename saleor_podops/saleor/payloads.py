"""Typed shapes of the webhook payloads PodOps' subscription documents select (``subscriptions/``).

Parsing a body into these raises ``pydantic.ValidationError`` on anything malformed.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class SaleorOrderStatus(StrEnum):
    """Saleor's ``OrderStatus`` values (note Saleor's spelling: CANCELED)."""

    DRAFT = "DRAFT"
    UNCONFIRMED = "UNCONFIRMED"
    UNFULFILLED = "UNFULFILLED"
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED"
    PARTIALLY_RETURNED = "PARTIALLY_RETURNED"
    RETURNED = "RETURNED"
    FULFILLED = "FULFILLED"
    CANCELED = "CANCELED"
    EXPIRED = "EXPIRED"


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="ignore")


class MetadataItem(_Model):
    key: str
    value: str


class Principal(_Model):
    id: str | None = None


class Money(_Model):
    amount: Decimal
    currency: str = Field(min_length=3, max_length=3)


class TaxedMoney(_Model):
    gross: Money


class CountryRef(_Model):
    code: str


class Address(_Model):
    first_name: str = Field("", alias="firstName")
    last_name: str = Field("", alias="lastName")
    company_name: str = Field("", alias="companyName")
    street_address_1: str = Field("", alias="streetAddress1")
    street_address_2: str = Field("", alias="streetAddress2")
    city: str = ""
    city_area: str = Field("", alias="cityArea")
    postal_code: str = Field("", alias="postalCode")
    country: CountryRef | None = None
    country_area: str = Field("", alias="countryArea")
    phone: str | None = None


class ProductTypeRef(_Model):
    slug: str


class ProductRef(_Model):
    id: str
    product_type: ProductTypeRef | None = Field(None, alias="productType")


class VariantRef(_Model):
    id: str
    product: ProductRef | None = None


class OrderLine(_Model):
    id: str
    product_name: str = Field(alias="productName")
    variant_name: str = Field("", alias="variantName")
    product_sku: str | None = Field(None, alias="productSku")
    quantity: int = Field(ge=0)
    variant: VariantRef | None = None
    metadata: list[MetadataItem] = Field(default_factory=list)

    @property
    def product_type_slug(self) -> str:
        if self.variant and self.variant.product and self.variant.product.product_type:
            return self.variant.product.product_type.slug
        return ""

    def metadata_dict(self) -> dict[str, str]:
        return {item.key: item.value for item in self.metadata}


class ChannelRef(_Model):
    slug: str


class UserRef(_Model):
    id: str
    email: str | None = None


class Order(_Model):
    id: str
    number: str
    created: datetime | None = None
    updated_at: datetime | None = Field(None, alias="updatedAt")
    status: str
    is_paid: bool = Field(False, alias="isPaid")
    charge_status: str = Field("", alias="chargeStatus")
    language_code: str = Field("", alias="languageCodeEnum", max_length=35)
    channel: ChannelRef | None = None
    user: UserRef | None = None
    user_email: str | None = Field(None, alias="userEmail")
    shipping_method_name: str | None = Field(None, alias="shippingMethodName")
    shipping_address: Address | None = Field(None, alias="shippingAddress")
    total: TaxedMoney | None = None
    lines: list[OrderLine] = Field(default_factory=list)

    @property
    def is_canceled(self) -> bool:
        return self.status == SaleorOrderStatus.CANCELED

    @property
    def customer_email(self) -> str:
        return self.user_email or (self.user.email if self.user and self.user.email else "") or ""

    @property
    def language_tag(self) -> str:
        """The order's language as a BCP 47 tag (Saleor's ``PT_BR`` -> ``pt-BR``), or ""."""
        language, _, region = self.language_code.partition("_")
        return f"{language.lower()}-{region}" if region else language.lower()

    @property
    def is_fully_paid(self) -> bool:
        return self.charge_status in {"FULL", "OVERCHARGED"} or self.is_paid


class EventMeta(_Model):
    issued_at: datetime | None = Field(None, alias="issuedAt")
    version: str | None = None
    issuing_principal: Principal | None = Field(None, alias="issuingPrincipal")


class OrderEvent(EventMeta):
    order: Order


class AppRef(_Model):
    id: str


class AppDeletedEvent(EventMeta):
    app: AppRef | None = None
