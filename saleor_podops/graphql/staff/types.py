from __future__ import annotations

from typing import Any, ClassVar

import graphene
from graphene_django import DjangoObjectType

from saleor_podops.staff.models import ComplexityWeight as ComplexityWeightModel
from saleor_podops.staff.models import StaffMember as StaffMemberModel

from ..core.columns import ColumnNeeds
from ..core.enums import RoleEnum, StaffErrorCodeEnum


class StaffMember(DjangoObjectType):
    column_needs: ClassVar[ColumnNeeds] = {
        "userId": ("saleor_user_id",),
        "roles": (),
        "freeCapacity": ("capacity", "load"),
    }

    user_id = graphene.String(required=True, description="The Saleor user id.")
    roles = graphene.List(graphene.NonNull(RoleEnum), required=True)
    free_capacity = graphene.Int(required=True)
    skills = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Product type slugs this person may take; empty: all.",
    )

    class Meta:
        model = StaffMemberModel
        fields = ("email", "capacity", "load", "is_away", "last_assigned_at")
        convert_choices_to_enum = False

    @staticmethod
    def resolve_user_id(root: StaffMemberModel, info: graphene.ResolveInfo) -> str:
        return root.saleor_user_id

    @staticmethod
    def resolve_roles(root: StaffMemberModel, info: graphene.ResolveInfo) -> list[str]:
        prefetched = getattr(root, "role_list", None)
        rows = prefetched if prefetched is not None else root.roles.all()
        return [assignment.role for assignment in rows]

    @staticmethod
    def resolve_free_capacity(root: StaffMemberModel, info: graphene.ResolveInfo) -> int:
        return root.free_capacity

    @staticmethod
    def resolve_skills(root: StaffMemberModel, info: graphene.ResolveInfo) -> list[str]:
        return list(root.skills)


class Me(graphene.ObjectType):
    user_id = graphene.String(required=True)
    email = graphene.String(required=True)
    roles = graphene.List(graphene.NonNull(RoleEnum), required=True)
    member = graphene.Field(StaffMember, description="Capacity and load, once PodOps knows them.")

    @staticmethod
    def resolve_roles(root: Any, info: graphene.ResolveInfo) -> list[str]:
        return sorted(role.value for role in root.roles)


class StaffError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole input.")
    code = StaffErrorCodeEnum(required=True)
    message = graphene.String(required=True)


class ComplexityWeight(DjangoObjectType):
    class Meta:
        model = ComplexityWeightModel
        fields = ("product_type_slug", "weight")
