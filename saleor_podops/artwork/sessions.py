"""Short-lived upload sessions for anonymous storefront visitors (before checkout).

The token is shown once, when the session is made; only its SHA-256 is stored. A session lets its holder
upload at most ``max_files`` files and ``max_bytes`` bytes until ``expires_at``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from saleor_podops.saleor.models import Installation

from .error_codes import ArtworkError, ArtworkErrorCode
from .models import UploadSession


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewUploadSession:
    session: UploadSession
    token: str


def upload_session_create(
    *, installation: Installation, client_ip: str | None, product_type_slug: str = ""
) -> NewUploadSession:
    token = f"ups_{secrets.token_urlsafe(32)}"
    session = UploadSession.objects.create(
        installation=installation,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + timedelta(seconds=settings.UPLOAD_SESSION_TTL_SECONDS),
        max_bytes=settings.UPLOAD_SESSION_MAX_BYTES,
        max_files=settings.UPLOAD_SESSION_MAX_FILES,
        client_ip=client_ip,
        product_type_slug=product_type_slug[:255],
    )
    return NewUploadSession(session=session, token=token)


def upload_session_find(*, installation: Installation, token: str) -> UploadSession:
    """The live session for ``token``; the same refusal for unknown and other installations' tokens."""
    session = UploadSession.objects.filter(
        installation=installation, token_hash=_token_hash(token)
    ).first()
    if session is None:
        raise ArtworkError(
            ArtworkErrorCode.SESSION_INVALID, "The upload session is not valid", field="session"
        )
    if session.expires_at <= timezone.now():
        raise ArtworkError(
            ArtworkErrorCode.SESSION_EXPIRED, "The upload session has expired", field="session"
        )
    return session


def upload_session_reserve(*, session: UploadSession, size_bytes: int) -> None:
    """Count one file of ``size_bytes`` against the session, atomically (a conditional UPDATE), or
    refuse. Runs inside the transaction that stores the upload, so a later refusal gives it back."""
    reserved = UploadSession.objects.filter(
        pk=session.pk,
        expires_at__gt=timezone.now(),
        files_used__lt=F("max_files"),
        bytes_used__lte=F("max_bytes") - size_bytes,
    ).update(bytes_used=F("bytes_used") + size_bytes, files_used=F("files_used") + 1)
    if reserved:
        return
    session.refresh_from_db()
    if session.expires_at <= timezone.now():
        raise ArtworkError(
            ArtworkErrorCode.SESSION_EXPIRED, "The upload session has expired", field="session"
        )
    if session.files_used >= session.max_files:
        raise ArtworkError(
            ArtworkErrorCode.SESSION_FILE_LIMIT,
            f"This upload session accepts at most {session.max_files} files",
            field="session",
        )
    raise ArtworkError(
        ArtworkErrorCode.SESSION_BUDGET_EXCEEDED,
        f"This upload session has {session.max_bytes - session.bytes_used} bytes left; "
        f"the file has {size_bytes}",
        field="session",
    )
