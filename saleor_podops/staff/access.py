"""Who a signed-in Saleor staff user is in PodOps: their member row and their effective roles.

Bootstrap rule (README "Roles"): a staff user whose token carries MANAGE_APPS or MANAGE_STAFF in
``user_permissions`` always counts as ADMIN; and while an installation has no ADMIN at all, the first
staff user who signs in is made its ADMIN (kept). ``podops grant_role`` grants roles from the shell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import FilteredRelation, Q, QuerySet

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.core.compiled_queries import CompiledQuery
from saleor_podops.production.models import ActorType
from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.urls import is_valid_api_url, normalize_api_url

from .models import RoleAssignment, StaffMember
from .roles import ADMIN_SALEOR_PERMISSIONS, MANAGING_ROLES, Role


@dataclass(frozen=True)
class StaffIdentity:
    installation: Installation
    user_id: str
    email: str
    member: StaffMember | None
    roles: frozenset[Role]

    @property
    def is_manager(self) -> bool:
        return bool(self.roles & MANAGING_ROLES)

    def has_role(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class StoredStaff:
    """An installation with what PodOps stores of one of its users: their member row (None when
    PodOps has none) with ``role_list``, and their roles."""

    installation: Installation
    user_id: str
    member: StaffMember | None
    roles: frozenset[Role]


def _installation_fields() -> list[str]:
    return [f.attname for f in Installation._meta.concrete_fields]


def _member_fields() -> list[str]:
    return [f.attname for f in StaffMember._meta.concrete_fields]


_ROLE_FIELDS = ["id", "staff_id", "role"]  # the rest is never read at sign-in


def _stored_staff_query(api_url: str, user_id: str) -> QuerySet[Installation, Any]:
    """The installation at ``api_url`` left-joined to the member ``user_id`` and their role rows:
    a row per role, one with empty member columns when PodOps has no such member."""
    return (
        Installation.objects.filter(saleor_api_url=api_url)
        .annotate(
            member=FilteredRelation(
                "staff_members", condition=Q(staff_members__saleor_user_id=user_id)
            )
        )
        .values_list(
            *_installation_fields(),
            *(f"member__{name}" for name in _member_fields()),
            *(f"member__roles__{name}" for name in _ROLE_FIELDS),
        )
    )


# Run on every staff API request: compiled once (core/compiled_queries.py).
_STORED_STAFF = CompiledQuery(_stored_staff_query, "api_url", "user_id")


def stored_staff(*, saleor_api_url: str, user_id: str) -> StoredStaff | None:
    """The installation at ``saleor_api_url`` and the stored member and roles of ``user_id`` in one
    query; None when PodOps is not installed there. Sign-in calls it before the user's token is
    verified: the caller uses the member only once the token proves to be this user's."""
    if not saleor_api_url or not is_valid_api_url(saleor_api_url):
        return None
    rows = _STORED_STAFF.rows(api_url=normalize_api_url(saleor_api_url), user_id=user_id)
    if not rows:
        return None
    db = Installation.objects.db
    installation_fields, member_fields = _installation_fields(), _member_fields()
    first, split = rows[0], len(installation_fields) + len(member_fields)
    installation = Installation.from_db(db, installation_fields, first[: len(installation_fields)])
    member = None
    if first[len(installation_fields)] is not None:
        member = StaffMember.from_db(db, member_fields, first[len(installation_fields) : split])
        member.installation = installation
        member.role_list = sorted(  # type: ignore[attr-defined]
            (
                RoleAssignment.from_db(db, _ROLE_FIELDS, row[split:])
                for row in rows
                if row[split] is not None
            ),
            key=lambda assignment: assignment.role,  # RoleAssignment's own ordering
        )
    roles = frozenset(Role(a.role) for a in getattr(member, "role_list", ()))
    return StoredStaff(installation=installation, user_id=user_id, member=member, roles=roles)


def _stored_roles(member: StaffMember | None) -> set[Role]:
    if member is None:
        return set()
    return {Role(assignment.role) for assignment in member.roles.all()}


def staff_sign_in(
    *,
    installation: Installation,
    user_id: str,
    email: str,
    is_staff: bool,
    saleor_permissions: frozenset[str],
    stored: StoredStaff | None = None,
) -> StaffIdentity:
    """``stored``: the member and roles already read by stored_staff (for this installation and
    user), so that sign-in reads nothing more."""
    if stored is not None and (stored.installation.pk, stored.user_id) == (
        installation.pk,
        user_id,
    ):
        member, roles = stored.member, set(stored.roles)
    else:
        member = (
            StaffMember.objects.prefetch_related("roles")
            .filter(installation=installation, saleor_user_id=user_id)
            .first()
        )
        roles = _stored_roles(member)
    if saleor_permissions & ADMIN_SALEOR_PERMISSIONS:
        roles.add(Role.ADMIN)
    if not roles and is_staff:
        member = _bootstrap_first_admin(installation=installation, user_id=user_id, email=email)
        roles = _stored_roles(member)
    return StaffIdentity(
        installation=installation,
        user_id=user_id,
        email=email,
        member=member,
        roles=frozenset(roles),
    )


_BOOTSTRAP = "bootstrap:first staff user"


def _bootstrap_first_admin(
    *, installation: Installation, user_id: str, email: str
) -> StaffMember | None:
    """Make this user ADMIN if the installation has none (locked: only one first user)."""
    with transaction.atomic():
        Installation.objects.select_for_update().filter(pk=installation.pk).first()
        if RoleAssignment.objects.filter(
            staff__installation=installation, role=Role.ADMIN
        ).exists():
            return (
                StaffMember.objects.prefetch_related("roles")
                .filter(installation=installation, saleor_user_id=user_id)
                .first()
            )
        member, _ = StaffMember.objects.get_or_create(
            installation=installation, saleor_user_id=user_id, defaults={"email": email}
        )
        before = sorted(RoleAssignment.objects.filter(staff=member).values_list("role", flat=True))
        _, created = RoleAssignment.objects.get_or_create(
            staff=member, role=Role.ADMIN, defaults={"granted_by": _BOOTSTRAP}
        )
        if created:
            settings_change_record(
                installation=installation,
                area=SettingsArea.ROLES,
                actor=Actor(ActorType.SYSTEM, _BOOTSTRAP),
                subject=user_id,
                before={"roles": before},
                after={"roles": sorted([*before, Role.ADMIN.value])},
            )
    return StaffMember.objects.prefetch_related("roles").get(pk=member.pk)
