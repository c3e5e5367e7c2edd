"""Batches: queued items of one product type, print method and destination, sent to one partner
together. Fulfillers make them from the items they hold (or ``batches_auto_create`` does: a
fulfiller's own items, or every queued item for a manager), split them, or dissolve them; a batch a
fulfiller changes or sends must hold only their items (``access.py``). While a batch is open its
items stay in the queue and a cancellation still stops them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone

from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import EventType, ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import record_event
from saleor_podops.saleor.models import Installation
from saleor_podops.workflow.actions import actor_of
from saleor_podops.workflow.transitions import Person

from .access import acts_on_all, require_fulfiller, require_holds
from .error_codes import FulfilmentError, FulfilmentErrorCode
from .models import Batch, BatchEntry, BatchStatus, FulfilmentSettings
from .queue import fulfilment_queue, fulfilment_settings_for

GroupKey = tuple[str, str, str]


def group_key(item: ProductionItem, settings: FulfilmentSettings) -> GroupKey:
    """What a batch has in common: product type, print method, destination country."""
    address = item.order.shipping_address or {}
    return (
        item.product_type_slug,
        (settings.print_methods or {}).get(item.product_type_slug, ""),
        str(address.get("country", ""))[:2],
    )


def _batch_key(batch: Batch) -> GroupKey:
    return (batch.product_type_slug, batch.print_method, batch.destination_country)


def _locked_queue_items(installation_id: int, item_ids: Sequence[int]) -> list[ProductionItem]:
    items = list(
        ProductionItem.objects.select_for_update(of=("self",))
        .select_related("order")
        .filter(installation_id=installation_id, pk__in=list(item_ids))
        .order_by("pk")
    )
    if len(items) != len(set(item_ids)):
        raise FulfilmentError(FulfilmentErrorCode.NOT_FOUND, "No such item", field="items")
    outside = [item for item in items if item.stage != Stage.FULFILMENT_QUEUE]
    if outside:
        names = ", ".join(str(item) for item in outside)
        raise FulfilmentError(
            FulfilmentErrorCode.NOT_IN_QUEUE,
            f"Not in the fulfilment queue: {names}",
            field="items",
        )
    return items


def _lock_open(batch: Batch) -> Batch:
    locked = Batch.objects.select_for_update().select_related("partner").get(pk=batch.pk)
    if locked.status != BatchStatus.OPEN:
        raise FulfilmentError(FulfilmentErrorCode.BATCH_NOT_OPEN, "The batch is not open")
    return locked


def _open_entries(batch: Batch) -> int:
    return BatchEntry.objects.filter(batch=batch, removed_at__isnull=True).count()


def _add(
    *, batch: Batch, items: Sequence[ProductionItem], person: Person, settings: FulfilmentSettings
) -> None:
    key = _batch_key(batch)
    for item in items:
        if group_key(item, settings) != key:
            raise FulfilmentError(
                FulfilmentErrorCode.BATCH_GROUP_MISMATCH,
                f"{item} is not {'/'.join(filter(None, key)) or 'of this batch'}: a batch holds one "
                "product type, print method and destination",
                field="items",
            )
    if _open_entries(batch) + len(items) > settings.batch_max_items:
        raise FulfilmentError(
            FulfilmentErrorCode.BATCH_FULL,
            f"A batch holds at most {settings.batch_max_items} items",
            field="items",
        )
    try:
        with transaction.atomic():
            BatchEntry.objects.bulk_create([BatchEntry(batch=batch, item=item) for item in items])
    except IntegrityError:
        raise FulfilmentError(
            FulfilmentErrorCode.ALREADY_BATCHED,
            "An item is in another batch already: remove it there first",
            field="items",
        ) from None
    for item in items:
        record_event(
            order=item.order,
            item=item,
            type=EventType.BATCH_UPDATED,
            actor=actor_of(person),
            comment=f"Added to batch {batch.pk} ({batch.partner.name})",
            data={"batch": batch.pk, "change": "added"},
        )


def _partner_or_default(
    installation: Installation, partner: PrintPartner | None, settings: FulfilmentSettings
) -> PrintPartner:
    chosen = partner if partner is not None else settings.default_partner
    if chosen is None or chosen.installation_id != installation.pk or not chosen.is_active:
        raise FulfilmentError(
            FulfilmentErrorCode.PARTNER_INACTIVE,
            "Choose an active partner (or set a default partner)",
            field="partner",
        )
    return chosen


def batch_create(
    *,
    installation: Installation,
    partner: PrintPartner | None,
    item_ids: Sequence[int],
    person: Person,
) -> Batch:
    """A batch of ``item_ids`` for ``partner`` (None: the installation's default partner)."""
    require_fulfiller(person)
    if not item_ids:
        raise FulfilmentError(FulfilmentErrorCode.BATCH_EMPTY, "Choose items", field="items")
    settings = fulfilment_settings_for(installation)
    partner = _partner_or_default(installation, partner, settings)
    with transaction.atomic():
        items = _locked_queue_items(installation.pk, item_ids)
        require_holds(person, items)
        key = group_key(items[0], settings)
        batch = Batch.objects.create(
            installation=installation,
            partner=partner,
            product_type_slug=key[0],
            print_method=key[1],
            destination_country=key[2],
            created_by=person.user_id,
        )
        _add(batch=batch, items=items, person=person, settings=settings)
    return batch


def batch_add_items(*, batch: Batch, item_ids: Sequence[int], person: Person) -> Batch:
    require_fulfiller(person)
    settings = fulfilment_settings_for(batch.installation_id)
    with transaction.atomic():
        batch = _lock_open(batch)
        items = _locked_queue_items(batch.installation_id, item_ids)
        require_holds(person, items)
        require_holds(person, [entry.item for entry in _entries(batch)], field="id")
        _add(batch=batch, items=items, person=person, settings=settings)
    return batch


def _remove(*, batch: Batch, entries: Sequence[BatchEntry], person: Person, why: str) -> None:
    now = timezone.now()
    for entry in entries:
        entry.removed_at = now
        entry.save(update_fields=["removed_at"])
        record_event(
            order=entry.item.order,
            item=entry.item,
            type=EventType.BATCH_UPDATED,
            actor=actor_of(person),
            comment=f"Removed from batch {batch.pk}: {why}",
            data={"batch": batch.pk, "change": "removed"},
        )


def _entries(batch: Batch, item_ids: Sequence[int] | None = None) -> list[BatchEntry]:
    qs = BatchEntry.objects.select_related("item__order").filter(
        batch=batch, removed_at__isnull=True
    )
    if item_ids is not None:
        qs = qs.filter(item_id__in=list(item_ids))
    return list(qs)


def batch_remove_items(*, batch: Batch, item_ids: Sequence[int], person: Person) -> Batch:
    require_fulfiller(person)
    with transaction.atomic():
        batch = _lock_open(batch)
        entries = _entries(batch, item_ids)
        if len(entries) != len(set(item_ids)):
            raise FulfilmentError(
                FulfilmentErrorCode.NOT_FOUND, "Not all items are in this batch", field="items"
            )
        require_holds(person, [entry.item for entry in entries])
        _remove(batch=batch, entries=entries, person=person, why="removed by hand")
    return batch


def batch_split(*, batch: Batch, item_ids: Sequence[int], person: Person) -> Batch:
    """Move ``item_ids`` out of ``batch`` into a new open batch (same partner and group)."""
    require_fulfiller(person)
    with transaction.atomic():
        batch = _lock_open(batch)
        entries = _entries(batch, item_ids)
        if not entries or len(entries) != len(set(item_ids)):
            raise FulfilmentError(
                FulfilmentErrorCode.NOT_FOUND, "Not all items are in this batch", field="items"
            )
        require_holds(person, [entry.item for entry in _entries(batch)], field="id")
        if len(entries) == _open_entries(batch):
            raise FulfilmentError(
                FulfilmentErrorCode.INVALID,
                "Leave at least one item in the batch",
                field="items",
            )
        new = Batch.objects.create(
            installation_id=batch.installation_id,
            partner=batch.partner,
            product_type_slug=batch.product_type_slug,
            print_method=batch.print_method,
            destination_country=batch.destination_country,
            created_by=person.user_id,
        )
        _remove(batch=batch, entries=entries, person=person, why=f"split into batch {new.pk}")
        items = [entry.item for entry in entries]
        settings = fulfilment_settings_for(batch.installation_id)
        _add(batch=new, items=items, person=person, settings=settings)
    return new


def batch_dissolve(*, batch: Batch, person: Person) -> Batch:
    """Give every item back to the queue."""
    require_fulfiller(person)
    with transaction.atomic():
        batch = _lock_open(batch)
        entries = _entries(batch)
        require_holds(person, [entry.item for entry in entries], field="id")
        _remove(batch=batch, entries=entries, person=person, why="batch dissolved")
        batch.status = BatchStatus.DISSOLVED
        batch.save(update_fields=["status", "updated_at"])
    return batch


def batches_auto_create(
    *, installation: Installation, partner: PrintPartner | None, person: Person
) -> list[Batch]:
    """The automatic rule: every unbatched queued item (a fulfiller's: those they hold), most
    urgent first, grouped by product type, print method and destination, in batches of at most the
    configured size (for ``partner``, or the default partner)."""
    require_fulfiller(person)
    settings = fulfilment_settings_for(installation)
    partner = _partner_or_default(installation, partner, settings)
    groups: dict[GroupKey, list[int]] = {}
    rows = fulfilment_queue(
        installation_id=installation.pk,
        unbatched_only=True,
        assignee_user_id=None if acts_on_all(person) else person.user_id,
    )
    for row in rows:
        groups.setdefault(group_key(row.item, settings), []).append(row.item.pk)
    made: list[Batch] = []
    size = settings.batch_max_items
    for ids in groups.values():
        for start in range(0, len(ids), size):
            made.append(
                batch_create(
                    installation=installation,
                    partner=partner,
                    item_ids=ids[start : start + size],
                    person=person,
                )
            )
    return made
