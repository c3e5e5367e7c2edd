from __future__ import annotations

from typing import Any, ClassVar

import graphene
from graphene_django import DjangoObjectType

from saleor_podops.production.models import EventType
from saleor_podops.production.models import ProductionItem as ProductionItemModel
from saleor_podops.production.models import ProductionOrder as ProductionOrderModel
from saleor_podops.production.models import TimelineEvent as TimelineEventModel
from saleor_podops.staff.models import Assignment
from saleor_podops.staff.models import StaffMember as StaffMemberModel
from saleor_podops.staff.roles import MANAGING_ROLES, Role
from saleor_podops.workflow.actions import item_state_held_by

from ..artwork.prefetch import customer_uploads_of
from ..core.auth import current_staff, person_of, require_roles
from ..core.columns import ColumnNeeds
from ..core.enums import (
    ActorTypeEnum,
    EventTypeEnum,
    OrderStatusEnum,
    ProductionStageEnum,
    WorkflowActionEnum,
    WorkflowErrorCodeEnum,
)
from ..core.pagination import CountableConnection
from ..core.request_cache import flow_resolver
from ..staff.types import StaffMember

# Who sees where an order ships (the customer's name, address and phone): the people who send it
# and the managers. Everyone else asking gets PERMISSION_DENIED, and the address is left out of
# the timeline events they read.
SHIPPING_ROLES = frozenset({Role.FULFILLER, *MANAGING_ROLES})


def sees_shipping(info: graphene.ResolveInfo) -> bool:
    return bool(current_staff(info).roles & SHIPPING_ROLES)


def _without_addresses(data: dict[str, Any]) -> dict[str, Any]:
    """A SHIPPING_UPDATED event's data ({"old": {"address", "method"}, "new": ...}) with the
    addresses replaced by null."""
    return {
        key: (
            {**value, "address": None} if isinstance(value, dict) and "address" in value else value
        )
        for key, value in data.items()
    }


class TimelineEvent(DjangoObjectType):
    type = EventTypeEnum(required=True)
    actor_type = ActorTypeEnum(required=True)
    from_stage = ProductionStageEnum()
    to_stage = ProductionStageEnum()
    item_id = graphene.ID(description="The item's global id; null for order-level events.")
    data = graphene.JSONString(required=True)

    class Meta:
        model = TimelineEventModel
        fields = ("actor_id", "reason_code", "comment", "is_internal", "created_at")
        convert_choices_to_enum = False

    @staticmethod
    def resolve_data(root: TimelineEventModel, info: graphene.ResolveInfo) -> dict[str, Any]:
        if root.type == EventType.SHIPPING_UPDATED and not sees_shipping(info):
            return _without_addresses(root.data)
        return root.data

    @staticmethod
    def resolve_from_stage(root: TimelineEventModel, info: graphene.ResolveInfo) -> str | None:
        return root.from_stage or None

    @staticmethod
    def resolve_to_stage(root: TimelineEventModel, info: graphene.ResolveInfo) -> str | None:
        return root.to_stage or None

    @staticmethod
    def resolve_item_id(root: TimelineEventModel, info: graphene.ResolveInfo) -> str | None:
        if root.item_id is None:
            return None
        return graphene.relay.Node.to_global_id("ProductionItem", root.item_id)


class BlockedAction(graphene.ObjectType):
    action = WorkflowActionEnum(required=True)
    code = WorkflowErrorCodeEnum(required=True)
    message = graphene.String(required=True)


