from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.actions import staff_capacity_update, staff_member_get

from ...core.auth import actor_of_identity, require_manager
from .base import StaffMutation


class StaffCapacityUpdate(StaffMutation):
    class Arguments:
        user_id = graphene.String(required=True)
        capacity = graphene.Int(required=True, description="Work units at once (0-1000).")

    class Meta:
        description = "Set how much work a person holds at once; waiting work is handed out."

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, user_id: str, capacity: int
    ) -> Any:
        identity = require_manager(info)
        member = staff_member_get(installation=identity.installation, user_id=user_id)
        return cls(
            staff_member=staff_capacity_update(
                member=member, capacity=capacity, actor=actor_of_identity(identity)
            ),
            errors=[],
        )
