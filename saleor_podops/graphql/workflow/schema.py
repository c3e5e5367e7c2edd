"""Staff API of the workflow: flow settings and reason codes, and every move of an item."""

from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.workflow.flow import flow_settings_for
from saleor_podops.workflow.reasons import reason_codes_for

from ..core.auth import require_roles
from .mutations.artwork_submit import ArtworkSubmit
from .mutations.flow_settings_update import FlowSettingsUpdate
from .mutations.image_approve import ImageApprove
from .mutations.image_reject import ImageReject
from .mutations.item_comment import ItemComment
from .mutations.item_hold import ItemHold
from .mutations.item_reassign import ItemReassign
from .mutations.item_resume import ItemResume
from .mutations.item_skip_stage import ItemSkipStage
from .mutations.qc_approve import QcApprove
from .mutations.qc_reject import QcReject
from .mutations.reason_codes_update import ReasonCodesUpdate
from .types import FlowSettings, ReasonCode


class WorkflowQueries(graphene.ObjectType):
    flow_settings = graphene.Field(FlowSettings, required=True)
    reason_codes = graphene.List(
        graphene.NonNull(ReasonCode),
        required=True,
        include_inactive=graphene.Boolean(default_value=False),
    )

    @staticmethod
    def resolve_flow_settings(root: Any, info: graphene.ResolveInfo) -> Any:
        return flow_settings_for(require_roles(info).installation)

    @staticmethod
    def resolve_reason_codes(root: Any, info: graphene.ResolveInfo, include_inactive: bool) -> Any:
        identity = require_roles(info)
        return reason_codes_for(identity.installation.pk, active_only=not include_inactive)


class WorkflowMutations(graphene.ObjectType):
    image_approve = ImageApprove.Field()
    image_reject = ImageReject.Field()
    artwork_submit = ArtworkSubmit.Field()
    qc_approve = QcApprove.Field()
    qc_reject = QcReject.Field()
    item_hold = ItemHold.Field()
    item_resume = ItemResume.Field()
    item_skip_stage = ItemSkipStage.Field()
    item_reassign = ItemReassign.Field()
    item_comment = ItemComment.Field()
    flow_settings_update = FlowSettingsUpdate.Field()
    reason_codes_update = ReasonCodesUpdate.Field()
