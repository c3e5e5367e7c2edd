"""Artwork in the staff GraphQL API: uploads as GraphQL multipart requests, per-file batch results,
download links, each with its authorization matrix."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from graphql_relay import to_global_id

from saleor_podops.artwork.imaging import PrintSize
from saleor_podops.artwork.models import ArtworkVersion, CustomerUpload
from saleor_podops.artwork.print_specs import print_spec_set
from saleor_podops.production.models import ProductionItem, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import Assignment

from ..staff_api import (
    ADMIN,
    ARTIST,
    FULFILLER,
    MANAGER,
    NO_ROLE,
    OTHER_ARTIST,
    PROCESSOR,
    customer_token,
    dashboard_token,
    team,
)
from .conftest import MakeItem, stored_files
from .images import image_bytes, truncated

pytestmark = pytest.mark.django_db

UPLOAD = """
mutation Upload($id: ID!, $file: Upload!) {
  artworkUpload(id: $id, file: $file) {
    version { number originalName printCheck { effectiveDpi resolution widthPx } thumbnailUrl }
    errors { field code message }
  }
}
"""
BATCH = """
mutation Batch($files: [Upload!]!, $dryRun: Boolean) {
  artworkBatchUpload(files: $files, dryRun: $dryRun) {
    results { fileName outcome message expectedName item { lineIndex } version { number }
              printCheck { effectiveDpi } }
    errors { field code message }
  }
}
"""


def multipart(
    client: Client,
    installation: Installation,
    query: str,
    variables: dict[str, Any],
    files: dict[str, tuple[str, bytes]],
    *,
    token: str | None,
) -> dict[str, Any]:
    """A GraphQL multipart request (operations + map + one part per file), as Saleor's API takes."""
    data: dict[str, Any] = {
        "operations": json.dumps({"query": query, "variables": variables}),
        "map": json.dumps({str(i): [path] for i, path in enumerate(files)}),
    }
    for i, (name, content) in enumerate(files.values()):
        data[str(i)] = SimpleUploadedFile(name, content)
    headers = {"saleor-api-url": installation.saleor_api_url}
    if token:
        headers["authorization-bearer"] = token
    return dict(client.post("/graphql/", data=data, headers=headers).json())


@pytest.fixture
def people(installation: Installation) -> dict[str, Any]:
    print_spec_set(
        installation=installation,
        product_type_slug="portrait",
        size=PrintSize(Decimal(1), Decimal(2), min_dpi=100, warn_dpi=300),
    )
    return team(installation)


def hold(item: ProductionItem, member: Any) -> None:
    Assignment.objects.create(
        installation_id=item.installation_id, item=item, staff=member, stage=Stage.ARTWORK
    )


def item_id(item: ProductionItem) -> str:
    return to_global_id("ProductionItem", str(item.pk))


@pytest.mark.parametrize(
    ("caller", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        (NO_ROLE, False),
        (PROCESSOR, False),
        (OTHER_ARTIST, False),
        (ARTIST, True),
        (MANAGER, True),
        (ADMIN, True),
    ],
)
def test_single_upload_authorization(
    client: Client,
    installation: Installation,
    people: dict[str, Any],
    make_item: MakeItem,
    media_root: Path,
    caller: str,
    allowed: bool,
) -> None:
    item = make_item()
    hold(item, people[ARTIST])
    tokens = {"anonymous": None, "customer": customer_token(installation)}
    token = tokens[caller] if caller in tokens else dashboard_token(installation, caller)

    answer = multipart(
        client,
        installation,
        UPLOAD,
        {"id": item_id(item), "file": None},
        {"variables.file": ("art.png", image_bytes("PNG", (200, 400)))},
        token=token,
    )

    if allowed:
        assert answer["data"]["artworkUpload"] == {
            "version": {
                "number": 1,
                "originalName": "art.png",
                "printCheck": {"effectiveDpi": 200.0, "resolution": "LOW", "widthPx": 200},
                "thumbnailUrl": None,
            },
            "errors": [],
        }
        assert ArtworkVersion.objects.count() == 1
    else:
        assert answer["data"]["artworkUpload"] is None
        assert answer["errors"][0]["extensions"]["code"] in {
            "UNAUTHENTICATED",
            "TOKEN_INVALID",
            "PERMISSION_DENIED",
        }
        assert ArtworkVersion.objects.count() == 0
        assert stored_files(media_root) == []
        assert TimelineEvent.objects.count() == 0


