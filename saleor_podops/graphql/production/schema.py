"""Staff queries over production: orders, items, work queues, stage counts."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch

from saleor_podops.production.models import ProductionItem as ProductionItemModel
from saleor_podops.production.models import ProductionOrder as ProductionOrderModel
from saleor_podops.production.stages import Stage
from saleor_podops.workflow import selectors

from ..artwork.prefetch import customer_uploads_prefetch, with_customer_uploads
from ..core.auth import require_roles
from ..core.columns import columns_for, selected_fields
from ..core.enums import OrderStatusEnum, ProductionStageEnum
from ..core.errors import ApiErrorCode, api_error
from ..core.ids import pk_from_global_id
from ..core.pagination import paginate
from ..core.selections import requested_paths
from ..staff.types import StaffMember
from .types import (
    ProductionItem,
    ProductionItemConnection,
    ProductionOrder,
    ProductionOrderConnection,
)

OrderSortEnum = graphene.Enum.from_enum(selectors.OrderSort, name="ProductionOrderSort")
WorkTabEnum = graphene.Enum.from_enum(selectors.WorkTab, name="MyWorkTab")

PAGE_SIZE_HELP = "Rows on the page, 0 to 100 (default 50)."
CURSOR_HELP = (
    "An endCursor of this list in the same sort: the page starts after that row, wherever rows "
    "were added or removed since. Any other value is an INVALID_CURSOR error."
)


class ProductionOrderFilterInput(graphene.InputObjectType):
    stages = graphene.List(graphene.NonNull(ProductionStageEnum))
    assignee_user_id = graphene.String(description="Orders with an item this person holds.")
    product_type_slug = graphene.String()
    search = graphene.String(description="Saleor order number or id, or part of the email.")
    priority_at_least = graphene.Int()
    due_before = graphene.DateTime()
    status = OrderStatusEnum()
    needs_attention = graphene.Boolean()


class StageCount(graphene.ObjectType):
    stage = ProductionStageEnum(required=True)
    count = graphene.Int(required=True)
    unassigned = graphene.Int(required=True, description="Items nobody holds yet.")


def _enum_value(value: Any) -> str:
    return getattr(value, "value", value)


class ProductionQueries(graphene.ObjectType):
    production_orders = graphene.Field(
        ProductionOrderConnection,
        required=True,
        filter=ProductionOrderFilterInput(),
        sort=OrderSortEnum(default_value=selectors.OrderSort.NEWEST.value),
        first=graphene.Int(description=PAGE_SIZE_HELP),
        after=graphene.String(description=CURSOR_HELP),
    )
    production_order = graphene.Field(
        ProductionOrder,
        id=graphene.ID(description="The PodOps id."),
        saleor_order_id=graphene.ID(description="The Saleor order id."),
    )
    production_item = graphene.Field(ProductionItem, id=graphene.ID(required=True))
    my_work = graphene.Field(
        ProductionItemConnection,
        required=True,
        tab=WorkTabEnum(description="One tab of the queue; none: everything you hold."),
        first=graphene.Int(description=PAGE_SIZE_HELP),
        after=graphene.String(description=CURSOR_HELP),
    )
    my_work_tabs = graphene.List(graphene.NonNull(WorkTabEnum), required=True)
    stage_counts = graphene.List(graphene.NonNull(StageCount), required=True)

    @staticmethod
    def resolve_production_orders(
        root: Any,
        info: graphene.ResolveInfo,
        sort: Any,
        filter: dict[str, Any] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Any:
        identity = require_roles(info)
        data = filter or {}
        order_filter = selectors.OrderFilter(
            stages=tuple(Stage(_enum_value(s)) for s in data.get("stages") or ()),
            assignee_user_id=data.get("assignee_user_id") or "",
            product_type_slug=data.get("product_type_slug") or "",
            search=data.get("search") or "",
            priority_at_least=data.get("priority_at_least"),
            due_before=data.get("due_before"),
            status=_enum_value(data.get("status") or ""),
            needs_attention=data.get("needs_attention"),
        )
        paths = requested_paths(info)
        queryset = selectors.production_orders(
            installation_id=identity.installation.pk,
            filter=order_filter,
            sort=selectors.OrderSort(_enum_value(sort)),
            # an item's order is the page's order row
            columns=selectors.PageColumns(
                orders=columns_for(
                    ProductionOrder,
                    selected_fields(paths, "edges.node")
                    | selected_fields(paths, "edges.node.items.order"),
                ),
            ),
            with_order_timeline="edges.node.timeline" in paths,
        )
        if "edges.node.items" not in paths:
            return paginate(queryset, ProductionOrderConnection, first=first, after=after)
        prefetch: list[Any] = []
        if "edges.node.items.timeline" in paths:
            prefetch.append(Prefetch("events", to_attr="event_list"))
        if "edges.node.items.customerUploads" in paths:
            prefetch.append(customer_uploads_prefetch())
        item_columns = columns_for(ProductionItem, selected_fields(paths, "edges.node.items"))
        staff_columns = columns_for(
            StaffMember, selected_fields(paths, "edges.node.items.assignee")
        )
        with_roles = "edges.node.items.assignee.roles" in paths

        def attach_items(orders: list[Any]) -> None:
            selectors.attach_items(
                orders,
                columns=item_columns,
                staff_columns=staff_columns,
                with_assignee_roles=with_roles,
                prefetch=tuple(prefetch),
            )

        return paginate(
            queryset, ProductionOrderConnection, first=first, after=after, on_page=attach_items
        )

    @staticmethod
    def resolve_production_order(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        saleor_order_id: str | None = None,
    ) -> Any:
        identity = require_roles(info)
        if (id is None) == (saleor_order_id is None):
            raise api_error(ApiErrorCode.INVALID_ARGUMENT, "Give exactly one of id, saleorOrderId.")
        orders = ProductionOrderModel.objects.filter(installation=identity.installation)
        if id is not None:
            pk = pk_from_global_id(id, "ProductionOrder")
            return orders.filter(pk=pk).first() if pk else None
        return orders.filter(saleor_order_id=saleor_order_id).first()

    @staticmethod
    def resolve_production_item(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        identity = require_roles(info)
        pk = pk_from_global_id(id, "ProductionItem")
        if pk is None:
            return None
        return (
            selectors.with_assignees(
                ProductionItemModel.objects.filter(installation=identity.installation, pk=pk)
            )
            .select_related("order")
            .first()
        )

    @staticmethod
    def resolve_my_work(
        root: Any,
        info: graphene.ResolveInfo,
        tab: Any = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Any:
        identity = require_roles(info)
        work_tab = selectors.WorkTab(_enum_value(tab)) if tab is not None else None
        if work_tab is not None and work_tab not in selectors.work_tabs(identity):
            raise api_error(
                ApiErrorCode.PERMISSION_DENIED, f"The {work_tab.value} tab is not for your roles."
            )
        paths = requested_paths(info)
        queryset = selectors.my_work(
            identity=identity,
            tab=work_tab,
            columns=selectors.PageColumns(
                orders=columns_for(ProductionOrder, selected_fields(paths, "edges.node.order")),
                items=columns_for(ProductionItem, selected_fields(paths, "edges.node")),
                staff=columns_for(StaffMember, selected_fields(paths, "edges.node.assignee")),
            ),
            with_timeline="edges.node.timeline" in paths,
            with_assignee_roles="edges.node.assignee.roles" in paths,
        )
        if "edges.node.customerUploads" in paths:
            queryset = with_customer_uploads(queryset)
        member = identity.member
        return paginate(
            queryset,
            ProductionItemConnection,
            first=first,
            after=after,
            on_page=(lambda rows: selectors.mark_holder(rows, member)) if member else None,
        )

    @staticmethod
    def resolve_my_work_tabs(root: Any, info: graphene.ResolveInfo) -> list[str]:
        identity = require_roles(info)
        return [tab.value for tab in selectors.work_tabs(identity)]

    @staticmethod
    def resolve_stage_counts(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        identity = require_roles(info)
        return [
            StageCount(stage=row.stage.value, count=row.count, unassigned=row.unassigned)
            for row in selectors.stage_counts(installation_id=identity.installation.pk)
        ]
