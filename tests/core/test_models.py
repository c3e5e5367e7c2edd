"""LeanLoadingModel: rows become the same instances Django's own ``from_db`` builds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import models
from django.db.models.signals import post_init

from saleor_podops.core.models import LeanLoadingModel
from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation


@pytest.fixture
def item(installation: Installation) -> ProductionItem:
    order = ProductionOrder.objects.create(
        installation=installation,
        saleor_order_id="T3JkZXI6MQ==",
        number="1001",
        customer_email="ann@example.com",
        shipping_address={"city": "Berlin"},
    )
    return ProductionItem.objects.create(
        installation=installation,
        order=order,
        saleor_line_id="line-1",
        line_index=1,
        product_name="Yellow Portrait",
        options={"background": "LivingRoom"},
        stage=Stage.ARTWORK,
    )


def _values(instance: models.Model) -> dict[str, Any]:
    return {k: v for k, v in vars(instance).items() if k != "_state"}


def _django_loaded(model: type[LeanLoadingModel], pk: int) -> models.Model:
    """The same row built by Django's own Model.from_db."""
    names = [f.attname for f in model._meta.concrete_fields]
    (values,) = model.objects.filter(pk=pk).values_list(*names)
    return super(LeanLoadingModel, model).from_db("default", names, values)


def test_a_whole_row_loads_with_the_values_and_state_django_gives_it(item: ProductionItem) -> None:
    loaded = ProductionItem.objects.get(pk=item.pk)
    expected = _django_loaded(ProductionItem, item.pk)

    assert _values(loaded) == _values(expected)
    assert loaded._state.adding is False
    assert loaded._state.db == "default"
    assert loaded.options == {"background": "LivingRoom"}
    assert loaded.stage == Stage.ARTWORK


def test_deferred_fields_are_missing_until_read_then_loaded(item: ProductionItem) -> None:
    loaded = ProductionItem.objects.only("stage").get(pk=item.pk)

    assert loaded.get_deferred_fields() == {
        f.attname for f in ProductionItem._meta.concrete_fields if f.attname not in ("id", "stage")
    }
    assert loaded.product_name == "Yellow Portrait"  # one query for the deferred field
    assert "product_name" not in loaded.get_deferred_fields()


def test_a_loaded_row_follows_its_foreign_keys_and_saves_as_an_update(
    item: ProductionItem,
) -> None:
    loaded = ProductionItem.objects.select_related("order").get(pk=item.pk)

    assert loaded.order.number == "1001"
    assert loaded.order.shipping_address == {"city": "Berlin"}
    loaded.product_name = "Blue Portrait"
    loaded.save(update_fields=["product_name"])
    assert ProductionItem.objects.count() == 1
    assert ProductionItem.objects.get(pk=item.pk).product_name == "Blue Portrait"


def test_loaded_rows_compare_and_hash_by_primary_key(item: ProductionItem) -> None:
    first, second = ProductionItem.objects.get(pk=item.pk), ProductionItem.objects.get(pk=item.pk)

    assert first == second == item
    assert len({first, second, item}) == 1


@pytest.fixture
def post_init_calls() -> Iterator[list[Any]]:
    calls: list[Any] = []

    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        calls.append(instance.number)

    post_init.connect(receiver, sender=ProductionOrder)
    yield calls
    post_init.disconnect(receiver, sender=ProductionOrder)


def test_a_model_with_post_init_receivers_is_loaded_by_djangos_own_from_db(
    item: ProductionItem, post_init_calls: list[Any]
) -> None:
    loaded = ProductionOrder.objects.get(pk=item.order_id)

    assert post_init_calls == ["1001"]
    assert _values(loaded) == _values(_django_loaded(ProductionOrder, item.order_id))
