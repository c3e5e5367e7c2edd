"""Signed, expiring download links for originals; who may have one; no public media path."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from saleor_podops.artwork.downloads import (
    DownloadViewer,
    original_download_name,
    originals_access_refusal,
    signed_download_url,
)
from saleor_podops.artwork.error_codes import ArtworkErrorCode

ARTIST = "VXNlcjox"


@pytest.mark.parametrize(
    ("roles", "user_id", "assignee", "allowed"),
    [
        (frozenset(), "", None, False),  # nobody (no PodOps role)
        (frozenset({"ARTIST"}), ARTIST, ARTIST, True),  # the assigned artist
        (frozenset({"ARTIST"}), "VXNlcjoy", ARTIST, False),  # another artist
        (frozenset({"ARTIST"}), ARTIST, None, False),  # an artist, item held by nobody
        (frozenset({"IMAGE_PROCESSOR"}), ARTIST, ARTIST, False),
        (frozenset({"ART_QC"}), "VXNlcjoz", ARTIST, False),
        (frozenset({"MANAGER"}), "VXNlcjo0", ARTIST, True),
        (frozenset({"ADMIN"}), "VXNlcjo1", None, True),
        (frozenset({"FULFILLER"}), "VXNlcjo2", None, True),
    ],
    ids=[
        "no-role",
        "assigned-artist",
        "other-artist",
        "unheld",
        "image-processor",
        "qc",
        "manager",
        "admin",
        "fulfiller",
    ],
)
def test_who_may_download_originals(
    roles: frozenset[str], user_id: str, assignee: str | None, allowed: bool
) -> None:
    refusal = originals_access_refusal(
        viewer=DownloadViewer(user_id=user_id, roles=roles), assignee_user_id=assignee
    )
    assert (refusal is None) == allowed
    if refusal is not None:
        assert (refusal.code, refusal.message) == (
            ArtworkErrorCode.DOWNLOAD_NOT_ALLOWED,
            "You may not download this file",
        )


def test_a_signed_link_serves_the_file_until_it_expires(client: Client, settings: object) -> None:
    key = default_storage.save("uploads/ab/randomkey.jpg", ContentFile(b"original bytes"))
    url = signed_download_url(
        key=key,
        download_name=original_download_name(
            stem="1023 - Mug - 1", label="Uploaded Images", extension="jpg"
        ),
        expires_in=600,
    )
    path = url.removeprefix("http://localhost:8000")
    assert path.startswith("/api/files/") and "randomkey" not in path

    response = client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"original bytes"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="1023 - Mug - 1 - Uploaded Images.jpg"'
    )
    assert response["Cache-Control"] == "private, no-store"

    with time_machine.travel(timezone.now() + timedelta(seconds=601)):
        expired = client.get(path)
    assert expired.status_code == 403
    assert expired.json() == {
        "error": {"code": "DOWNLOAD_LINK_EXPIRED", "message": "The download link has expired"}
    }


def test_a_tampered_or_foreign_link_is_refused(client: Client) -> None:
    key = default_storage.save("uploads/ab/secret.jpg", ContentFile(b"x"))
    path = signed_download_url(key=key, download_name="a.jpg").removeprefix("http://localhost:8000")
    token = path.removeprefix("/api/files/")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    for bad in (tampered, "not-a-token", token.replace(":", ".", 1)):
        response = client.get(f"/api/files/{bad}")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "DOWNLOAD_LINK_INVALID"


def test_media_is_not_served_on_a_public_path(client: Client) -> None:
    key = default_storage.save("uploads/ab/public.jpg", ContentFile(b"x"))
    assert client.get(f"/media/{key}").status_code == 404
    assert client.get(f"/{key}").status_code == 404
