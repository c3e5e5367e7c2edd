"""The storefront upload endpoints: sessions, customer tokens, every refusal leaving nothing behind."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from saleor_podops.artwork.imaging import HEIF_SUPPORTED, PrintSize
from saleor_podops.artwork.models import CustomerUpload, UploadSession
from saleor_podops.artwork.print_specs import print_spec_set
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation

from ..saleor.test_tokens import customer_claims, dashboard_claims
from ..saleor_stub import SaleorStub
from .conftest import MakeItem, stored_files
from .images import image_bytes, noisy_jpeg, png_bomb, truncated

pytestmark = pytest.mark.django_db


def new_session(client: Client, installation: Installation, **data: str) -> dict[str, Any]:
    response = client.post(
        "/api/uploads/sessions", data=data, headers={"Saleor-Api-Url": installation.saleor_api_url}
    )
    assert response.status_code == 201, response.content
    return response.json()


def upload(
    client: Client,
    installation: Installation,
    data: bytes,
    *,
    name: str = "photo.jpg",
    token: str | None = None,
    bearer: str | None = None,
    **fields: str,
) -> Any:
    headers = {"Saleor-Api-Url": installation.saleor_api_url}
    if token:
        headers["Podops-Upload-Session"] = token
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    return client.post(
        "/api/uploads",
        data={"file": SimpleUploadedFile(name, data), **fields},
        headers=headers,
    )


def test_a_session_upload_streams_the_photo_to_storage_under_a_random_key(
    client: Client,
    installation: Installation,
    media_root: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    session = new_session(client, installation)
    photo = image_bytes("JPEG", (120, 80))

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(
            client, installation, photo, name="Anna Smith holiday.jpg", token=session["token"]
        )

    # then
    assert response.status_code == 201
    body = response.json()
    stored = CustomerUpload.objects.get()
    assert body == {
        "reference": stored.reference,
        "version": 1,
        "replaces": None,
        "width": 120,
        "height": 80,
        "contentType": "image/jpeg",
        "warnings": [],
    }
    assert stored.reference.startswith("upl_")
    assert (stored.size_bytes, stored.image_format, stored.original_name) == (
        len(photo),
        "JPEG",
        "Anna Smith holiday.jpg",
    )
    assert "anna" not in stored.file.name.lower() and stored.file.name.startswith("uploads/")
    assert (media_root / stored.file.name).read_bytes() == photo
    # the derivative task ran on commit
    assert len(callbacks) == 1
    assert stored.thumbnail.name.startswith("thumbnails/") and stored.preview.name.startswith(
        "previews/"
    )
    assert len(stored_files(media_root)) == 3
    live = UploadSession.objects.get()
    assert (live.files_used, live.bytes_used) == (1, len(photo))
    assert session["maxFiles"] == 20 and session["token"].startswith("ups_")


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("JPEG", "image/jpeg", "jpg"),
        ("PNG", "image/png", "png"),
        ("WEBP", "image/webp", "webp"),
        ("TIFF", "image/tiff", "tif"),
        pytest.param(
            "HEIF",
            "image/heic",
            "heic",
            marks=pytest.mark.skipif(not HEIF_SUPPORTED, reason="pillow-heif is not installed"),
        ),
    ],
)
def test_every_accepted_format_is_stored_by_its_content(
    client: Client,
    installation: Installation,
    media_root: Path,
    fmt: str,
    content_type: str,
    extension: str,
) -> None:
    session = new_session(client, installation)

    response = upload(
        client, installation, image_bytes(fmt, (70, 50)), name="upload", token=session["token"]
    )

    assert response.status_code == 201
    assert (response.json()["contentType"], response.json()["width"]) == (content_type, 70)
    stored = CustomerUpload.objects.get()
    assert stored.image_format == fmt
    assert stored.file.name.endswith(f".{extension}")
    assert stored_files(media_root) == [stored.file.name]


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("photo.jpg", b"%PDF-1.4 not a photo", 415, "UNSUPPORTED_TYPE"),
        ("photo.jpg", image_bytes("GIF", (40, 40)), 415, "UNSUPPORTED_TYPE"),
        ("photo.jpg", truncated(noisy_jpeg((300, 200))), 400, "TRUNCATED"),
        ("photo.png", png_bomb(), 413, "TOO_MANY_PIXELS"),
        ("photo.jpg", b"", 400, "EMPTY_FILE"),
    ],
    ids=["pdf-named-jpg", "gif", "truncated", "bomb", "empty"],
)
def test_refused_photos_leave_nothing_behind(
    client: Client,
    installation: Installation,
    media_root: Path,
    name: str,
    data: bytes,
    status: int,
    code: str,
) -> None:
    session = new_session(client, installation)

    response = upload(client, installation, data, name=name, token=session["token"])

    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert CustomerUpload.objects.count() == 0
    assert stored_files(media_root) == []
    assert UploadSession.objects.values_list("files_used", "bytes_used").get() == (0, 0)


def test_a_photo_too_small_for_the_print_is_refused_and_a_low_one_warned(
    client: Client, installation: Installation, media_root: Path
) -> None:
    print_spec_set(
        installation=installation,
        product_type_slug="poster",
        size=PrintSize(Decimal(2), Decimal(3), min_dpi=50, warn_dpi=100),
    )
    session = new_session(client, installation, productType="poster")

    def png(size: tuple[int, int]) -> bytes:
        return image_bytes("PNG", size)

    too_small = upload(client, installation, png((99, 150)), name="a.png", token=session["token"])
    low = upload(client, installation, png((150, 100)), name="b.png", token=session["token"])
    fine = upload(
        client,
        installation,
        png((200, 300)),
        name="c.png",
        token=session["token"],
        productType="poster",
    )

    assert too_small.status_code == 400
    assert too_small.json() == {
        "error": {
            "code": "IMAGE_TOO_SMALL",
            "message": "The photo has 99 x 150 pixels; "
            "a 2.00 x 3.00 in print needs 100 x 150 pixels (50 DPI)",
        }
    }
    assert low.status_code == 201
    assert low.json()["warnings"] == [
        {
            "code": "LOW_RESOLUTION",
            "message": "The photo has 150 x 100 pixels; "
            "a 2.00 x 3.00 in print needs 200 x 300 pixels (100 DPI)",
        }
    ]
    assert fine.json()["warnings"] == []
    assert CustomerUpload.objects.count() == 2
    assert UploadSession.objects.values_list("files_used", flat=True).get() == 2


def test_a_type_behind_another_extension_is_accepted_by_content_with_a_warning(
    client: Client, installation: Installation
) -> None:
    session = new_session(client, installation)

    response = upload(
        client, installation, image_bytes("PNG"), name="photo.jpg", token=session["token"]
    )

    assert response.status_code == 201
    assert response.json()["contentType"] == "image/png"
    assert response.json()["warnings"] == [
        {
            "code": "EXTENSION_MISMATCH",
            "message": "The file is named photo.jpg but contains a PNG image",
        }
    ]
    assert CustomerUpload.objects.get().file.name.endswith(".png")


def test_a_file_over_the_byte_limit_is_stopped_while_streaming(
    client: Client, installation: Installation, media_root: Path, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 2000
    session = new_session(client, installation)

    response = upload(client, installation, noisy_jpeg((300, 300)), token=session["token"])

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "FILE_TOO_LARGE"
    assert CustomerUpload.objects.count() == 0 and stored_files(media_root) == []


def test_the_session_budget_and_file_count_are_enforced(
    client: Client, installation: Installation, media_root: Path, settings: Any
) -> None:
    photo = image_bytes("PNG", (50, 50))
    settings.UPLOAD_SESSION_MAX_FILES = 2
    session = new_session(client, installation)
    assert upload(client, installation, photo, token=session["token"]).status_code == 201
    assert upload(client, installation, photo, token=session["token"]).status_code == 201

    third = upload(client, installation, photo, token=session["token"])

    assert third.status_code == 400
    assert third.json()["error"] == {
        "code": "SESSION_FILE_LIMIT",
        "message": "This upload session accepts at most 2 files",
    }
    assert CustomerUpload.objects.count() == 2
    assert len(stored_files(media_root)) == 2

    settings.UPLOAD_SESSION_MAX_FILES = 20
    settings.UPLOAD_SESSION_MAX_BYTES = len(photo) + 10
    small = new_session(client, installation)
    assert upload(client, installation, photo, token=small["token"]).status_code == 201
    over = upload(client, installation, photo, token=small["token"])
    assert over.status_code == 413
    assert over.json()["error"]["code"] == "SESSION_BUDGET_EXCEEDED"
    assert UploadSession.objects.get(max_bytes=len(photo) + 10).files_used == 1


def test_sessions_expire_and_belong_to_their_installation(
    client: Client, installation: Installation, other_installation: Installation
) -> None:
    session = new_session(client, installation)

    foreign = upload(client, other_installation, image_bytes(), token=session["token"])
    forged = upload(client, installation, image_bytes(), token="ups_not-a-real-token")
    missing = upload(client, installation, image_bytes())
    with time_machine.travel(UploadSession.objects.get().expires_at, tick=False):
        expired = upload(client, installation, image_bytes(), token=session["token"])

    assert [r.status_code for r in (foreign, forged, missing, expired)] == [401, 401, 401, 401]
    assert [r.json()["error"]["code"] for r in (foreign, forged, missing, expired)] == [
        "SESSION_INVALID",
        "SESSION_INVALID",
        "AUTHENTICATION_REQUIRED",
        "SESSION_EXPIRED",
    ]
    assert CustomerUpload.objects.count() == 0


def test_an_unknown_saleor_is_refused(client: Client, installation: Installation) -> None:
    response = client.post(
        "/api/uploads/sessions", headers={"Saleor-Api-Url": "https://unknown.example.com/graphql/"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNKNOWN_INSTALLATION"
    assert UploadSession.objects.count() == 0


def test_a_customer_token_uploads_without_a_session(
    client: Client, installation: Installation, saleor: SaleorStub
) -> None:
    token = saleor.key.sign_token(customer_claims(installation))

    response = upload(client, installation, image_bytes(), bearer=token)

    assert response.status_code == 201
    assert CustomerUpload.objects.get().customer_user_id == "VXNlcjo2"
    assert CustomerUpload.objects.get().session is None


@pytest.mark.parametrize(
    ("kind", "code"),
    [("dashboard", "INVALID_TOKEN"), ("expired", "TOKEN_EXPIRED"), ("garbage", "INVALID_TOKEN")],
)
def test_other_tokens_are_refused(
    client: Client, installation: Installation, saleor: SaleorStub, kind: str, code: str
) -> None:
    tokens = {
        "dashboard": lambda: saleor.key.sign_token(dashboard_claims(installation)),
        "expired": lambda: saleor.key.sign_token(customer_claims(installation, exp=1_000_000)),
        "garbage": lambda: "not.a.jwt",
    }

    response = upload(client, installation, image_bytes(), bearer=tokens[kind]())

    assert response.status_code == 401
    assert response.json()["error"]["code"] == code
    assert CustomerUpload.objects.count() == 0


def test_sessions_and_uploads_are_rate_limited(
    client: Client, installation: Installation, settings: Any
) -> None:
    settings.UPLOAD_SESSION_RATE_PER_IP = "2/m"
    settings.UPLOAD_RATE_PER_CALLER = "1/m"
    # Frozen clock: the limits count per time window, which must not roll over mid-test.
    with time_machine.travel(timezone.now(), tick=False):
        session = new_session(client, installation)
        new_session(client, installation)

        third_session = client.post(
            "/api/uploads/sessions", headers={"Saleor-Api-Url": installation.saleor_api_url}
        )
        first = upload(client, installation, image_bytes(), token=session["token"])
        second = upload(client, installation, image_bytes(), token=session["token"])

    assert third_session.status_code == 429
    assert third_session.json()["error"]["code"] == "RATE_LIMITED"
    assert (first.status_code, second.status_code) == (201, 429)
    assert UploadSession.objects.count() == 2
    assert CustomerUpload.objects.count() == 1


def test_behind_a_trusted_proxy_each_client_has_its_own_session_limit(
    client: Client, installation: Installation, settings: Any
) -> None:
    settings.UPLOAD_SESSION_RATE_PER_IP = "1/m"
    settings.TRUSTED_PROXY_COUNT = 1

    def session_for(forwarded_for: str) -> int:
        return client.post(
            "/api/uploads/sessions",
            headers={"Saleor-Api-Url": installation.saleor_api_url},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).status_code

    with time_machine.travel(timezone.now(), tick=False):
        answers = [
            session_for("203.0.113.9"),
            session_for("198.51.100.7"),
            # a client forging its own entry in front is still counted as itself
            session_for("192.0.2.1, 203.0.113.9"),
        ]

    assert answers == [201, 201, 429]
    assert sorted(UploadSession.objects.values_list("client_ip", flat=True)) == [
        "198.51.100.7",
        "203.0.113.9",
    ]


def test_a_replacement_is_a_new_version_and_nothing_is_overwritten(
    client: Client,
    installation: Installation,
    saleor: SaleorStub,
    make_item: MakeItem,
    media_root: Path,
) -> None:
    # given a customer's photo linked to their order's item
    item = make_item(customer_user_id="VXNlcjo2")
    token = saleor.key.sign_token(customer_claims(installation))
    first = upload(client, installation, image_bytes(colour=(1, 2, 3)), bearer=token).json()
    CustomerUpload.objects.filter(reference=first["reference"]).update(item=item)
    original_file = CustomerUpload.objects.get().file.name

    # when they replace it
    response = upload(
        client,
        installation,
        image_bytes("PNG", (90, 90)),
        bearer=token,
        replaces=first["reference"],
    )

    # then
    assert response.status_code == 201
    assert (response.json()["version"], response.json()["replaces"]) == (2, first["reference"])
    old, new = CustomerUpload.objects.order_by("version")
    assert (old.file.name, old.version, old.item_id) == (original_file, 1, item.pk)
    assert (new.replaces_id, new.item_id, new.version) == (old.pk, item.pk, 2)
    assert (media_root / original_file).exists()
    assert item.events.get().reason_code == "UPLOAD_REPLACED"

    # and the old version cannot be replaced a second time
    again = upload(client, installation, image_bytes(), bearer=token, replaces=first["reference"])
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "UPLOAD_ALREADY_REPLACED"
    assert CustomerUpload.objects.count() == 2
    assert len(stored_files(media_root)) == 2


def test_only_the_owner_may_replace_a_photo(
    client: Client, installation: Installation, saleor: SaleorStub
) -> None:
    session = new_session(client, installation)
    other_session = new_session(client, installation)
    reference = upload(client, installation, image_bytes(), token=session["token"]).json()[
        "reference"
    ]
    stranger = saleor.key.sign_token(customer_claims(installation, user_id="VXNlcjo5"))

    by_session = upload(
        client, installation, image_bytes(), token=other_session["token"], replaces=reference
    )
    by_customer = upload(client, installation, image_bytes(), bearer=stranger, replaces=reference)
    unknown = upload(
        client, installation, image_bytes(), token=session["token"], replaces="upl_nope1234"
    )

    for response in (by_session, by_customer, unknown):
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "UPLOAD_NOT_FOUND"
    assert CustomerUpload.objects.count() == 1
    assert (
        upload(
            client, installation, image_bytes(), token=session["token"], replaces=reference
        ).status_code
        == 201
    )


def test_a_replacement_for_an_item_awaiting_the_customer_leaves_the_move_to_approvals(
    client: Client, installation: Installation, saleor: SaleorStub, make_item: MakeItem
) -> None:
    # given the customer's photo was rejected and the item waits for them
    item = make_item(customer_user_id="VXNlcjo2", stage=Stage.AWAITING_CUSTOMER)
    token = saleor.key.sign_token(customer_claims(installation))
    first = upload(client, installation, image_bytes(), bearer=token).json()["reference"]
    CustomerUpload.objects.filter(reference=first).update(item=item)

    # when they upload a new version of it
    response = upload(
        client, installation, image_bytes("PNG"), name="new.png", bearer=token, replaces=first
    )

    # then it is the item's newest photo, and the item waits for the approvals' photo replacement
    assert response.status_code == 201
    new = CustomerUpload.objects.get(reference=response.json()["reference"])
    assert (new.item_id, new.version, new.replaces.reference) == (item.pk, 2, first)
    item.refresh_from_db()
    assert item.stage == Stage.AWAITING_CUSTOMER
    assert list(item.events.values_list("type", "reason_code")) == [
        ("FILE_ADDED", "UPLOAD_REPLACED")
    ]
