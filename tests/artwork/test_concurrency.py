"""Upload sessions and artwork versions under real concurrent transactions on PostgreSQL: the byte
budget and file limit are never overrun, version numbers never collide. (SQLite serialises writers:
skipped elsewhere.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from saleor_podops.artwork.error_codes import ArtworkError
from saleor_podops.artwork.incoming import IncomingFile
from saleor_podops.artwork.models import ArtworkVersion, CustomerUpload, UploadSession
from saleor_podops.artwork.sessions import upload_session_create
from saleor_podops.artwork.uploads import customer_upload_create
from saleor_podops.artwork.versions import artwork_version_create
from saleor_podops.saleor.models import Installation

from ..staff.test_assignment_concurrency import run_concurrently
from .conftest import MakeItem, stored_files
from .images import image_bytes
from .test_versions import uploader

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL"
    ),
]

WORKERS = 8


def test_concurrent_uploads_never_overrun_the_session(
    installation: Installation, tmp_path: Path, media_root: Path, settings: Any
) -> None:
    # given a session with room for 3 files, and 8 photos arriving at the same moment
    settings.UPLOAD_SESSION_MAX_FILES = 3
    session = upload_session_create(installation=installation, client_ip=None).session
    photos = []
    for n in range(WORKERS):
        path = tmp_path / f"p{n}.png"
        path.write_bytes(image_bytes("PNG", (40 + n, 40)))
        photos.append(IncomingFile.from_path(path))
    refusals: list[str] = []

    def send(photo: IncomingFile) -> None:
        try:
            customer_upload_create(installation=installation, incoming=photo, session=session)
        except ArtworkError as exc:
            refusals.append(exc.code.value)

    # when
    failures = run_concurrently([lambda p=photo: send(p) for photo in photos])

    # then exactly 3 are kept, the rest refused, and no refused file stays in storage
    assert failures == []
    assert sorted(refusals) == ["SESSION_FILE_LIMIT"] * 5
    assert CustomerUpload.objects.count() == 3
    assert UploadSession.objects.values_list("files_used", flat=True).get() == 3
    originals = [name for name in stored_files(media_root) if name.startswith("uploads/")]
    assert originals == sorted(
        str(name) for name in CustomerUpload.objects.values_list("file", flat=True)
    )


def test_concurrent_artwork_uploads_get_distinct_version_numbers(
    make_item: MakeItem, tmp_path: Path
) -> None:
    item = make_item()
    files = []
    for n in range(WORKERS):
        path = tmp_path / f"a{n}.png"
        path.write_bytes(image_bytes("PNG", (50 + n, 50)))
        files.append(IncomingFile.from_path(path))
    manager = uploader("manager", manager=True)

    failures = run_concurrently(
        [
            lambda f=file: artwork_version_create(item=item, incoming=f, uploader=manager)
            for file in files
        ]
    )

    assert failures == []
    assert sorted(ArtworkVersion.objects.values_list("number", flat=True)) == list(
        range(1, WORKERS + 1)
    )
