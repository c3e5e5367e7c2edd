"""Artwork mutations: the caller, as the artwork domain sees them, and ArtworkError -> payload."""

from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.artwork.assignees import open_assignees
from saleor_podops.artwork.error_codes import ArtworkError as ArtworkRefusal
from saleor_podops.artwork.error_codes import ArtworkErrorCode
from saleor_podops.artwork.versions import ArtworkUploader
from saleor_podops.production.models import ActorType, ProductionItem
from saleor_podops.production.timeline import Actor
from saleor_podops.staff.access import StaffIdentity
from saleor_podops.staff.roles import MANAGING_ROLES, Role

from ...core.auth import person_of, require_roles
from ...core.errors import ApiErrorCode, api_error
from ...core.ids import pk_from_global_id
from ...core.mutations import BaseMutation
from ..types import ArtworkError

ARTWORK_ROLES = frozenset({Role.ARTIST, *MANAGING_ROLES})
# "Not yours": a top-level permission error, never a payload error.
PERMISSION_CODES = frozenset({ArtworkErrorCode.NOT_ASSIGNED_TO_YOU})


def item_in_installation(identity: StaffIdentity, global_id: str) -> ProductionItem:
    """The item, or NOT_FOUND for a bad id, a missing item and another installation's alike."""
    pk = pk_from_global_id(global_id, "ProductionItem")
    item = (
        ProductionItem.objects.filter(installation=identity.installation, pk=pk).first()
        if pk
        else None
    )
    if item is None:
        raise ArtworkRefusal(ArtworkErrorCode.NOT_FOUND, "No such production item", field="id")
    return item


def uploader_of(identity: StaffIdentity) -> ArtworkUploader:
    return ArtworkUploader(
        actor=Actor(ActorType.STAFF, identity.user_id),
        is_manager=identity.is_manager,
        assignees=open_assignees,
        person=person_of(identity),
    )


class ArtworkMutation(BaseMutation):
    class Meta:
        abstract = True

    error_type = ArtworkError
    errors = graphene.List(graphene.NonNull(ArtworkError), required=True)

    @classmethod
    def perform(cls, info: graphene.ResolveInfo, identity: StaffIdentity, **data: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, ARTWORK_ROLES)
        try:
            return cls.perform(info, identity, **data)
        except ArtworkRefusal as refusal:
            if refusal.code in PERMISSION_CODES:
                raise api_error(ApiErrorCode.PERMISSION_DENIED, refusal.message) from None
            return cls(
                errors=[
                    ArtworkError(field=refusal.field, code=refusal.code, message=refusal.message)
                ]
            )
