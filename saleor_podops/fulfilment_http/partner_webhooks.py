"""Status webhooks from print partners: ``POST /api/partners/<public id>/webhook`` (signed bodies),
or ``.../webhook/<token>`` (Printful: a secret token in the path, each event confirmed through
Printful's API).

Answers like the Saleor webhook intake: 200 applied, duplicate or stale (a partner must not retry
those), 400 malformed, 401 unknown partner, bad signature or token, 405 not POST, 413 too large,
503 transient trouble (the partner retries; ``Retry-After`` when known)."""

from __future__ import annotations

import logging
import math
import uuid

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from saleor_podops.fulfilment.events import partner_status_receive
from saleor_podops.partners.adapters import adapter_for
from saleor_podops.partners.interface import WebhookRejected
from saleor_podops.partners.models import PrintPartner

logger = logging.getLogger(__name__)


def _error(status: int, code: str, message: str, retry_after: float | None = None) -> JsonResponse:
    response = JsonResponse({"error": {"code": code, "message": message}}, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(max(math.ceil(retry_after), 1))
    return response


@csrf_exempt
def partner_webhook(request: HttpRequest, public_id: uuid.UUID, token: str = "") -> JsonResponse:
    if request.method != "POST":
        return _error(405, "METHOD_NOT_ALLOWED", "Status webhooks are delivered with POST")
    limit = settings.WEBHOOK_MAX_BODY_BYTES
    body = request.read(limit + 1)
    if len(body) > limit:
        return _error(413, "BODY_TOO_LARGE", "The webhook body is over the size limit")
    # A partner switched off gets no new jobs but still reports on those it has.
    partner = (
        PrintPartner.objects.select_related("installation")
        .filter(public_id=public_id, installation__is_active=True)
        .first()
    )
    if partner is None:
        return _error(401, "UNKNOWN_PARTNER", "No such partner")
    try:
        updates = adapter_for(partner).parse_status_webhook(request.headers, body, path_token=token)
    except WebhookRejected as exc:
        return _error(exc.status, exc.code, exc.message, exc.retry_after_seconds)
    results = []
    try:
        for update in updates:
            event, created = partner_status_receive(partner=partner, update=update)
            results.append({"event": event.event_id, "outcome": event.outcome, "new": created})
    except DatabaseError:
        logger.exception("Could not store a status event of partner %s", partner.pk)
        return _error(503, "STORAGE_UNAVAILABLE", "The event could not be stored; retry")
    duplicate = bool(results) and not any(result["new"] for result in results)
    return JsonResponse({"status": "duplicate" if duplicate else "accepted", "events": results})
