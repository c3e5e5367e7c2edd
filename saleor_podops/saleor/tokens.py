"""Who is calling: Saleor-issued JWTs turned into typed principals.

- Dashboard (App Bridge) tokens: ``type: thirdparty`` and ``app`` equal to this installation's app id.
- Customer tokens (storefront ``tokenCreate``): ``type: access``, ``owner: saleor``, not staff-for-app.
Either kind is refused where the other is expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jwt

from .models import Installation
from .signatures import SignatureInvalid, decode_saleor_jwt


class WrongTokenType(SignatureInvalid):
    """A genuine token of the wrong kind for this endpoint."""


@dataclass(frozen=True)
class StaffPrincipal:
    installation: Installation
    user_id: str
    email: str
    is_staff: bool
    permissions: frozenset[str]


@dataclass(frozen=True)
class CustomerPrincipal:
    installation: Installation
    user_id: str
    email: str
    # The customer's bearer token, to ask Saleor on their behalf; never shown in reprs or logs.
    raw_token: str = field(repr=False)


def claimed_user_id(token: str) -> str:
    """The user id a token claims, read WITHOUT checking the signature: only so that sign-in can
    read the user's rows in the same query as the installation. Nothing read with it is used before
    verify_dashboard_token has confirmed the same user id. Empty when the token carries none."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return ""
    user_id = claims.get("user_id")
    return user_id if isinstance(user_id, str) else ""


def verify_dashboard_token(installation: Installation, token: str) -> StaffPrincipal:
    claims = decode_saleor_jwt(installation, token)
    if claims.get("type") != "thirdparty":
        raise WrongTokenType("A Saleor Dashboard app token is required")
    if claims.get("app") != installation.app_id:
        raise WrongTokenType("The token was issued for another app")
    user_id = claims.get("user_id")
    if not isinstance(user_id, str) or not user_id:
        raise WrongTokenType("The token carries no user")
    permissions = claims.get("user_permissions") or []
    return StaffPrincipal(
        installation=installation,
        user_id=user_id,
        email=str(claims.get("email", "")),
        is_staff=bool(claims.get("is_staff")),
        permissions=frozenset(str(p) for p in permissions),
    )


def verify_customer_token(installation: Installation, token: str) -> CustomerPrincipal:
    claims = decode_saleor_jwt(installation, token)
    if claims.get("type") != "access" or claims.get("owner") != "saleor":
        raise WrongTokenType("A Saleor customer access token is required")
    if "app" in claims:
        raise WrongTokenType("App tokens are not customer tokens")
    user_id = claims.get("user_id")
    if not isinstance(user_id, str) or not user_id:
        raise WrongTokenType("The token carries no user")
    return CustomerPrincipal(
        installation=installation,
        user_id=user_id,
        email=str(claims.get("email", "")),
        raw_token=token,
    )
