from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.actions import staff_member_get, staff_skills_update

from ...core.auth import actor_of_identity, require_manager
from .base import StaffMutation


class StaffSkillsUpdate(StaffMutation):
    class Arguments:
        user_id = graphene.String(required=True)
        skills = graphene.List(
            graphene.NonNull(graphene.String),
            required=True,
            description="Product type slugs the person may take; empty: all.",
        )

    class Meta:
        description = "Set which product types a person may take."

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, user_id: str, skills: list[str]
    ) -> Any:
        identity = require_manager(info)
        member = staff_member_get(installation=identity.installation, user_id=user_id)
        return cls(
            staff_member=staff_skills_update(
                member=member, skills=skills, actor=actor_of_identity(identity)
            ),
            errors=[],
        )
