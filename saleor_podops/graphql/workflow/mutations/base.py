"""The shared shape of item mutations: find the item in the caller's installation, call one
workflow action, answer the item (or errors)."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from saleor_podops.production.models import ProductionItem as ProductionItemModel
from saleor_podops.workflow.error_codes import WorkflowErrorCode
from saleor_podops.workflow.transitions import Person

from ...core.auth import person_of, require_roles
from ...core.ids import pk_from_global_id
from ...core.mutations import BaseMutation
from ...production.types import ProductionItem
from ..types import WorkflowError


class WorkflowMutation(BaseMutation):
    class Meta:
        abstract = True

    error_type = WorkflowError
    errors = graphene.List(graphene.NonNull(WorkflowError), required=True)


def item_in_installation(identity: Any, global_id: str) -> ProductionItemModel:
    """The item, or NOT_FOUND for a bad id, a missing item and another installation's alike."""
    pk = pk_from_global_id(global_id, "ProductionItem")
    item = (
        ProductionItemModel.objects.filter(installation=identity.installation, pk=pk).first()
        if pk
        else None
    )
    if item is None:
        raise ValidationError(
            {"id": ValidationError("No such production item", code=WorkflowErrorCode.NOT_FOUND)}
        )
    return item


class ItemMutation(WorkflowMutation):
    class Meta:
        abstract = True

    item = graphene.Field(ProductionItem)

    @classmethod
    def act(cls, *, item: ProductionItemModel, person: Person, **data: Any) -> ProductionItemModel:
        raise NotImplementedError

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info)
        item = item_in_installation(identity, data.pop("id"))
        item = cls.act(item=item, person=person_of(identity), **data)
        return cls(item=ProductionItemModel.objects.get(pk=item.pk), errors=[])