def test_a_refused_file_is_a_payload_error(
    client: Client,
    installation: Installation,
    people: dict[str, Any],
    make_item: MakeItem,
    media_root: Path,
) -> None:
    item = make_item()
    hold(item, people[ARTIST])

    answer = multipart(
        client,
        installation,
        UPLOAD,
        {"id": item_id(item), "file": None},
        {"variables.file": ("art.png", truncated(image_bytes("PNG", (300, 600))))},
        token=dashboard_token(installation, ARTIST),
    )

    assert answer["data"]["artworkUpload"] == {
        "version": None,
        "errors": [
            {"field": "file", "code": "FILE_INVALID", "message": "The image file is truncated"}
        ],
    }
    assert ArtworkVersion.objects.count() == 0 and stored_files(media_root) == []


def test_an_item_of_another_installation_is_not_found(
    client: Client,
    installation: Installation,
    other_installation: Installation,
    people: dict[str, Any],
    make_item: MakeItem,
) -> None:
    foreign = make_item(owner=other_installation)

    answer = multipart(
        client,
        installation,
        UPLOAD,
        {"id": item_id(foreign), "file": None},
        {"variables.file": ("art.png", image_bytes("PNG", (200, 400)))},
        token=dashboard_token(installation, ADMIN),
    )

    assert answer["data"]["artworkUpload"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "No such production item"}
    ]
    assert ArtworkVersion.objects.count() == 0


def test_batch_dry_run_then_real_run_report_every_file(
    client: Client,
    installation: Installation,
    people: dict[str, Any],
    make_item: MakeItem,
    media_root: Path,
) -> None:
    mine = make_item(line_index=1)
    other = make_item(line_index=2, options={})
    hold(mine, people[ARTIST])
    hold(other, people[OTHER_ARTIST])
    files = {
        "variables.files.0": (
            "1023 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images.png",
            image_bytes("PNG", (300, 600)),
        ),
        "variables.files.1": ("1023 - Yellow Portrait - 2.png", image_bytes("PNG", (300, 600))),
        "variables.files.2": ("1023 artwork.png", image_bytes("PNG", (300, 600))),
    }
    variables = {"files": [None, None, None]}
    token = dashboard_token(installation, ARTIST)

    dry = multipart(client, installation, BATCH, {**variables, "dryRun": True}, files, token=token)
    assert ArtworkVersion.objects.count() == 0 and stored_files(media_root) == []
    real = multipart(client, installation, BATCH, variables, files, token=token)

    expected = [
        {
            "fileName": "1023 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images.png",
            "outcome": "MATCHED",
            "message": "",
            "expectedName": "1023 - Yellow Portrait - 1, LivingRoom,Full",
            "item": {"lineIndex": 1},
            "printCheck": {"effectiveDpi": 300.0},
        },
        {
            "fileName": "1023 - Yellow Portrait - 2.png",
            "outcome": "NOT_ASSIGNED_TO_YOU",
            "message": "This item is not assigned to you",
            "expectedName": "",
            "item": {"lineIndex": 2},
            "printCheck": None,
        },
        {
            "fileName": "1023 artwork.png",
            "outcome": "NO_MATCH",
            "message": "The name does not start with '<order number> - <product> - <line>'",
            "expectedName": "",
            "item": None,
            "printCheck": None,
        },
    ]
    assert dry["data"]["artworkBatchUpload"]["results"] == [
        {**row, "version": None} for row in expected
    ]
    assert real["data"]["artworkBatchUpload"]["results"] == [
        {**row, "version": {"number": 1} if row["outcome"] == "MATCHED" else None}
        for row in expected
    ]
    assert list(ArtworkVersion.objects.values_list("item_id", flat=True)) == [mine.pk]


