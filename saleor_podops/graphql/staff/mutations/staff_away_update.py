from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.actions import staff_away_update, staff_member_get

from ...core.auth import actor_of_identity, require_manager
from .base import StaffMutation


class StaffAwayUpdate(StaffMutation):
    class Arguments:
        user_id = graphene.String(required=True)
        is_away = graphene.Boolean(required=True)

    class Meta:
        description = (
            "Mark a person away (no new work; what they hold stays) or back (waiting work is "
            "handed out)."
        )

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, user_id: str, is_away: bool
    ) -> Any:
        identity = require_manager(info)
        member = staff_member_get(installation=identity.installation, user_id=user_id)
        return cls(
            staff_member=staff_away_update(
                member=member, is_away=is_away, actor=actor_of_identity(identity)
            ),
            errors=[],
        )
