from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment.events import job_record_status
from saleor_podops.partners.interface import ParcelReport, PartnerStatus

from ...core.auth import person_of, require_roles
from ..types import PartnerJob, PartnerStatusEnum
from .base import FULFILMENT_ROLES, FulfilmentMutation, job_of


class ParcelInput(graphene.InputObjectType):
    parcel_id = graphene.String(
        default_value="", description="Your id for the parcel: send it again to change tracking."
    )
    carrier = graphene.String(default_value="")
    tracking_number = graphene.String(required=True)
    tracking_url = graphene.String(default_value="")
    lines = graphene.List(
        graphene.NonNull(graphene.ID), description="Line ids in the parcel; empty: all."
    )


class JobRecordStatus(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="A manual partner's job.")
        status = PartnerStatusEnum(required=True)
        reason = graphene.String(default_value="")
        parcels = graphene.List(graphene.NonNull(ParcelInput), default_value=[])

    class Meta:
        description = "Record what a manual partner did: printed, shipped with tracking, ..."

    job = graphene.Field(PartnerJob)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        job = job_of(identity, data["id"])
        parcels = [
            ParcelReport(
                carrier=p.get("carrier", ""),
                tracking_number=p["tracking_number"],
                tracking_url=p.get("tracking_url", ""),
                parcel_id=p.get("parcel_id", ""),
                line_references=tuple(f"line-{_line_pk(line)}" for line in (p.get("lines") or [])),
            )
            for p in data["parcels"]
        ]
        job = job_record_status(
            job=job,
            person=person_of(identity),
            status=PartnerStatus(data["status"]),
            reason=data["reason"],
            parcels=parcels,
        )
        return cls(job=job, errors=[])


def _line_pk(global_id: str) -> int:
    from ...core.ids import pk_from_global_id

    return pk_from_global_id(global_id, "PartnerJobLine") or 0