@pytest.mark.parametrize(
    ("caller", "allowed"),
    [
        (NO_ROLE, False),
        (PROCESSOR, False),
        (OTHER_ARTIST, False),
        (ARTIST, True),
        (FULFILLER, True),
        (MANAGER, True),
        (ADMIN, True),
    ],
)
def test_download_link_authorization(
    client: Client,
    installation: Installation,
    people: dict[str, Any],
    make_item: MakeItem,
    caller: str,
    allowed: bool,
) -> None:
    item = make_item()
    hold(item, people[ARTIST])
    upload = CustomerUpload.objects.create(
        installation=installation, item=item, file="uploads/ab/x.jpg"
    )
    query = "query($ref: String!) { customerUploadDownloadUrl(reference: $ref) }"

    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": {"ref": upload.reference}}),
        content_type="application/json",
        headers={
            "authorization-bearer": dashboard_token(installation, caller),
            "saleor-api-url": installation.saleor_api_url,
        },
    ).json()

    if allowed:
        assert response["data"]["customerUploadDownloadUrl"].startswith(
            "http://localhost:8000/api/files/"
        )
        assert "errors" not in response
    else:
        assert response["data"] is None
        assert response["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_the_file_name_to_use_is_shown_per_item(
    client: Client, installation: Installation, people: dict[str, Any], make_item: MakeItem
) -> None:
    item = make_item()
    response = client.post(
        "/graphql/",
        data=json.dumps(
            {
                "query": "query($id: ID!) { artworkFileName(itemId: $id) }",
                "variables": {"id": item_id(item)},
            }
        ),
        content_type="application/json",
        headers={
            "authorization-bearer": dashboard_token(installation, ARTIST),
            "saleor-api-url": installation.saleor_api_url,
        },
    ).json()
    assert response == {"data": {"artworkFileName": "1023 - Yellow Portrait - 1, LivingRoom,Full"}}


def test_an_items_photos_list_with_placeholders_in_a_fixed_number_of_queries(
    client: Client,
    installation: Installation,
    people: dict[str, Any],
    make_item: MakeItem,
    django_assert_num_queries: Any,
) -> None:
    item = make_item()
    first = CustomerUpload.objects.create(
        installation=installation, item=item, file="uploads/a.jpg", thumbnail="thumbnails/a.jpg"
    )
    for version in range(2, 6):
        first = CustomerUpload.objects.create(
            installation=installation,
            item=item,
            file=f"uploads/{version}.jpg",
            replaces=first,
            version=version,
        )
    query = """query($id: ID!) { customerUploads(itemId: $id) {
        reference version replaces status thumbnailUrl previewUrl } }"""
    body = json.dumps({"query": query, "variables": {"id": item_id(item)}})
    headers = {
        "authorization-bearer": dashboard_token(installation, PROCESSOR),
        "saleor-api-url": installation.saleor_api_url,
    }
    client.post("/graphql/", data=body, content_type="application/json", headers=headers)  # warm up

    # sign-in (one query), the item, the uploads with what they replace
    with django_assert_num_queries(3):
        response = client.post(
            "/graphql/", data=body, content_type="application/json", headers=headers
        )

    rows = response.json()["data"]["customerUploads"]
    assert [(r["version"], r["status"], r["previewUrl"]) for r in rows] == [
        (n, "ACCEPTED", None) for n in range(1, 6)
    ]
    assert rows[0]["thumbnailUrl"].startswith("http://localhost:8000/api/files/")
    assert [r["thumbnailUrl"] for r in rows[1:]] == [None] * 4
    assert [r["replaces"] for r in rows] == [None] + [r["reference"] for r in rows[:-1]]


def test_upload_and_submit_hands_the_item_on(
    client: Client, installation: Installation, people: dict[str, Any], make_item: MakeItem
) -> None:
    item = make_item()
    hold(item, people[ARTIST])
    query = """mutation($id: ID!, $file: Upload!) {
      artworkUpload(id: $id, file: $file, submit: true) {
        version { number } errors { code } } }"""

    answer = multipart(
        client,
        installation,
        query,
        {"id": item_id(item), "file": None},
        {"variables.file": ("art.png", image_bytes("PNG", (300, 600)))},
        token=dashboard_token(installation, ARTIST),
    )

    assert answer == {"data": {"artworkUpload": {"version": {"number": 1}, "errors": []}}}
    item.refresh_from_db()
    assert (item.stage, item.artist_user_id) == (Stage.ARTWORK_QC, ARTIST)
