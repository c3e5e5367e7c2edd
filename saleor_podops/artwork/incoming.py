"""A file that has arrived (streamed to a local temporary file by the HTTP or GraphQL layer) and the
checks every incoming image passes before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .error_codes import ArtworkError, ArtworkErrorCode
from .imaging import FileDigest, ImageFacts, file_digest, inspect_image


@dataclass(frozen=True)
class IncomingFile:
    """A local file and what the sender called it. ``digest`` is computed while it was streamed in
    (or read from the file when not given)."""

    path: Path
    name: str
    digest: FileDigest

    @classmethod
    def from_path(cls, path: str | Path, name: str | None = None) -> IncomingFile:
        path = Path(path)
        return cls(
            path=path, name=name if name is not None else path.name, digest=file_digest(path)
        )


def incoming_file_check(incoming: IncomingFile) -> ImageFacts:
    """Size limits, then the content: a supported image, not a bomb, not truncated."""
    if incoming.digest.size_bytes == 0:
        raise ArtworkError(ArtworkErrorCode.EMPTY_FILE, "The file is empty")
    limit = settings.UPLOAD_MAX_BYTES
    if incoming.digest.size_bytes > limit:
        raise ArtworkError(
            ArtworkErrorCode.FILE_TOO_LARGE,
            f"The file has {incoming.digest.size_bytes} bytes; at most {limit} are accepted",
        )
    return inspect_image(incoming.path, max_pixels=settings.IMAGE_MAX_PIXELS)
