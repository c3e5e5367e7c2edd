"""The one verified path for every Saleor webhook.

Answers: 200 stored (or ignored), 400 malformed or wrong event, 401 unknown installation or bad
signature, 405 not POST, 413 body too large, 503 transient trouble (Saleor retries only 5xx).
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError

from saleor_podops.saleor import installation_cache, installations, payloads
from saleor_podops.saleor.jwks import JwksUnavailable
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.signatures import SignatureInvalid, verify_webhook_signature
from saleor_podops.saleor.webhook_events import SaleorEvent, event_from_header

from .handlers import caused_by_app
from .inbox import delivery_store

logger = logging.getLogger(__name__)

_PAYLOAD_TYPES: dict[SaleorEvent, type[payloads.EventMeta]] = {
    SaleorEvent.APP_DELETED: payloads.AppDeletedEvent,
}


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def _header(request: HttpRequest, name: str) -> str:
    """A Saleor header, falling back to its deprecated ``X-`` twin. Read from the WSGI environ:
    ``request.headers`` would first rebuild every header of the request."""
    key = name.upper().replace("-", "_")
    return str(request.META.get(f"HTTP_{key}") or request.META.get(f"HTTP_X_{key}") or "")


def _read_body(request: HttpRequest) -> bytes | None:
    """The raw body, or None when it is over the limit (read no more than limit + 1 bytes)."""
    limit = settings.WEBHOOK_MAX_BODY_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


def _unknown_installation() -> JsonResponse:
    return _error(401, "UNKNOWN_INSTALLATION", "PodOps is not installed in this Saleor")


def _refusal(
    installation: Installation | None, api_url: str, signature: str, body: bytes
) -> JsonResponse | None:
    """Why the delivery cannot be accepted from ``installation``, or None when it is genuine."""
    if installation is None or not installation.is_active:
        return _unknown_installation()
    try:
        verify_webhook_signature(installation, signature, body)
    except SignatureInvalid as exc:
        return _error(401, "INVALID_SIGNATURE", str(exc))
    except JwksUnavailable as exc:
        logger.warning("Cannot verify a webhook from %s: %s", api_url, exc)
        return _error(503, "KEYS_UNAVAILABLE", "Saleor's signing keys cannot be fetched now")
    return None


def _verified_installation(
    api_url: str, signature: str, body: bytes
) -> Installation | JsonResponse:
    """The installation the delivery is genuinely signed for, or the answer refusing it.

    The installation usually comes from the per-process cache; a refusal is only given on the row
    as the database has it now (a reinstall or key change in another process may be seconds old).
    """
    installation, from_cache = installations.find_installation_cached(api_url)
    refusal = _refusal(installation, api_url, signature, body)
    if refusal is not None and from_cache:
        fresh = installations.find_installation(api_url)
        if not installation_cache.is_unchanged(installation, fresh):
            installation, refusal = fresh, _refusal(fresh, api_url, signature, body)
    if refusal is not None:
        return refusal
    return installation if installation is not None else _unknown_installation()


@csrf_exempt
def saleor_webhook(request: HttpRequest, event_segment: str) -> JsonResponse:
    endpoint_event = event_from_header(event_segment.replace("-", "_"))
    if endpoint_event is None:
        return _error(404, "UNKNOWN_ENDPOINT", "No such webhook endpoint")
    if request.method != "POST":
        return _error(405, "METHOD_NOT_ALLOWED", "Webhooks are delivered with POST")

    body = _read_body(request)
    if body is None:
        return _error(413, "BODY_TOO_LARGE", "The webhook body is over the size limit")

    api_url, event_header = _header(request, "Saleor-Api-Url"), _header(request, "Saleor-Event")
    signature = _header(request, "Saleor-Signature")
    if not api_url or not event_header:
        return _error(400, "MISSING_HEADER", "Saleor-Api-Url and Saleor-Event are required")
    if event_from_header(event_header) != endpoint_event:
        return _error(400, "WRONG_EVENT", f"This endpoint takes {endpoint_event.value} only")
    if not signature:
        return _error(401, "MISSING_SIGNATURE", "Saleor-Signature is required")

    installation = _verified_installation(api_url, signature, body)
    if isinstance(installation, JsonResponse):
        return installation

    try:
        document = json.loads(body)
        if not isinstance(document, dict):
            raise ValueError("the body is not a JSON object")
        payload_type = _PAYLOAD_TYPES.get(endpoint_event, payloads.OrderEvent)
        payload = payload_type.model_validate(document)
    except (ValueError, ValidationError) as exc:
        return _error(
            400, "MALFORMED_PAYLOAD", f"The body is not a {endpoint_event.value} payload: {exc}"
        )

    if caused_by_app(installation, payload):
        return JsonResponse({"status": "ignored", "reason": "caused by PodOps itself"})
    try:
        delivery_id, created = delivery_store(
            installation=installation, event=endpoint_event, body=body
        )
    except DatabaseError:
        logger.exception("Could not store a webhook delivery")
        return _error(503, "STORAGE_UNAVAILABLE", "The delivery could not be stored; retry")
    return JsonResponse({"status": "accepted" if created else "duplicate", "delivery": delivery_id})
