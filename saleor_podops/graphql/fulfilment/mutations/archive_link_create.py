from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.urls import reverse

from saleor_podops.fulfilment.archives import archive_link_token

from ...core.auth import require_roles
from .base import FULFILMENT_ROLES, FulfilmentMutation, batch_of, job_of, not_found


class ArchiveLinkCreate(FulfilmentMutation):
    class Arguments:
        batch = graphene.ID(description="A batch: its artwork and print metadata.")
        job = graphene.ID(description="Or one job (a reprint for a manual partner).")

    class Meta:
        description = "A signed, expiring link to the zip a manual partner gets."

    url = graphene.String()

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_roles(info, FULFILMENT_ROLES)
        if data.get("batch"):
            token = archive_link_token(batch_id=batch_of(identity, data["batch"]).pk)
        elif data.get("job"):
            token = archive_link_token(job_id=job_of(identity, data["job"]).pk)
        else:
            raise not_found("batch", "batch or job")
        return cls(url=settings.PUBLIC_URL + reverse("fulfilment-archive", args=[token]), errors=[])
