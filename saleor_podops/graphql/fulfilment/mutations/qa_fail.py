from __future__ import annotations

from typing import Any

import graphene
from graphene_file_upload.scalars import Upload

from saleor_podops.fulfilment import qa
from saleor_podops.fulfilment.models import DefectReason

from ...artwork.files import incoming_files
from ...core.auth import person_of, require_roles
from ..types import DefectReasonEnum, JobLine
from .base import FULFILMENT_ROLES, FulfilmentMutation, line_of


class QaFail(FulfilmentMutation):
    class Arguments:
        id = graphene.ID(required=True, description="The job line.")
        reason = DefectReasonEnum(required=True)
        comment = graphene.String(default_value="", description="Required when reason is OTHER.")
        photo = Upload(description="A photo of the defect (GraphQL multipart request).")

    class Meta:
        description = (
            "The printed item failed QA: a reprint of the same approved artwork is ordered."
        )

    line = graphene.Field(JobLine, description="The failed line.")
    reprint = graphene.Field(JobLine, description="The reprint's line.")

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        line = line_of(identity, data["id"])
        uploads = [data["photo"]] if data.get("photo") is not None else []
        with incoming_files(uploads) as photos:
            reprint = qa.line_qa_fail(
                line=line,
                person=person_of(identity),
                reason=DefectReason(data["reason"]),
                comment=data["comment"],
                photo=photos[0] if photos else None,
            )
        line.refresh_from_db()
        return cls(line=line, reprint=reprint, errors=[])
