"""``GET /metrics`` for Prometheus, behind ``Authorization: Bearer <PODOPS_METRICS_TOKEN>``
(404 while no token is configured, 401 for a wrong one)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from saleor_podops.metrics.prometheus import CONTENT_TYPE, metrics_text


@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    expected = settings.METRICS_TOKEN
    if not expected:
        return JsonResponse({"error": {"code": "NOT_FOUND", "message": "Not found"}}, status=404)
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip(), expected):
        response = JsonResponse(
            {"error": {"code": "UNAUTHENTICATED", "message": "Bearer token required"}}, status=401
        )
        response["WWW-Authenticate"] = "Bearer"
        return response
    return HttpResponse(metrics_text(), content_type=CONTENT_TYPE)
