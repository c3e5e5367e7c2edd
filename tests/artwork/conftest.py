from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from saleor_podops.production.models import ProductionItem, ProductionOrder
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


MakeItem = Callable[..., ProductionItem]


@pytest.fixture
def make_item(installation: Installation) -> MakeItem:
    def make(
        *,
        number: str = "1023",
        line_index: int = 1,
        product_name: str = "Yellow Portrait",
        variant_name: str = "Full",
        options: dict[str, str] | None = None,
        stage: Stage = Stage.ARTWORK,
        product_type_slug: str = "portrait",
        owner: Installation | None = None,
        customer_user_id: str = "",
    ) -> ProductionItem:
        target = owner or installation
        order, _ = ProductionOrder.objects.get_or_create(
            installation=target,
            saleor_order_id=f"order-{number}",
            defaults={"number": number, "customer_user_id": customer_user_id},
        )
        return ProductionItem.objects.create(
            installation=target,
            order=order,
            saleor_line_id=f"line-{number}-{line_index}",
            line_index=line_index,
            product_name=product_name,
            variant_name=variant_name,
            options={"background": "LivingRoom"} if options is None else options,
            stage=stage,
            product_type_slug=product_type_slug,
        )

    return make
