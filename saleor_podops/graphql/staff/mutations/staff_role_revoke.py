from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.actions import staff_role_revoke
from saleor_podops.staff.roles import Role

from ...core.auth import actor_of_identity, require_manager
from ...core.enums import RoleEnum
from .base import StaffMutation


class StaffRoleRevoke(StaffMutation):
    class Arguments:
        user_id = graphene.String(required=True, description="The Saleor staff user id.")
        role = RoleEnum(required=True)

    class Meta:
        description = (
            "Take a PodOps role away (ADMIN and MANAGER only). Items the person holds stay with "
            "them until reassigned. The last ADMIN cannot be revoked."
        )

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, user_id: str, role: Any
    ) -> Any:
        identity = require_manager(info)
        member = staff_role_revoke(
            installation=identity.installation,
            user_id=user_id,
            role=Role(getattr(role, "value", role)),
            actor=actor_of_identity(identity),
        )
        return cls(staff_member=member, errors=[])
