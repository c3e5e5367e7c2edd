"""Storefront uploads and signed downloads, as plain Django views answering JSON.

- ``POST /api/uploads/sessions`` (header ``Saleor-Api-Url``): a short-lived anonymous upload session.
- ``POST /api/uploads`` (multipart, field ``file``; optional ``productType``, ``replaces``): one photo,
  with ``Podops-Upload-Session: <token>`` or a Saleor customer token (``Authorization: Bearer`` +
  ``Saleor-Api-Url``). Answers ``{"reference", "version", "warnings": [...]}``.
- ``GET /api/files/<token>``: an original behind a signed, expiring link (local storage only; on S3
  the link is presigned and goes to the bucket).

Errors answer ``{"error": {"code", "message"}}`` with 400, 401, 413, 415, 429 or 503.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.http import FileResponse, HttpRequest, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from saleor_podops.artwork.downloads import download_token_read
from saleor_podops.artwork.error_codes import ArtworkError, ArtworkErrorCode
from saleor_podops.artwork.imaging import FileDigest
from saleor_podops.artwork.incoming import IncomingFile
from saleor_podops.artwork.models import UploadSession
from saleor_podops.artwork.sessions import upload_session_create, upload_session_find
from saleor_podops.artwork.uploads import customer_upload_create, upload_for_replacement
from saleor_podops.saleor.installations import find_installation
from saleor_podops.saleor.jwks import JwksUnavailable
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.signatures import SignatureInvalid, TokenExpired
from saleor_podops.saleor.tokens import CustomerPrincipal, verify_customer_token

from .streaming import HashingLimitedUploadHandler
from .throttling import client_ip, over_limit

logger = logging.getLogger(__name__)

SESSION_HEADER = "Podops-Upload-Session"
# Multipart framing around the file (boundaries, part headers, small fields).
_ENVELOPE_BYTES = 64 * 1024

_STATUS = {
    ArtworkErrorCode.FILE_TOO_LARGE: 413,
    ArtworkErrorCode.TOO_MANY_PIXELS: 413,
    ArtworkErrorCode.SESSION_BUDGET_EXCEEDED: 413,
    ArtworkErrorCode.UNSUPPORTED_TYPE: 415,
    ArtworkErrorCode.SESSION_INVALID: 401,
    ArtworkErrorCode.SESSION_EXPIRED: 401,
    ArtworkErrorCode.DOWNLOAD_LINK_INVALID: 403,
    ArtworkErrorCode.DOWNLOAD_LINK_EXPIRED: 403,
}


class _Refused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def _from_artwork_error(exc: ArtworkError) -> JsonResponse:
    return _error(_STATUS.get(exc.code, 400), exc.code.value, exc.message)


def _installation(request: HttpRequest) -> Installation:
    installation = find_installation(request.headers.get("Saleor-Api-Url", ""))
    if installation is None or not installation.is_active:
        raise _Refused(401, "UNKNOWN_INSTALLATION", "PodOps is not installed in this Saleor")
    return installation


def _rate_limit(request: HttpRequest, group: str, key: str, rate: str) -> None:
    if over_limit(request, group=group, key=key, rate=rate):
        raise _Refused(429, "RATE_LIMITED", "Too many requests; try again in a minute")


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_exempt
@require_POST
def upload_session_create_view(request: HttpRequest) -> JsonResponse:
    try:
        installation = _installation(request)
        ip = client_ip(request)
        _rate_limit(request, "podops.upload-sessions.ip", ip, settings.UPLOAD_SESSION_RATE_PER_IP)
    except _Refused as refused:
        return _error(refused.status, refused.code, refused.message)
    created = upload_session_create(
        installation=installation,
        client_ip=ip if ip != "unknown" else None,
        product_type_slug=request.POST.get("productType", ""),
    )
    session = created.session
    return JsonResponse(
        {
            "token": created.token,
            "expiresAt": session.expires_at.isoformat(),
            "maxBytes": session.max_bytes,
            "maxFiles": session.max_files,
        },
        status=201,
    )


def _caller(
    request: HttpRequest, installation: Installation
) -> tuple[UploadSession | None, CustomerPrincipal | None]:
    session_token = request.headers.get(SESSION_HEADER, "").strip()
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        try:
            principal = verify_customer_token(installation, authorization[7:].strip())
        except TokenExpired as exc:
            raise _Refused(401, "TOKEN_EXPIRED", str(exc)) from exc
        except SignatureInvalid as exc:
            raise _Refused(401, "INVALID_TOKEN", str(exc)) from exc
        except JwksUnavailable as exc:
            raise _Refused(
                503, "KEYS_UNAVAILABLE", "Saleor's signing keys cannot be fetched now"
            ) from exc
        return None, principal
    if session_token:
        try:
            return upload_session_find(installation=installation, token=session_token), None
        except ArtworkError as exc:
            raise _Refused(401, exc.code.value, exc.message) from exc
    raise _Refused(
        401,
        "AUTHENTICATION_REQUIRED",
        f"Send an upload session ({SESSION_HEADER}) or a customer token (Authorization: Bearer)",
    )


@csrf_exempt
@require_POST
def customer_upload_view(request: HttpRequest) -> JsonResponse:
    try:
        installation = _installation(request)
        session, principal = _caller(request, installation)
        ip = client_ip(request)
        _rate_limit(request, "podops.uploads.ip", ip, settings.UPLOAD_RATE_PER_IP)
        who = (
            f"session:{session.pk}" if session else f"user:{principal.user_id if principal else ''}"
        )
        _rate_limit(request, "podops.uploads.caller", who, settings.UPLOAD_RATE_PER_CALLER)
        max_bytes = settings.UPLOAD_MAX_BYTES
        if session is not None:
            max_bytes = min(max_bytes, session.max_bytes - session.bytes_used)
        if _declared_length(request) > max_bytes + _ENVELOPE_BYTES:
            code = (
                "SESSION_BUDGET_EXCEEDED"
                if max_bytes < settings.UPLOAD_MAX_BYTES
                else "FILE_TOO_LARGE"
            )
            raise _Refused(413, code, f"The upload is over the limit of {max_bytes} bytes")
    except _Refused as refused:
        return _error(refused.status, refused.code, refused.message)

    handler = HashingLimitedUploadHandler(request, max_bytes=max_bytes)
    request.upload_handlers = [handler]
    try:
        uploaded = request.FILES.get("file")
        fields = request.POST
    except (RequestDataTooBig, TooManyFilesSent) as exc:
        return _error(413, "REQUEST_TOO_LARGE", str(exc))
    except MultiPartParserError as exc:
        return _error(
            400, "MALFORMED_REQUEST", f"The request is not a readable multipart form: {exc}"
        )
    if handler.exceeded:
        code = (
            "SESSION_BUDGET_EXCEEDED" if max_bytes < settings.UPLOAD_MAX_BYTES else "FILE_TOO_LARGE"
        )
        return _error(413, code, f"The file is over the limit of {max_bytes} bytes")
    if not isinstance(uploaded, TemporaryUploadedFile) or handler.digest is None:
        return _error(400, "MISSING_FILE", "Send the photo in the multipart field 'file'")

    try:
        return _accept(installation, session, principal, uploaded, fields, handler.digest)
    except ArtworkError as exc:
        return _from_artwork_error(exc)
    finally:
        uploaded.close()  # removes the temporary file


def _accept(
    installation: Installation,
    session: UploadSession | None,
    principal: CustomerPrincipal | None,
    uploaded: TemporaryUploadedFile,
    fields: QueryDict,
    digest: FileDigest,
) -> JsonResponse:
    """The streamed file through the domain: checked, stored, recorded."""
    customer_user_id = principal.user_id if principal else ""
    replaces = None
    replaces_reference = str(fields.get("replaces", ""))
    if replaces_reference:
        replaces = upload_for_replacement(
            installation=installation,
            reference=replaces_reference,
            session=session,
            customer_user_id=customer_user_id,
        )
    accepted = customer_upload_create(
        installation=installation,
        incoming=IncomingFile(
            path=Path(uploaded.temporary_file_path()),
            name=uploaded.name or "",
            digest=digest,
        ),
        product_type_slug=fields.get("productType", "")
        or (session.product_type_slug if session else ""),
        session=session,
        customer_user_id=customer_user_id,
        replaces=replaces,
    )
    upload = accepted.upload
    return JsonResponse(
        {
            "reference": upload.reference,
            "version": upload.version,
            "replaces": replaces.reference if replaces else None,
            "width": upload.width,
            "height": upload.height,
            "contentType": upload.content_type,
            "warnings": [warning.as_dict() for warning in accepted.warnings],
        },
        status=201,
    )


@require_GET
def download_view(request: HttpRequest, token: str) -> FileResponse | JsonResponse:
    try:
        grant = download_token_read(token)
    except ArtworkError as exc:
        return _from_artwork_error(exc)
    try:
        stream = default_storage.open(grant.key, "rb")
    except FileNotFoundError:
        return _error(404, "FILE_NOT_FOUND", "The file is no longer stored")
    response = FileResponse(stream, as_attachment=True, filename=grant.download_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
