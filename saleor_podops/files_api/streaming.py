"""Streaming an uploaded file to a temporary file: hashed on the way in, stopped at the byte limit.

Django's multipart parser hands the body over in chunks; this handler writes them to a temporary file
(never the whole file in memory), keeps only the ``file`` field, and stops reading as soon as the
limit is passed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import SkipFile, StopUpload, TemporaryFileUploadHandler
from django.http import HttpRequest

from saleor_podops.artwork.imaging import FileDigest

FILE_FIELD = "file"


class HashingLimitedUploadHandler(TemporaryFileUploadHandler):
    chunk_size = 256 * 1024

    def __init__(self, request: HttpRequest, *, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.exceeded = False
        self.digest: FileDigest | None = None
        self._seen_file = False
        self._received = 0
        self._hash = hashlib.sha256()

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        if field_name != FILE_FIELD or self._seen_file:
            raise SkipFile()
        self._seen_file = True
        super().new_file(field_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._received += len(raw_data)
        if self._received > self.max_bytes:
            self.exceeded = True
            self.file.close()
            raise StopUpload(connection_reset=True)
        self._hash.update(raw_data)
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> UploadedFile | None:
        self.digest = FileDigest(sha256=self._hash.hexdigest(), size_bytes=file_size)
        return super().file_complete(file_size)
