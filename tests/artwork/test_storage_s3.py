"""The real django-storages S3 backend against an S3-compatible server (moto in server mode) on
127.0.0.1: uploads, derivatives and presigned downloads go through real HTTP."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from saleor_podops.artwork.downloads import signed_download_url
from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.saleor.models import Installation

from .images import image_bytes, png_bomb
from .test_uploads_http import new_session, upload

moto_server = pytest.importorskip("moto.server")

pytestmark = pytest.mark.django_db

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(settings: Any, s3_endpoint: str) -> Any:
    name = f"podops-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "default_acl": "private",
                "querystring_auth": True,
                "signature_version": "s3v4",
                "file_overwrite": False,
            },
        },
    }
    bucket = boto3.resource(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS
    ).Bucket(name)
    return bucket


def keys(bucket: Any) -> list[str]:
    return sorted(obj.key for obj in bucket.objects.all())


def test_the_storage_in_use_is_the_real_s3_backend(bucket: Any) -> None:
    assert default_storage.bucket_name == bucket.name
    assert type(default_storage._wrapped).__module__ == "storages.backends.s3"


def test_an_upload_lands_in_the_bucket_with_its_derivatives(
    client: Client,
    installation: Installation,
    bucket: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    photo = image_bytes("JPEG", (400, 300))
    session = new_session(client, installation)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, installation, photo, name="Jane Doe.jpg", token=session["token"])

    assert response.status_code == 201
    stored = CustomerUpload.objects.get()
    assert keys(bucket) == sorted([stored.file.name, stored.thumbnail.name, stored.preview.name])
    assert bucket.Object(stored.file.name).get()["Body"].read() == photo
    assert bucket.Object(stored.file.name).content_type == "image/jpeg"
    assert all("jane" not in key.lower() for key in keys(bucket))


def test_a_refused_upload_leaves_the_bucket_empty(
    client: Client, installation: Installation, bucket: Any
) -> None:
    session = new_session(client, installation)

    response = upload(client, installation, png_bomb(), name="a.png", token=session["token"])

    assert response.status_code == 413
    assert keys(bucket) == []
    assert CustomerUpload.objects.count() == 0


def test_originals_are_private_and_downloaded_through_presigned_links(
    bucket: Any, s3_endpoint: str
) -> None:
    key = default_storage.save("uploads/ab/original.jpg", ContentFile(b"pixels"))

    url = signed_download_url(key=key, download_name="1023 - Mug - 1.jpg", expires_in=120)

    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{s3_endpoint}/{bucket.name}/uploads/ab/original.jpg?")
    assert query["X-Amz-Expires"] == ["120"]
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"pixels"
        assert response.headers["Content-Disposition"] == (
            "attachment; filename*=UTF-8''1023%20-%20Mug%20-%201.jpg"
        )
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{s3_endpoint}/{bucket.name}/{key}", timeout=10)
    assert anonymous.value.code == 403
