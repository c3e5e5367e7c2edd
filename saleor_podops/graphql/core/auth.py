"""Who is calling the staff API: the Saleor Dashboard token (App Bridge) sent as the
``authorization-bearer`` header with ``saleor-api-url``, verified against that Saleor instance's
keys and mapped to the installation and the user's PodOps roles. Cached on the request."""

from __future__ import annotations

from graphene import ResolveInfo

from saleor_podops.production.models import ActorType
from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.installations import find_installation
from saleor_podops.saleor.jwks import JwksUnavailable
from saleor_podops.saleor.signatures import SignatureInvalid, TokenExpired
from saleor_podops.saleor.tokens import WrongTokenType, claimed_user_id, verify_dashboard_token
from saleor_podops.staff.access import StaffIdentity, staff_sign_in, stored_staff
from saleor_podops.staff.roles import MANAGING_ROLES, Role
from saleor_podops.workflow.transitions import Person, PersonKind

from .errors import ApiErrorCode, api_error

TOKEN_HEADER = "HTTP_AUTHORIZATION_BEARER"
API_URL_HEADER = "HTTP_SALEOR_API_URL"
_CACHE_ATTRIBUTE = "_podops_staff_identity"


def _authenticate(info: ResolveInfo) -> StaffIdentity:
    meta = info.context.META
    token = meta.get(TOKEN_HEADER, "").strip()
    api_url = meta.get(API_URL_HEADER, "").strip()
    if not token or not api_url:
        raise api_error(
            ApiErrorCode.UNAUTHENTICATED,
            "Sign in through the Saleor Dashboard: send the authorization-bearer and "
            "saleor-api-url headers.",
        )
    # One query for the installation and the member the token names; the member is used only if
    # the verified token names the same user (staff_sign_in checks).
    claimed = claimed_user_id(token)
    if claimed:
        stored = stored_staff(saleor_api_url=api_url, user_id=claimed)
        installation = stored.installation if stored else None
    else:
        stored, installation = None, find_installation(api_url)
    if installation is None or not installation.is_active:
        raise api_error(
            ApiErrorCode.UNAUTHENTICATED, "PodOps is not installed in this Saleor instance."
        )
    try:
        principal = verify_dashboard_token(installation, token)
    except TokenExpired:
        raise api_error(
            ApiErrorCode.TOKEN_EXPIRED, "The Dashboard token has expired: refresh it."
        ) from None
    except WrongTokenType as exc:
        raise api_error(ApiErrorCode.TOKEN_INVALID, str(exc)) from None
    except SignatureInvalid:
        raise api_error(
            ApiErrorCode.TOKEN_INVALID, "The token is not a valid token of this Saleor instance."
        ) from None
    except JwksUnavailable:
        raise api_error(
            ApiErrorCode.SALEOR_UNAVAILABLE, "Saleor's signing keys could not be fetched: retry."
        ) from None
    if not principal.is_staff:
        raise api_error(ApiErrorCode.PERMISSION_DENIED, "Only Saleor staff users may use PodOps.")
    return staff_sign_in(
        installation=installation,
        user_id=principal.user_id,
        email=principal.email,
        is_staff=principal.is_staff,
        saleor_permissions=principal.permissions,
        stored=stored,
    )


def current_staff(info: ResolveInfo) -> StaffIdentity:
    """The signed-in staff user (any roles, possibly none)."""
    request = info.context
    identity = getattr(request, _CACHE_ATTRIBUTE, None)
    if identity is None:
        identity = _authenticate(info)
        setattr(request, _CACHE_ATTRIBUTE, identity)
    return identity


def require_roles(info: ResolveInfo, roles: frozenset[Role] | None = None) -> StaffIdentity:
    """The signed-in user, who must hold one of ``roles`` (None: any PodOps role)."""
    identity = current_staff(info)
    needed = roles if roles is not None else frozenset(Role)
    if not identity.roles & needed:
        names = ", ".join(sorted(role.value for role in needed))
        raise api_error(
            ApiErrorCode.PERMISSION_DENIED, f"You need one of these PodOps roles: {names}."
        )
    return identity


def require_manager(info: ResolveInfo) -> StaffIdentity:
    return require_roles(info, MANAGING_ROLES)


def person_of(identity: StaffIdentity) -> Person:
    return Person(PersonKind.STAFF, identity.user_id, identity.roles, identity.email)


def actor_of_identity(identity: StaffIdentity) -> Actor:
    """The signed-in staff user as the actor of a change (timeline, settings audit log)."""
    return Actor(ActorType.STAFF, identity.user_id, identity.email)
