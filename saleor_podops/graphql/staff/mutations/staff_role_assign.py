from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.actions import staff_role_assign
from saleor_podops.staff.roles import Role

from ...core.auth import actor_of_identity, require_manager
from ...core.enums import RoleEnum
from .base import StaffMutation


class StaffRoleAssign(StaffMutation):
    class Arguments:
        user_id = graphene.String(required=True, description="The Saleor staff user id.")
        role = RoleEnum(required=True)
        email = graphene.String(default_value="")

    class Meta:
        description = "Give a Saleor staff user a PodOps role (ADMIN and MANAGER only)."

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, user_id: str, role: Any, email: str
    ) -> Any:
        identity = require_manager(info)
        member = staff_role_assign(
            installation=identity.installation,
            user_id=user_id,
            role=Role(getattr(role, "value", role)),
            email=email,
            actor=actor_of_identity(identity),
        )
        return cls(staff_member=member, errors=[])
