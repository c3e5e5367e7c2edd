"""What PodOps does not keep: photos uploaded for a checkout that never became an order, and upload
sessions past their expiry.

A storefront uploads a customer's photo before checkout; order intake claims it for a production item.
A photo still unclaimed after ``UNCLAIMED_UPLOAD_RETENTION_DAYS`` belongs to an abandoned checkout: its
row is deleted and its files (original and derivatives) are removed from storage after the commit. An
order paid after that finds the reference gone and records an UPLOAD_NOT_FOUND problem on its item, as
for any unknown reference. Claimed photos are kept with their orders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from .models import CustomerUpload, UploadSession

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


@dataclass(frozen=True)
class RetentionResult:
    uploads_deleted: int
    sessions_deleted: int


def _remove_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # storage trouble must not undo the sweep; the file is only orphaned
            logger.exception("Could not delete %s from storage", name)


def unclaimed_uploads_delete(*, older_than: timedelta | None = None) -> int:
    """Delete customer photos never claimed by an order, older than the retention period."""
    if older_than is None:
        older_than = timedelta(days=settings.UNCLAIMED_UPLOAD_RETENTION_DAYS)
    cutoff = timezone.now() - older_than
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(
                # of=("self",): PostgreSQL cannot lock the nullable side of the replaced_by join.
                CustomerUpload.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    item__isnull=True,
                    replaces__isnull=True,
                    replaced_by__isnull=True,
                    created_at__lt=cutoff,
                )
                .order_by("pk")[:BATCH_SIZE]
            )
            if not batch:
                return deleted
            files = [
                str(field.name)
                for upload in batch
                for field in (upload.file, upload.thumbnail, upload.preview)
                if field
            ]
            # Locked rows: an order claiming one of them now waits, then finds it gone (skip_locked
            # leaves the ones a claim holds for a later sweep).
            count, _ = CustomerUpload.objects.filter(
                pk__in=[upload.pk for upload in batch]
            ).delete()
            transaction.on_commit(partial(_remove_files, files))
        deleted += count
        if len(batch) < BATCH_SIZE:
            return deleted


def expired_sessions_delete(*, grace: timedelta = timedelta(days=1)) -> int:
    """Delete upload sessions expired for longer than ``grace`` (their uploads stay)."""
    count, _ = UploadSession.objects.filter(expires_at__lt=timezone.now() - grace).delete()
    return count


def retention_sweep() -> RetentionResult:
    return RetentionResult(
        uploads_deleted=unclaimed_uploads_delete(), sessions_deleted=expired_sessions_delete()
    )
