"""Staff API of people: who am I, who works here, roles, capacity, skills, away status."""

from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.models import ComplexityWeight as ComplexityWeightModel
from saleor_podops.staff.models import StaffMember as StaffMemberModel

from ..core.auth import current_staff, require_manager, require_roles
from .mutations.complexity_weight_delete import ComplexityWeightDelete
from .mutations.complexity_weight_update import ComplexityWeightUpdate
from .mutations.staff_away_update import StaffAwayUpdate
from .mutations.staff_capacity_update import StaffCapacityUpdate
from .mutations.staff_role_assign import StaffRoleAssign
from .mutations.staff_role_revoke import StaffRoleRevoke
from .mutations.staff_skills_update import StaffSkillsUpdate
from .types import ComplexityWeight, Me, StaffMember


class StaffQueries(graphene.ObjectType):
    me = graphene.Field(Me, required=True, description="The signed-in staff user and roles.")
    staff = graphene.List(
        graphene.NonNull(StaffMember),
        required=True,
        description="People with PodOps roles, their load and capacity (managers).",
    )
    complexity_weights = graphene.List(graphene.NonNull(ComplexityWeight), required=True)

    @staticmethod
    def resolve_me(root: Any, info: graphene.ResolveInfo) -> Any:
        identity = current_staff(info)
        return Me(
            user_id=identity.user_id,
            email=identity.email,
            roles=identity.roles,
            member=identity.member,
        )

    @staticmethod
    def resolve_staff(root: Any, info: graphene.ResolveInfo) -> Any:
        identity = require_manager(info)
        return (
            StaffMemberModel.objects.filter(installation=identity.installation)
            .filter(roles__isnull=False)
            .distinct()
            .prefetch_related("roles")
            .order_by("email", "id")
        )

    @staticmethod
    def resolve_complexity_weights(root: Any, info: graphene.ResolveInfo) -> Any:
        identity = require_roles(info)
        return ComplexityWeightModel.objects.filter(installation=identity.installation).order_by(
            "product_type_slug"
        )


class StaffMutations(graphene.ObjectType):
    staff_role_assign = StaffRoleAssign.Field()
    staff_role_revoke = StaffRoleRevoke.Field()
    staff_capacity_update = StaffCapacityUpdate.Field()
    staff_skills_update = StaffSkillsUpdate.Field()
    staff_away_update = StaffAwayUpdate.Field()
    complexity_weight_update = ComplexityWeightUpdate.Field()
    complexity_weight_delete = ComplexityWeightDelete.Field()
