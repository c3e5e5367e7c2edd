"""The thumbnail/preview task: computes only what is missing, marks broken files invalid for good."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from saleor_podops.artwork.derivatives import DerivativesOutcome, images_missing_derivatives
from saleor_podops.artwork.models import CustomerUpload, UploadStatus
from saleor_podops.artwork.tasks import generate_derivatives, generate_missing_derivatives
from saleor_podops.saleor.models import Installation

from .conftest import stored_files
from .images import image_bytes, jpeg_with_private_exif, noisy_jpeg, truncated

pytestmark = pytest.mark.django_db


def stored_upload(
    installation: Installation, data: bytes, name: str = "uploads/x/a.jpg"
) -> CustomerUpload:
    key = default_storage.save(name, ContentFile(data))
    return CustomerUpload.objects.create(installation=installation, file=key, size_bytes=len(data))


def test_the_task_makes_both_derivatives_once(installation: Installation, media_root: Path) -> None:
    upload = stored_upload(installation, jpeg_with_private_exif((2400, 1200), orientation=8))

    first = generate_derivatives.delay("upload", upload.pk).get()
    upload.refresh_from_db()
    files_after_first = stored_files(media_root)
    second = generate_derivatives.delay("upload", upload.pk).get()

    assert (first, second) == (DerivativesOutcome.MADE, DerivativesOutcome.NOTHING_MISSING)
    assert stored_files(media_root) == files_after_first
    assert len(files_after_first) == 3
    with default_storage.open(upload.preview.name) as preview:
        assert Image.open(preview).size == (800, 1600)
    with default_storage.open(upload.thumbnail.name) as thumbnail:
        assert Image.open(thumbnail).size == (160, 320)
    assert upload.status == UploadStatus.ACCEPTED


def test_only_the_missing_derivative_is_computed(
    installation: Installation, media_root: Path
) -> None:
    upload = stored_upload(installation, image_bytes("PNG", (500, 400)), name="uploads/x/a.png")
    generate_derivatives.delay("upload", upload.pk).get()
    upload.refresh_from_db()
    kept_preview = upload.preview.name
    default_storage.delete(upload.thumbnail.name)
    CustomerUpload.objects.filter(pk=upload.pk).update(thumbnail="")

    outcome = generate_derivatives.delay("upload", upload.pk).get()

    upload.refresh_from_db()
    assert outcome == DerivativesOutcome.MADE
    assert upload.preview.name == kept_preview
    assert upload.thumbnail.name.startswith("thumbnails/")
    assert len(stored_files(media_root)) == 3


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            truncated(noisy_jpeg((300, 200)), keep=0.5),
            "The image cannot be read: image file is truncated",
        ),
        (
            b"GIF89a not really",
            "The file is not an image of a supported type (HEIC, JPG, PNG, TIF, WEBP)",
        ),
    ],
)
def test_a_broken_file_is_marked_invalid_with_its_reason_and_not_retried(
    installation: Installation, media_root: Path, data: bytes, reason: str
) -> None:
    upload = stored_upload(installation, data)

    outcome = generate_derivatives.delay("upload", upload.pk).get()

    upload.refresh_from_db()
    assert outcome == DerivativesOutcome.MARKED_INVALID
    assert (upload.status, upload.thumbnail.name, upload.preview.name) == (
        UploadStatus.INVALID,
        "",
        "",
    )
    assert upload.invalid_reason.startswith(reason)
    assert stored_files(media_root) == [upload.file.name]
    # an invalid image is never picked up again
    assert images_missing_derivatives() == []
    assert (
        generate_derivatives.delay("upload", upload.pk).get() == DerivativesOutcome.NOTHING_MISSING
    )


def test_a_missing_original_is_marked_invalid(installation: Installation) -> None:
    upload = CustomerUpload.objects.create(installation=installation, file="uploads/x/gone.jpg")

    assert (
        generate_derivatives.delay("upload", upload.pk).get() == DerivativesOutcome.MARKED_INVALID
    )
    upload.refresh_from_db()
    assert upload.invalid_reason == "The original file is missing from storage"


def test_a_deleted_row_is_nothing_to_do() -> None:
    assert generate_derivatives.delay("upload", 999_999).get() == DerivativesOutcome.GONE


def test_the_safety_net_finds_images_without_derivatives(installation: Installation) -> None:
    waiting = stored_upload(installation, image_bytes())
    CustomerUpload.objects.create(installation=installation, file="", size_bytes=0)  # no file yet

    assert images_missing_derivatives() == [("upload", waiting.pk)]
    assert generate_missing_derivatives.delay().get() == 1
    assert images_missing_derivatives() == []
