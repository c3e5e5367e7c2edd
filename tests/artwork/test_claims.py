"""Order intake links the uploads a line names: a storefront upload end to end, and the refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from saleor_podops.artwork.models import CustomerUpload, UploadStatus
from saleor_podops.artwork.uploads import UploadProblem, uploads_claim_for_item
from saleor_podops.saleor.models import Installation

from .conftest import MakeItem
from .images import image_bytes
from .test_uploads_http import new_session, upload

pytestmark = pytest.mark.django_db


def claim(item: Any, references: list[str]) -> list[UploadProblem]:
    with transaction.atomic():
        return uploads_claim_for_item(item=item, references=references)


def test_a_storefront_upload_is_linked_to_the_item_of_its_line(
    client: Client, installation: Installation, make_item: MakeItem
) -> None:
    session = new_session(client, installation)
    reference = upload(client, installation, image_bytes(), token=session["token"]).json()[
        "reference"
    ]
    item = make_item(stage="IMAGE_REVIEW")

    assert claim(item, [reference]) == []
    assert CustomerUpload.objects.get(reference=reference).item_id == item.pk
    # the same delivery again changes nothing
    assert claim(item, [reference]) == []


def test_references_from_another_installation_or_order_or_refused_are_not_linked(
    installation: Installation, other_installation: Installation, make_item: MakeItem
) -> None:
    foreign = CustomerUpload.objects.create(installation=other_installation)
    used = CustomerUpload.objects.create(installation=installation)
    refused = CustomerUpload.objects.create(installation=installation, status=UploadStatus.INVALID)
    first = make_item(number="1023")
    claim(first, [used.reference])
    second = make_item(number="1024")

    problems = claim(
        second, [foreign.reference, used.reference, refused.reference, "upl_missing00"]
    )

    assert [(p.reference, p.code) for p in problems] == [
        (foreign.reference, "UPLOAD_NOT_FOUND"),
        (used.reference, "UPLOAD_USED_BY_ANOTHER_ORDER"),
        (refused.reference, "UPLOAD_INVALID"),
        ("upl_missing00", "UPLOAD_NOT_FOUND"),
    ]
    assert list(CustomerUpload.objects.order_by("pk").values_list("item_id", flat=True)) == [
        None,
        first.pk,
        None,
    ]
