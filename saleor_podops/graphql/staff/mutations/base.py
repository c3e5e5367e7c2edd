from __future__ import annotations

import graphene

from ...core.mutations import BaseMutation
from ..types import StaffError, StaffMember


class StaffMutation(BaseMutation):
    class Meta:
        abstract = True

    error_type = StaffError
    errors = graphene.List(graphene.NonNull(StaffError), required=True)
    staff_member = graphene.Field(StaffMember)
