"""Photos of abandoned checkouts and expired upload sessions are deleted; claimed photos stay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from saleor_podops.artwork.models import CustomerUpload, UploadSession
from saleor_podops.artwork.retention import expired_sessions_delete, retention_sweep
from saleor_podops.artwork.uploads import uploads_claim_for_item
from saleor_podops.saleor.models import Installation

from .conftest import MakeItem, stored_files
from .images import image_bytes
from .test_uploads_http import new_session, upload

pytestmark = pytest.mark.django_db


def _uploaded(
    client: Client, installation: Installation, capture: Callable[..., Any], token: str
) -> CustomerUpload:
    with capture(execute=True):  # the derivatives are made too
        reference = upload(client, installation, image_bytes(), token=token).json()["reference"]
    return CustomerUpload.objects.get(reference=reference)


def _age(upload: CustomerUpload, days: int) -> None:
    CustomerUpload.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_old_unclaimed_photos_are_deleted_with_their_files_and_claimed_ones_stay(
    client: Client,
    installation: Installation,
    make_item: MakeItem,
    media_root: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    token = new_session(client, installation)["token"]
    abandoned = _uploaded(client, installation, django_capture_on_commit_callbacks, token)
    claimed = _uploaded(client, installation, django_capture_on_commit_callbacks, token)
    recent = _uploaded(client, installation, django_capture_on_commit_callbacks, token)
    assert abandoned.thumbnail and abandoned.preview
    with transaction.atomic():
        uploads_claim_for_item(item=make_item(stage="IMAGE_REVIEW"), references=[claimed.reference])
    _age(abandoned, 31)
    _age(claimed, 31)
    _age(recent, 29)
    abandoned_files = {abandoned.file.name, abandoned.thumbnail.name, abandoned.preview.name}
    assert abandoned_files <= set(stored_files(media_root))

    with django_capture_on_commit_callbacks(execute=True):
        result = retention_sweep()

    assert result.uploads_deleted == 1
    assert set(CustomerUpload.objects.values_list("pk", flat=True)) == {claimed.pk, recent.pk}
    left = set(stored_files(media_root))
    assert not abandoned_files & left
    assert claimed.file.name in left and recent.file.name in left


def test_upload_sessions_go_a_day_after_they_expire_and_their_uploads_stay(
    client: Client,
    installation: Installation,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    token = new_session(client, installation)["token"]
    photo = _uploaded(client, installation, django_capture_on_commit_callbacks, token)
    new_session(client, installation)  # a live one stays
    UploadSession.objects.exclude(uploads=None).update(
        expires_at=timezone.now() - timedelta(days=2)
    )

    assert expired_sessions_delete() == 1

    assert UploadSession.objects.count() == 1
    photo.refresh_from_db()
    assert photo.session_id is None