def open_assignment(item: ProductionItemModel) -> Assignment | None:
    prefetched = getattr(item, "open_assignments", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return (
        Assignment.objects.select_related("staff")
        .filter(item=item, released_at__isnull=True)
        .first()
    )


def holder_of(item: ProductionItemModel) -> StaffMemberModel | None:
    """Who holds the item: set by a list that knows it (myWork: the signed-in person), else the
    person of its open assignment."""
    if hasattr(item, "holder"):
        return item.holder
    assignment = open_assignment(item)
    return assignment.staff if assignment else None


def _table_rows(root: ProductionItemModel, info: graphene.ResolveInfo) -> list[Any]:
    """The table's verdicts for this item and the signed-in person; items of a page mostly share
    a state, so verdicts are memoised per request by (state, product type)."""
    from saleor_podops.workflow.transitions import available_actions

    holder = holder_of(root)
    state = item_state_held_by(root, holder.saleor_user_id if holder else "")
    cache = info.context.__dict__.setdefault("_podops_action_rows", {})
    key = (state, root.installation_id, root.product_type_slug)
    if key not in cache:
        identity = current_staff(info)
        flow = flow_resolver(info, root.installation_id).for_product_type(root.product_type_slug)
        cache[key] = available_actions(state, person_of(identity), flow)
    return list(cache[key])


# What item_state and the flow of the item's product type read (availableActions, blockedActions).
_ACTION_COLUMNS = ("stage", "hold_return_stage", "installation", "product_type_slug")


class ProductionItem(DjangoObjectType):
    # Columns read by fields other than the model's own (core/columns.py); () for lists loaded
    # for the whole page.
    column_needs: ClassVar[ColumnNeeds] = {
        "assignee": (),
        "order": ("order",),
        "timeline": (),
        "customerUploads": (),
        "availableActions": _ACTION_COLUMNS,
        "blockedActions": _ACTION_COLUMNS,
    }

    stage = ProductionStageEnum(required=True)
    hold_return_stage = ProductionStageEnum()
    rework_source = ProductionStageEnum(
        description="Why the item is back in ARTWORK (ARTWORK_QC or CUSTOMER_APPROVAL)."
    )
    options = graphene.JSONString(required=True)
    input_problems = graphene.JSONString(required=True)
    upload_references = graphene.List(graphene.NonNull(graphene.String), required=True)
    assignee = graphene.Field(StaffMember, description="Who holds the item in its stage.")
    order = graphene.Field(lambda: ProductionOrder, required=True)
    timeline = graphene.List(graphene.NonNull(TimelineEvent), required=True)
    customer_uploads = graphene.List(
        graphene.NonNull("saleor_podops.graphql.artwork.types.CustomerUpload"),
        required=True,
        description="The customer's photos of the item, every version, oldest first (as the "
        "customerUploads query answers). Lists load them for the whole page at once.",
    )
    available_actions = graphene.List(
        graphene.NonNull(WorkflowActionEnum),
        required=True,
        description="What the signed-in person may do to this item now.",
    )
    blocked_actions = graphene.List(
        graphene.NonNull(BlockedAction),
        required=True,
        description="Moves of the item's stage the signed-in person may not make, and why.",
    )

    class Meta:
        model = ProductionItemModel
        interfaces = (graphene.relay.Node,)
        use_connection = False
        fields = (
            "line_index",
            "product_name",
            "variant_name",
            "sku",
            "product_type_slug",
            "quantity",
            "custom_text",
            "stage_entered_at",
            "rejection_count",
            "artwork_round",
            "created_at",
        )
        convert_choices_to_enum = False

    @staticmethod
    def resolve_hold_return_stage(
        root: ProductionItemModel, info: graphene.ResolveInfo
    ) -> str | None:
        return root.hold_return_stage or None

    @staticmethod
    def resolve_rework_source(root: ProductionItemModel, info: graphene.ResolveInfo) -> str | None:
        return root.rework_source or None

    @staticmethod
    def resolve_upload_references(
        root: ProductionItemModel, info: graphene.ResolveInfo
    ) -> list[str]:
        return list(root.upload_references)

    @staticmethod
    def resolve_assignee(root: ProductionItemModel, info: graphene.ResolveInfo) -> Any:
        return holder_of(root)

    @staticmethod
    def resolve_timeline(root: ProductionItemModel, info: graphene.ResolveInfo) -> Any:
        prefetched = getattr(root, "event_list", None)
        return prefetched if prefetched is not None else root.events.all()

    @staticmethod
    def resolve_customer_uploads(root: ProductionItemModel, info: graphene.ResolveInfo) -> Any:
        return customer_uploads_of(root)

    @staticmethod
    def resolve_available_actions(
        root: ProductionItemModel, info: graphene.ResolveInfo
    ) -> list[str]:
        return [action.value for action, refusal in _table_rows(root, info) if refusal is None]

    @staticmethod
    def resolve_blocked_actions(root: ProductionItemModel, info: graphene.ResolveInfo) -> list[Any]:
        return [
            BlockedAction(action=action.value, code=refusal.code.value, message=refusal.message)
            for action, refusal in _table_rows(root, info)
            if refusal is not None
        ]


class ProductionItemConnection(CountableConnection):
    class Meta:
        node = ProductionItem


class ShippingAddress(graphene.ObjectType):
    """Where an order ships, as Saleor had it when the order last changed."""

    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    name = graphene.String(required=True, description="First and last name.")
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True)
    street_address_2 = graphene.String(required=True)
    city = graphene.String(required=True)
    city_area = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    country_code = graphene.String(required=True, description="ISO 3166-1 alpha-2.")
    country_area = graphene.String(required=True)
    phone = graphene.String(required=True)

    @classmethod
    def of(cls, snapshot: dict[str, Any] | None) -> ShippingAddress | None:
        if not snapshot:
            return None

        def text(key: str) -> str:
            value = snapshot.get(key)
            return str(value).strip() if value is not None else ""

        first, last = text("first_name"), text("last_name")
        return cls(
            first_name=first,
            last_name=last,
            name=" ".join(part for part in (first, last) if part),
            company_name=text("company_name"),
            street_address_1=text("street_address_1"),
            street_address_2=text("street_address_2"),
            city=text("city"),
            city_area=text("city_area"),
            postal_code=text("postal_code"),
            country_code=text("country"),
            country_area=text("country_area"),
            phone=text("phone"),
        )


