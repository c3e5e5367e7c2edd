"""Signed, expiring download links for original files.

Originals are never reachable on a public path. A link is made only for someone allowed to have it
(``originals_access_refusal``) and works until it expires:

- on S3-compatible storage: a presigned GET URL (the bucket is private);
- on the local media folder: ``/api/files/<token>``, where the token is signed with the secret key
  (``django.core.signing``, its own salt) and carries the storage key, the download name and the
  expiry; the view checks it and streams the file.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.urls import reverse

from .error_codes import ArtworkError, ArtworkErrorCode

_SALT = "podops.artwork.download"

# Roles (saleor_podops.staff.roles.Role values) that may download any original.
ORIGINALS_ROLES = frozenset({"ADMIN", "MANAGER", "FULFILLER"})


@dataclass(frozen=True)
class DownloadViewer:
    """A staff user asking for a download link: their Saleor user id and PodOps roles."""

    user_id: str
    roles: frozenset[str]


def originals_access_refusal(
    *, viewer: DownloadViewer, assignee_user_id: str | None
) -> ArtworkError | None:
    """Managers and fulfillers may download every original; an artist only those of the items they
    hold (``assignee_user_id``); nobody else."""
    if viewer.roles & ORIGINALS_ROLES:
        return None
    if "ARTIST" in viewer.roles and assignee_user_id and assignee_user_id == viewer.user_id:
        return None
    return ArtworkError(
        ArtworkErrorCode.DOWNLOAD_NOT_ALLOWED, "You may not download this file", field="id"
    )


def _is_object_storage() -> bool:
    return hasattr(default_storage, "bucket_name")


def signed_download_url(*, key: str, download_name: str, expires_in: int | None = None) -> str:
    """An absolute URL that serves ``key`` (as ``download_name``) for ``expires_in`` seconds."""
    seconds = expires_in or settings.DOWNLOAD_LINK_TTL_SECONDS
    if _is_object_storage():
        disposition = f"attachment; filename*=UTF-8''{quote(download_name)}"
        object_storage: Any = default_storage  # S3Storage.url takes parameters and expire
        return str(
            object_storage.url(
                key, parameters={"ResponseContentDisposition": disposition}, expire=seconds
            )
        )
    token = signing.dumps(
        {"k": key, "n": download_name, "e": int(time.time()) + seconds}, salt=_SALT, compress=True
    )
    return f"{settings.PUBLIC_URL}{reverse('artwork-download', args=[token])}"


@dataclass(frozen=True)
class DownloadGrant:
    key: str
    download_name: str


def download_token_read(token: str) -> DownloadGrant:
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature as exc:
        raise ArtworkError(
            ArtworkErrorCode.DOWNLOAD_LINK_INVALID, "The download link is not valid", field="token"
        ) from exc
    if int(payload["e"]) <= int(time.time()):
        raise ArtworkError(
            ArtworkErrorCode.DOWNLOAD_LINK_EXPIRED, "The download link has expired", field="token"
        )
    return DownloadGrant(key=str(payload["k"]), download_name=str(payload["n"]))


def role_names(roles: Collection[object]) -> frozenset[str]:
    """Role enums or strings, as the plain names this module compares."""
    return frozenset(str(getattr(role, "value", role)) for role in roles)


def original_download_name(*, stem: str, label: str, extension: str) -> str:
    """Originals are downloaded under the item's file-name stem (``1023 - Yellow Portrait - 1,
    LivingRoom,Full - Uploaded Images.jpg``), so files named after them match the item again."""
    return f"{stem} - {label}.{extension}"
