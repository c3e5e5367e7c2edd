"""Files in storage: random keys, chunked copies, and cleaning up after a refusal.

Keys never carry a customer's name or the original file name: ``<kind>/<2 hex>/<32 random chars>.<ext>``.
The storage is Django's default one (local media folder on the embedded default, S3-compatible object
storage through django-storages in production); neither is served publicly (see ``downloads.py``).
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)


def new_storage_key(kind: str, extension: str) -> str:
    return f"{kind}/{secrets.token_hex(1)}/{secrets.token_urlsafe(24)}.{extension}"


def store_local_file(path: str | Path, *, kind: str, extension: str) -> str:
    """Copy a local (temporary) file into storage chunk by chunk; returns its key."""
    with open(path, "rb") as stream:
        return default_storage.save(new_storage_key(kind, extension), File(stream))


def store_bytes(content: bytes, *, kind: str, extension: str) -> str:
    return default_storage.save(new_storage_key(kind, extension), ContentFile(content))


def delete_quietly(*keys: str) -> None:
    """Remove files a refused or rolled-back change had stored; never raises."""
    for key in keys:
        if not key:
            continue
        try:
            default_storage.delete(key)
        except Exception:
            logger.exception("Could not delete %s from storage", key)