class OrderShipping(graphene.ObjectType):
    method_name = graphene.String(required=True, description="Empty when Saleor sent none.")
    address = graphene.Field(
        ShippingAddress, description="Null when the order has no shipping address."
    )


class ProductionOrder(DjangoObjectType):
    column_needs: ClassVar[ColumnNeeds] = {
        "items": (),
        "timeline": (),
        "shipping": ("shipping_method_name", "shipping_address"),
    }

    status = OrderStatusEnum(required=True)
    stage = ProductionStageEnum(description="The least advanced stage of its items.")
    items = graphene.List(graphene.NonNull(ProductionItem), required=True)
    timeline = graphene.List(graphene.NonNull(TimelineEvent), required=True)
    shipping = graphene.Field(
        OrderShipping,
        required=True,
        description="Fulfillers, managers and admins: the shipping method and address snapshot. "
        "Other roles get PERMISSION_DENIED.",
    )

    class Meta:
        model = ProductionOrderModel
        interfaces = (graphene.relay.Node,)
        use_connection = False
        fields = (
            "saleor_order_id",
            "number",
            "channel_slug",
            "customer_user_id",
            "customer_email",
            "shipping_method_name",
            "priority",
            "due_at",
            "paid_at",
            "needs_attention",
            "attention_reason",
            "shipped_at",
            "created_at",
        )
        convert_choices_to_enum = False

    @staticmethod
    def resolve_stage(root: ProductionOrderModel, info: graphene.ResolveInfo) -> str | None:
        return root.stage or None

    @staticmethod
    def resolve_shipping(root: ProductionOrderModel, info: graphene.ResolveInfo) -> Any:
        require_roles(info, SHIPPING_ROLES)
        return OrderShipping(
            method_name=root.shipping_method_name,
            address=ShippingAddress.of(root.shipping_address),
        )

    @staticmethod
    def resolve_items(root: ProductionOrderModel, info: graphene.ResolveInfo) -> Any:
        prefetched = getattr(root, "item_list", None)
        return prefetched if prefetched is not None else root.items.all()

    @staticmethod
    def resolve_timeline(root: ProductionOrderModel, info: graphene.ResolveInfo) -> Any:
        prefetched = getattr(root, "event_list", None)
        return prefetched if prefetched is not None else root.events.all()


class ProductionOrderConnection(CountableConnection):
    class Meta:
        node = ProductionOrder
