from __future__ import annotations

import graphene

from ...core.mutations import BaseMutation
from ..types import NotificationError


class NotificationMutation(BaseMutation):
    class Meta:
        abstract = True

    error_type = NotificationError
    errors = graphene.List(graphene.NonNull(NotificationError), required=True)
