"""Files of a GraphQL multipart request (the Upload scalar) as local files the domain reads.

Django's upload handlers already streamed each file to a temporary file (or kept a small one in
memory: FILE_UPLOAD_MAX_MEMORY_SIZE); small ones are written out here, and everything written here is
removed afterwards.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from saleor_podops.artwork.incoming import IncomingFile


@contextmanager
def incoming_files(uploaded: Sequence[UploadedFile]) -> Iterator[list[IncomingFile]]:
    written: list[Path] = []
    try:
        files = []
        for upload in uploaded:
            if hasattr(upload, "temporary_file_path"):
                path = Path(upload.temporary_file_path())
            else:
                handle, name = tempfile.mkstemp(prefix="podops-upload-")
                with os.fdopen(handle, "wb") as target:
                    for chunk in upload.chunks():
                        target.write(chunk)
                path = Path(name)
                written.append(path)
            files.append(IncomingFile.from_path(path, upload.name or ""))
        yield files
    finally:
        for path in written:
            path.unlink(missing_ok=True)
