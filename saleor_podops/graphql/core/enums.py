"""GraphQL enums made from the domain's enums (one source of truth)."""

from __future__ import annotations

import graphene

from saleor_podops.production.models import ActorType, EventType, OrderStatus
from saleor_podops.production.stages import Stage
from saleor_podops.staff.error_codes import StaffErrorCode
from saleor_podops.staff.roles import Role
from saleor_podops.workflow.error_codes import WorkflowErrorCode
from saleor_podops.workflow.transitions import WorkflowAction

ProductionStageEnum = graphene.Enum.from_enum(Stage, name="ProductionStage")
OrderStatusEnum = graphene.Enum.from_enum(OrderStatus, name="ProductionOrderStatus")
ActorTypeEnum = graphene.Enum.from_enum(ActorType, name="TimelineActorType")
EventTypeEnum = graphene.Enum.from_enum(EventType, name="TimelineEventType")
RoleEnum = graphene.Enum.from_enum(Role, name="PodOpsRole")
WorkflowActionEnum = graphene.Enum.from_enum(WorkflowAction, name="WorkflowAction")
WorkflowErrorCodeEnum = graphene.Enum.from_enum(WorkflowErrorCode, name="WorkflowErrorCode")
StaffErrorCodeEnum = graphene.Enum.from_enum(StaffErrorCode, name="StaffErrorCode")
