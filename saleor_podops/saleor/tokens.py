"""Who is calling: Saleor-issued JWTs turned into typed principals.

- Dashboard (App Bridge) tokens: ``type: thirdparty`` and ``app`` equal to this installation's app id.
- Customer tokens (storefront ``tokenCreate``): ``type: access``, ``owner: saleor``, not staff-for-app.
Either kind is refused where the other is expected.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

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


@functools.lru_cache(maxsize=256)  # the dashboard sends one token for minutes
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


class VerifiedTokens:
    """Dashboard tokens this process has verified, each until its ``exp``.

    The dashboard sends one token with every request for about five minutes; checking its RS256
    signature and claims again each time is about half a millisecond of a staff API request. An
    entry holds for the same installation, app id, issuer and key set (a refetch of the keys,
    and with it a rotation, drops it) and never past the token's ``exp``, so a cached answer is
    the one verifying again would give. Failures are never cached. Bounded: least recently used
    out first."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Any, ...], tuple[float, StaffPrincipal]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(installation: Installation, token: str) -> tuple[Any, ...]:
        return (
            installation.pk,
            installation.app_id,
            installation.saleor_api_url,
            installation.jwks_fetched_at,
            token,
        )

    def get(self, installation: Installation, token: str) -> StaffPrincipal | None:
        key = self._key(installation, token)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            expires_at, principal = entry
            if time.time() >= expires_at:  # PyJWT's own rule: expired at exp
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
        return replace(principal, installation=installation)

    def put(
        self, installation: Installation, token: str, principal: StaffPrincipal, exp: float
    ) -> None:
        with self._lock:
            self._entries[self._key(installation, token)] = (exp, principal)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


verified_dashboard_tokens = VerifiedTokens()


def verify_dashboard_token(installation: Installation, token: str) -> StaffPrincipal:
    cached = verified_dashboard_tokens.get(installation, token)
    if cached is not None:
        return cached
    claims = decode_saleor_jwt(installation, token)
    if claims.get("type") != "thirdparty":
        raise WrongTokenType("A Saleor Dashboard app token is required")
    if claims.get("app") != installation.app_id:
        raise WrongTokenType("The token was issued for another app")
    user_id = claims.get("user_id")
    if not isinstance(user_id, str) or not user_id:
        raise WrongTokenType("The token carries no user")
    permissions = claims.get("user_permissions") or []
    principal = StaffPrincipal(
        installation=installation,
        user_id=user_id,
        email=str(claims.get("email", "")),
        is_staff=bool(claims.get("is_staff")),
        permissions=frozenset(str(p) for p in permissions),
    )
    verified_dashboard_tokens.put(installation, token, principal, float(claims["exp"]))
    return principal


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
