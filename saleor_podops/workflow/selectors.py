"""Reads for the staff API: production lists and work queues, shaped so a page of any length costs
a constant number of queries (items, their open assignments and assignees are prefetched)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    Field,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)

from saleor_podops.core.compiled_queries import AnyOf, CompiledQuery
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.production.stages import Stage
from saleor_podops.staff.access import StaffIdentity
from saleor_podops.staff.models import Assignment, RoleAssignment, StaffMember
from saleor_podops.staff.roles import Role


@dataclass(frozen=True)
class PageColumns:
    """The columns of each model a page reads (None: every column); the selectors add what they
    need themselves (sort keys, the keys that join the prefetched rows)."""

    orders: tuple[str, ...] | None = None
    items: tuple[str, ...] | None = None
    staff: tuple[str, ...] | None = None


ALL_COLUMNS = PageColumns()


def with_assignees(
    items: QuerySet[ProductionItem],
    *,
    with_roles: bool = True,
    staff_columns: tuple[str, ...] | None = None,
) -> QuerySet[ProductionItem]:
    """Prefetch each item's open assignment (``open_assignments``) with its person, and that
    person's roles (``role_list``) when asked. Lists (``to_attr``) rather than managers, so reading
    them builds no queryset per row."""
    assignments = Assignment.objects.filter(released_at__isnull=True).select_related("staff")
    if staff_columns is not None:
        # the item's state needs the holder's user id
        person = {"saleor_user_id", *staff_columns}
        assignments = assignments.only("item", *(f"staff__{column}" for column in person))
    if with_roles:
        assignments = assignments.prefetch_related(
            Prefetch("staff__roles", queryset=RoleAssignment.objects.all(), to_attr="role_list")
        )
    return items.prefetch_related(
        Prefetch("assignments", queryset=assignments, to_attr="open_assignments")
    )


def _held_by(user_id: str) -> Exists:
    return Exists(
        Assignment.objects.filter(
            item=OuterRef("pk"), released_at__isnull=True, staff__saleor_user_id=user_id
        )
    )


def _held_by_member(member: StaffMember) -> Exists:
    # Through the person's user id like _held_by rather than their row's id: with the id,
    # PostgreSQL estimates a hash join over every item cheaper than the 800 index lookups it is
    # not (24 ms against 4 ms at 100,000 items).
    return Exists(
        Assignment.objects.filter(
            item=OuterRef("pk"),
            released_at__isnull=True,
            staff__saleor_user_id=member.saleor_user_id,
            staff__installation_id=member.installation_id,
        )
    )


def mark_holder(items: list[ProductionItem], member: StaffMember) -> None:
    """Record on items known to be held by ``member`` (a page of my_work) who holds them
    (``holder``), so that their assignee is read from no further row."""
    for item in items:
        item.holder = member  # type: ignore[attr-defined]


class OrderSort(StrEnum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"
    PRIORITY = "PRIORITY"
    DUE_DATE = "DUE_DATE"
    NUMBER = "NUMBER"


# The columns of each sort, loaded with any columns of a page (for its cursors).
_SORT_COLUMNS = {
    OrderSort.NEWEST: ("created_at",),
    OrderSort.OLDEST: ("created_at",),
    OrderSort.PRIORITY: ("priority", "created_at"),
    OrderSort.DUE_DATE: ("due_at", "created_at"),
    OrderSort.NUMBER: ("number",),
}
_ORDER_SORTS = {
    OrderSort.NEWEST: ("-created_at", "-id"),
    OrderSort.OLDEST: ("created_at", "id"),
    OrderSort.PRIORITY: ("-priority", "created_at", "id"),
    OrderSort.DUE_DATE: (F("due_at").asc(nulls_last=True), "created_at", "id"),
    OrderSort.NUMBER: ("number", "id"),
}


@dataclass(frozen=True)
class OrderFilter:
    stages: tuple[Stage, ...] = ()
    assignee_user_id: str = ""
    product_type_slug: str = ""
    search: str = ""
    priority_at_least: int | None = None
    due_before: datetime | None = None
    status: str = ""
    needs_attention: bool | None = None


def production_orders(
    *,
    installation_id: int,
    filter: OrderFilter,
    sort: OrderSort,
    with_order_timeline: bool = False,
    columns: PageColumns = ALL_COLUMNS,
) -> QuerySet[ProductionOrder]:
    """The orders of a list, without their items: attach_items loads the items of the fetched
    page (one query, and one for their open assignments)."""
    orders = ProductionOrder.objects.filter(installation_id=installation_id)
    if columns.orders is not None:
        orders = orders.only(*columns.orders, *_SORT_COLUMNS[sort])
    if filter.stages:
        orders = orders.filter(stage__in=filter.stages)
    if filter.status:
        orders = orders.filter(status=filter.status)
    if filter.priority_at_least is not None:
        orders = orders.filter(priority__gte=filter.priority_at_least)
    if filter.due_before is not None:
        orders = orders.filter(due_at__lt=filter.due_before)
    if filter.needs_attention is not None:
        orders = orders.filter(needs_attention=filter.needs_attention)
    if filter.search.strip():
        term = filter.search.strip().lstrip("#")
        orders = orders.filter(
            Q(number=term) | Q(customer_email__icontains=term) | Q(saleor_order_id=term)
        )
    item_conditions = Q()
    if filter.product_type_slug:
        item_conditions &= Q(product_type_slug=filter.product_type_slug)
    if filter.assignee_user_id:
        item_conditions &= Q(
            Exists(
                Assignment.objects.filter(
                    item=OuterRef("pk"),
                    released_at__isnull=True,
                    staff__saleor_user_id=filter.assignee_user_id,
                )
            )
        )
    if item_conditions:
        orders = orders.filter(
            Exists(ProductionItem.objects.filter(item_conditions, order=OuterRef("pk")))
        )
    orders = orders.order_by(*_ORDER_SORTS[sort])
    if with_order_timeline:
        orders = orders.prefetch_related(Prefetch("events", to_attr="event_list"))
    return orders


def _attnames(model: type[Model], columns: tuple[str, ...] | None, *keys: str) -> tuple[str, ...]:
    """The attribute names of ``keys`` and ``columns`` of ``model`` (None: every column)."""
    if columns is None:
        return tuple(f.attname for f in model._meta.concrete_fields)
    fields = (model._meta.get_field(name) for name in (*keys, *columns))
    return tuple(dict.fromkeys(field.attname for field in fields if isinstance(field, Field)))


_ASSIGNMENT_FIELDS = ("id", "item_id", "staff_id")
# Relations attached as Django's prefetching does (set_cached_value), each row's key being its
# related row's: the descriptors' checks and foreign key writes cost a microsecond a row.
_ITEM_ORDER = ProductionItem._meta.get_field("order")
_ASSIGNMENT_ITEM = Assignment._meta.get_field("item")
_ASSIGNMENT_STAFF = Assignment._meta.get_field("staff")


@functools.lru_cache(maxsize=64)  # one per set of columns a page's document reads
def _page_items_query(item_fields: tuple[str, ...]) -> CompiledQuery:
    """The items of some orders in line order. Compiled once: the order ids are one parameter."""

    def build(order_ids: Any) -> QuerySet[ProductionItem, Any]:
        return (
            ProductionItem.objects.filter(AnyOf(F("order_id"), order_ids))
            .order_by("line_index")
            .values_list(*item_fields)
        )

    return CompiledQuery(build, "order_ids")


@functools.lru_cache(maxsize=64)
def _open_assignments_query(staff_fields: tuple[str, ...]) -> CompiledQuery:
    """The open assignments of some items, each with ``staff_fields`` of the person holding it.

    A query of its own rather than a join with the items: PostgreSQL plans that join as a hash
    join over every open assignment of the shop (a scan that grows with the shop's work in
    progress), while this one is a probe of one_open_assignment_per_item per item."""

    def build(item_ids: Any) -> QuerySet[Assignment, Any]:
        return Assignment.objects.filter(
            AnyOf(F("item_id"), item_ids), released_at__isnull=True
        ).values_list(*_ASSIGNMENT_FIELDS, *(f"staff__{name}" for name in staff_fields))

    return CompiledQuery(build, "item_ids")


def attach_items(
    orders: list[ProductionOrder],
    *,
    columns: tuple[str, ...] | None = None,
    staff_columns: tuple[str, ...] | None = None,
    with_assignee_roles: bool = True,
    prefetch: tuple[str | Prefetch[Any], ...] = (),
) -> None:
    """Give each order of a page its items (``item_list``, in line order, each item's ``order``
    the page's row) and each item its open assignment with the person holding it
    (``open_assignments``, as with_assignees prefetches it), from two queries; the holders' roles
    (``role_list``) from one more when asked, and ``prefetch`` for the items.

    ``columns`` and ``staff_columns``: the columns the page reads (None: every column); the
    item's state needs its holder's user id."""
    by_id = {order.pk: order for order in orders}
    for order in orders:
        order.item_list = []  # type: ignore[attr-defined]
    if not by_id:
        return
    item_fields = _attnames(ProductionItem, columns, "id", "order")
    person = None if staff_columns is None else ("saleor_user_id", *staff_columns)
    staff_fields = _attnames(StaffMember, person, "id")
    db = ProductionItem.objects.db
    items: dict[int, ProductionItem] = {}
    for row in _page_items_query(item_fields).rows(order_ids=list(by_id)):
        item = ProductionItem.from_db(db, item_fields, row)
        order = by_id[item.order_id]
        _ITEM_ORDER.set_cached_value(item, order)  # the row's own order_id: no descriptor checks
        order.item_list.append(item)  # type: ignore[attr-defined]
        item.open_assignments = []  # type: ignore[attr-defined]
        items[item.pk] = item
    if not items:
        return
    holders: list[StaffMember] = []
    split = len(_ASSIGNMENT_FIELDS)
    for row in _open_assignments_query(staff_fields).rows(item_ids=list(items)):
        assignment = Assignment.from_db(db, _ASSIGNMENT_FIELDS, row[:split])
        item = items[assignment.item_id]
        _ASSIGNMENT_ITEM.set_cached_value(assignment, item)
        holder = StaffMember.from_db(db, staff_fields, row[split:])
        _ASSIGNMENT_STAFF.set_cached_value(assignment, holder)
        item.open_assignments = [assignment]  # type: ignore[attr-defined]
        holders.append(holder)
    if prefetch:
        prefetch_related_objects(list(items.values()), *prefetch)
    if with_assignee_roles:
        attach_roles(holders)


def attach_roles(members: list[StaffMember]) -> None:
    """Give each member their role rows (``role_list``, in role order), in one query."""
    by_id: dict[int, list[StaffMember]] = {}
    for member in members:
        member.role_list = []  # type: ignore[attr-defined]
        by_id.setdefault(member.pk, []).append(member)
    if not by_id:
        return
    for assignment in RoleAssignment.objects.filter(staff_id__in=list(by_id)):
        for member in by_id[assignment.staff_id]:
            member.role_list.append(assignment)  # type: ignore[attr-defined]


class WorkTab(StrEnum):
    IMAGE_REVIEW = "IMAGE_REVIEW"
    NEW_WORK = "NEW_WORK"
    REJECTED_BY_CUSTOMER = "REJECTED_BY_CUSTOMER"
    REJECTED_BY_ART_MANAGER = "REJECTED_BY_ART_MANAGER"
    ARTWORK_QC = "ARTWORK_QC"
    FULFILMENT_QUEUE = "FULFILMENT_QUEUE"


_TABS: dict[WorkTab, Q] = {
    WorkTab.IMAGE_REVIEW: Q(stage=Stage.IMAGE_REVIEW),
    WorkTab.NEW_WORK: Q(stage=Stage.ARTWORK, rework_source=""),
    WorkTab.REJECTED_BY_CUSTOMER: Q(stage=Stage.ARTWORK, rework_source=Stage.CUSTOMER_APPROVAL),
    WorkTab.REJECTED_BY_ART_MANAGER: Q(stage=Stage.ARTWORK, rework_source=Stage.ARTWORK_QC),
    WorkTab.ARTWORK_QC: Q(stage=Stage.ARTWORK_QC),
    WorkTab.FULFILMENT_QUEUE: Q(stage=Stage.FULFILMENT_QUEUE),
}
# Tabs each role sees (managers see all).
TABS_BY_ROLE: dict[Role, tuple[WorkTab, ...]] = {
    Role.IMAGE_PROCESSOR: (WorkTab.IMAGE_REVIEW,),
    Role.ARTIST: (WorkTab.NEW_WORK, WorkTab.REJECTED_BY_CUSTOMER, WorkTab.REJECTED_BY_ART_MANAGER),
    Role.ART_QC: (WorkTab.ARTWORK_QC,),
    Role.FULFILLER: (WorkTab.FULFILMENT_QUEUE,),
}


def work_tabs(identity: StaffIdentity) -> list[WorkTab]:
    if identity.is_manager:
        return list(WorkTab)
    return [tab for role, tabs in TABS_BY_ROLE.items() if role in identity.roles for tab in tabs]


def my_work(
    *,
    identity: StaffIdentity,
    tab: WorkTab | None,
    with_timeline: bool = False,
    with_assignee_roles: bool = True,
    columns: PageColumns = ALL_COLUMNS,
) -> QuerySet[ProductionItem]:
    """The person's queue: the items they hold (in every worked stage, the fulfilment queue too).
    With their member row known (any person holding something has one), the open assignments are
    not loaded: the page's rows get it as their holder (mark_holder) once fetched."""
    member = identity.member
    items = ProductionItem.objects.filter(installation_id=identity.installation.pk)
    items = items.filter(_held_by_member(member) if member else _held_by(identity.user_id))
    if tab is not None:
        items = items.filter(_TABS[tab])
    items = items.select_related("order").order_by(
        "-order__priority", F("stage_entered_at").asc(nulls_last=True), "id"
    )
    if columns.items is not None:
        order_columns = (
            ("order",)
            if columns.orders is None
            else tuple(f"order__{column}" for column in {"priority", *columns.orders})
        )
        items = items.only("stage_entered_at", *columns.items, *order_columns)
    if member is None:
        items = with_assignees(items, with_roles=with_assignee_roles, staff_columns=columns.staff)
    if with_timeline:
        items = items.prefetch_related(Prefetch("events", to_attr="event_list"))
    return items


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int
    unassigned: int


def stage_counts(*, installation_id: int) -> list[StageCount]:
    """Queue depth per live stage, in lifecycle order, with how many wait for a person."""
    rows = (
        ProductionItem.objects.filter(installation_id=installation_id)
        .exclude(stage__in=[Stage.CANCELLED, Stage.SHIPPED])
        .values("stage")
        .annotate(
            count=Count("id"),
            unassigned=Count(
                "id",
                filter=~Q(
                    Exists(Assignment.objects.filter(item=OuterRef("pk"), released_at__isnull=True))
                ),
            ),
        )
    )
    by_stage: dict[str, tuple[int, int]] = {
        row["stage"]: (row["count"], row["unassigned"]) for row in rows
    }
    return [
        StageCount(
            stage=stage,
            count=by_stage.get(stage, (0, 0))[0],
            unassigned=by_stage.get(stage, (0, 0))[1],
        )
        for stage in Stage
        if stage not in {Stage.CANCELLED, Stage.SHIPPED}
    ]
