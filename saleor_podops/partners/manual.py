"""The manual partner (the PodOps way): a fulfiller downloads one archive per batch (the approved
artwork files and a ``print-metadata.json``), hands it to the print shop and marks the batch sent.
Progress (printed, shipped with tracking) is recorded by the fulfiller, not by webhooks."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from .interface import JobRequest, StatusUpdate, SubmitResult, WebhookRejected

CHUNK_BYTES = 256 * 1024


class ManualPartner:
    can_cancel = False  # a person tells the print shop

    def submit_job(self, job: JobRequest) -> SubmitResult:
        """Nothing to call: the fulfiller carries the archive. The job's id is ours."""
        return SubmitResult(external_id=f"manual-{job.idempotency_key}")

    def cancel_job(self, external_id: str) -> None:
        """Nothing to call: the fulfiller tells the print shop."""

    def parse_status_webhook(
        self, headers: Mapping[str, str], body: bytes, *, path_token: str = ""
    ) -> list[StatusUpdate]:
        raise WebhookRejected(400, "NO_WEBHOOKS", "A manual partner has no status webhooks")


@dataclass(frozen=True)
class ArchiveFile:
    """One file of an archive: its name inside the archive and how to open it (binary)."""

    name: str
    open: Callable[[], IO[bytes]]


class _Pipe(io.RawIOBase):
    """An unseekable sink the zip writer writes into; the generator drains it chunk by chunk."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def archive_stream(files: Iterable[ArchiveFile], metadata: Mapping[str, Any]) -> Iterator[bytes]:
    """A zip of ``files`` plus ``print-metadata.json``, produced as it is read (never whole in
    memory). Artwork is already compressed: files are stored, the metadata deflated."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for entry in files:
            with (
                entry.open() as source,
                archive.open(entry.name, mode="w", force_zip64=True) as dest,
            ):
                while chunk := source.read(CHUNK_BYTES):
                    dest.write(chunk)
                    if data := pipe.drain():
                        yield data
            if data := pipe.drain():
                yield data
        archive.writestr(
            zipfile.ZipInfo("print-metadata.json"),
            json.dumps(metadata, indent=2, sort_keys=True, default=str),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    if data := pipe.drain():
        yield data
