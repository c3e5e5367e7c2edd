"""Who is calling the customer API, in one of two ways (cached on the request):

- a Saleor customer token from the storefront: ``Authorization: Bearer <token>`` and
  ``Saleor-Api-Url``; verified locally (``type: access``; dashboard and app tokens are refused),
  then confirmed with Saleor, which also says which orders are the customer's;
- an approval link (``Podops-Approval-Link: <signed token>``): one order and item, no login.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited
from graphene import ResolveInfo
from graphql import GraphQLError

from saleor_podops.approvals.access import CustomerAccess, customer_access_confirm, link_access
from saleor_podops.approvals.error_codes import AccessDenied, AccessErrorCode
from saleor_podops.approvals.links import approval_link_read
from saleor_podops.core.client_ip import client_ip
from saleor_podops.saleor.installations import find_installation
from saleor_podops.saleor.jwks import JwksUnavailable
from saleor_podops.saleor.signatures import SignatureInvalid, TokenExpired
from saleor_podops.saleor.tokens import WrongTokenType, verify_customer_token

LINK_HEADER = "HTTP_PODOPS_APPROVAL_LINK"
API_URL_HEADER = "HTTP_SALEOR_API_URL"
_CACHE_ATTRIBUTE = "_podops_customer_access"


def access_error(code: AccessErrorCode, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code.value})


def _from_token(token: str, api_url: str) -> CustomerAccess:
    installation = find_installation(api_url) if api_url else None
    if installation is None or not installation.is_active:
        raise AccessDenied(
            AccessErrorCode.UNAUTHENTICATED,
            "Send the Saleor-Api-Url header of a Saleor where PodOps is installed.",
        )
    try:
        principal = verify_customer_token(installation, token)
    except TokenExpired:
        raise AccessDenied(
            AccessErrorCode.TOKEN_EXPIRED, "The token has expired: refresh it."
        ) from None
    except WrongTokenType as exc:
        raise AccessDenied(AccessErrorCode.TOKEN_INVALID, str(exc)) from None
    except SignatureInvalid:
        raise AccessDenied(
            AccessErrorCode.TOKEN_INVALID, "The token is not a valid token of this Saleor."
        ) from None
    except JwksUnavailable:
        raise AccessDenied(
            AccessErrorCode.SALEOR_UNAVAILABLE, "Saleor's signing keys could not be fetched."
        ) from None
    return customer_access_confirm(principal)


def _authenticate(info: ResolveInfo) -> CustomerAccess:
    meta = info.context.META
    link = meta.get(LINK_HEADER, "").strip()
    authorization = meta.get("HTTP_AUTHORIZATION", "").strip()
    if link:
        return link_access(approval_link_read(link))
    if authorization.lower().startswith("bearer ") and authorization[7:].strip():
        return _from_token(authorization[7:].strip(), meta.get(API_URL_HEADER, "").strip())
    raise AccessDenied(
        AccessErrorCode.UNAUTHENTICATED,
        "Sign in on the storefront (Authorization: Bearer and Saleor-Api-Url) or open your "
        "approval link.",
    )


def _over_limit(request: HttpRequest) -> bool:
    """Each customer request costs a call to Saleor: limit them per client address."""
    ip = client_ip(request)
    return bool(
        is_ratelimited(
            request,
            group="podops.customer-api.ip",
            key=lambda _group, _request: ip,
            rate=settings.CUSTOMER_API_RATE_PER_IP,
            increment=True,
        )
    )


def current_customer(info: ResolveInfo) -> CustomerAccess:
    request = info.context
    access = getattr(request, _CACHE_ATTRIBUTE, None)
    if access is None:
        if _over_limit(request):
            raise access_error(
                AccessErrorCode.RATE_LIMITED, "Too many requests; try again in a minute."
            )
        try:
            access = _authenticate(info)
        except AccessDenied as exc:
            raise access_error(exc.code, exc.message) from None
        setattr(request, _CACHE_ATTRIBUTE, access)
    return access
