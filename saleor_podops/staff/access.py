"""Who a signed-in Saleor staff user is in PodOps: their member row and their effective roles.

Bootstrap rule (README "Roles"): a staff user whose token carries MANAGE_APPS or MANAGE_STAFF in
``user_permissions`` always counts as ADMIN; and while an installation has no ADMIN at all, the first
staff user who signs in is made its ADMIN (kept). ``podops grant_role`` grants roles from the shell.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from saleor_podops.saleor.models import Installation

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
) -> StaffIdentity:
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
        RoleAssignment.objects.get_or_create(
            staff=member, role=Role.ADMIN, defaults={"granted_by": "bootstrap:first staff user"}
        )
    return StaffMember.objects.prefetch_related("roles").get(pk=member.pk)
