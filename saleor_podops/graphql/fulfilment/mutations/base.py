"""The shared shape of fulfilment mutations: roles checked first (top-level permission errors),
objects found only in the caller's installation, domain refusals as ``errors``."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from saleor_podops.fulfilment.error_codes import FulfilmentErrorCode
from saleor_podops.fulfilment.models import Batch, JobLine, PartnerJob
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import ProductionItem
from saleor_podops.staff.access import StaffIdentity
from saleor_podops.staff.roles import Role
from saleor_podops.workflow.error_codes import PERMISSION_CODES

from ...core.ids import pk_from_global_id
from ...core.mutations import BaseMutation, error_rows
from ..types import FulfilmentError

FULFILMENT_ROLES = frozenset({Role.FULFILLER, Role.MANAGER, Role.ADMIN})
_KNOWN_CODES = {code.value for code in FulfilmentErrorCode}


class FulfilmentMutation(BaseMutation):
    class Meta:
        abstract = True

    error_type = FulfilmentError
    errors = graphene.List(graphene.NonNull(FulfilmentError), required=True)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> Any:
        try:
            return cls.act(info, **data)
        except ValidationError as exc:
            raise _normalised(exc) from None


def _normalised(exc: ValidationError) -> ValidationError:
    """Workflow refusals raised inside fulfilment actions keep their message; their code becomes
    INVALID unless fulfilment knows it."""
    grouped: dict[str, list[ValidationError]] = {}
    for field, code, message in error_rows(exc):
        kept = code in _KNOWN_CODES or code in PERMISSION_CODES
        grouped.setdefault(field or "__all__", []).append(
            ValidationError(message, code=code if kept else FulfilmentErrorCode.INVALID.value)
        )
    return ValidationError(grouped)


def not_found(field: str, what: str) -> ValidationError:
    return ValidationError({field: ValidationError(f"No such {what}", code="NOT_FOUND")})


def find(model: Any, identity: StaffIdentity, global_id: str, type_name: str, field: str) -> Any:
    pk = pk_from_global_id(global_id, type_name)
    if model is JobLine:
        qs = JobLine.objects.filter(job__installation=identity.installation)
    else:
        qs = model.objects.filter(installation=identity.installation)
    found = qs.filter(pk=pk).first() if pk else None
    if found is None:
        raise not_found(field, type_name)
    return found


def batch_of(identity: StaffIdentity, global_id: str) -> Batch:
    return find(Batch, identity, global_id, "FulfilmentBatch", "id")


def job_of(identity: StaffIdentity, global_id: str) -> PartnerJob:
    return find(PartnerJob, identity, global_id, "PartnerJob", "id")


def line_of(identity: StaffIdentity, global_id: str) -> JobLine:
    return find(JobLine, identity, global_id, "PartnerJobLine", "id")


def partner_of(identity: StaffIdentity, global_id: str, field: str = "partner") -> PrintPartner:
    return find(PrintPartner, identity, global_id, "PrintPartner", field)


def item_pks(identity: StaffIdentity, global_ids: list[str]) -> list[int]:
    maybe = [pk_from_global_id(g, "ProductionItem") for g in global_ids]
    pks = [pk for pk in maybe if pk is not None]
    if len(pks) != len(maybe):
        raise not_found("items", "production item")
    found = set(
        ProductionItem.objects.filter(installation=identity.installation, pk__in=pks).values_list(
            "pk", flat=True
        )
    )
    if len(found) != len(set(pks)):
        raise not_found("items", "production item")
    return pks
