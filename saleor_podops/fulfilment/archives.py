"""The manual partner's archive: one zip per batch (or per reprint job) with the approved artwork
files and ``print-metadata.json``, streamed. Links to it are signed and expire."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings as django_settings
from django.core import signing
from django.core.files.storage import default_storage
from django.utils import timezone

from saleor_podops.partners.manual import ArchiveFile, archive_stream

from .jobs import approved_versions, artwork_file_name, job_lines, print_metadata
from .models import Batch, BatchEntry, BatchStatus, JobLine, PartnerJob

_SALT = "podops.fulfilment.archive"


@dataclass(frozen=True)
class Archive:
    file_name: str
    chunks: Iterator[bytes]


def _lines_of_batch(batch: Batch) -> list[JobLine]:
    if batch.status == BatchStatus.SENT:
        return [
            line
            for job in batch.jobs.filter(reprint_of__isnull=True).order_by("id")
            for line in job_lines(job)
        ]
    items = [
        entry.item
        for entry in BatchEntry.objects.select_related("item__order").filter(
            batch=batch, removed_at__isnull=True
        )
    ]
    versions = approved_versions(items)
    return [
        JobLine(item=item, artwork_version=versions.get(item.pk), quantity=item.quantity)
        for item in items
    ]


def _opener(key: str) -> Callable[[], IO[bytes]]:
    return lambda: default_storage.open(key, "rb")


def _archive(name: str, header: dict[str, Any], lines: list[JobLine]) -> Archive:
    files = [
        ArchiveFile(
            name=f"artwork/{artwork_file_name(line)}",
            open=_opener(line.artwork_version.file.name or ""),
        )
        for line in lines
        if line.artwork_version is not None
    ]
    metadata = {
        **header,
        "generated_at": timezone.now().isoformat(),
        "items": [print_metadata(line) for line in lines],
    }
    return Archive(file_name=name, chunks=archive_stream(files, metadata))


def batch_archive(batch: Batch) -> Archive:
    lines = _lines_of_batch(batch)
    header = {"batch": batch.pk, "partner": batch.partner.name, "status": batch.status}
    return _archive(f"podops-batch-{batch.pk}.zip", header, lines)


def job_archive(job: PartnerJob) -> Archive:
    header = {
        "job": job.pk,
        "partner": job.partner.name,
        "order_number": job.order.number,
        "reprint_of_job": job.reprint_of_id,
    }
    return _archive(f"podops-job-{job.pk}.zip", header, job_lines(job))


def archive_link_token(*, batch_id: int | None = None, job_id: int | None = None) -> str:
    return signing.dumps({"b": batch_id, "j": job_id}, salt=_SALT)


def archive_link_read(token: str) -> tuple[int | None, int | None]:
    """(batch id, job id) of a valid, unexpired link; raises ``signing.BadSignature``."""
    payload = signing.loads(token, salt=_SALT, max_age=django_settings.DOWNLOAD_LINK_TTL_SECONDS)
    return payload.get("b"), payload.get("j")
