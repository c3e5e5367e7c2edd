"""HTTP views of the install handshake: the manifest, the token target, the logo, health."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

import saleor_podops
from saleor_podops.fulfilment.printful_webhooks import partner_webhooks_after_install
from saleor_podops.saleor import installations
from saleor_podops.saleor.manifest import build_manifest

logger = logging.getLogger(__name__)

LOGO_PATH = Path(__file__).parent / "static" / "podops-logo.png"


def _install_error(message: str, status: int) -> JsonResponse:
    """Saleor shows ``error.message`` to the merchant and deletes the app on any non-2xx."""
    return JsonResponse({"error": {"message": message}}, status=status)


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    return JsonResponse(build_manifest(saleor_podops.__version__))


@csrf_exempt
@require_POST
def register(request: HttpRequest) -> JsonResponse:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return _install_error("The body must be JSON with auth_token", 400)
    auth_token = body.get("auth_token") if isinstance(body, dict) else None
    try:
        installation = installations.install(
            saleor_api_url=request.headers.get("Saleor-Api-Url", ""),
            auth_token=auth_token if isinstance(auth_token, str) else "",
            saleor_domain=request.headers.get("Saleor-Domain", ""),
        )
    except installations.InstallRefused as refused:
        logger.warning("Install refused: %s", refused.message)
        return _install_error(refused.message, refused.status)
    partner_webhooks_after_install(installation)
    return JsonResponse({"success": True})


@require_GET
def logo(request: HttpRequest) -> FileResponse:
    return FileResponse(LOGO_PATH.open("rb"), content_type="image/png")


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "version": saleor_podops.__version__})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "install/home.html", {"manifest_url": request.build_absolute_uri("/api/manifest")}
    )


@require_GET
@cache_control(no_cache=True)
def dashboard(request: HttpRequest, path: str = "") -> HttpResponse:
    """The dashboard extension's pages (one single-page app for every mount). Revalidated on every
    load, so a new build's hashed assets are picked up at once."""
    index = settings.DASHBOARD_EXTENSION_DIST / "index.html"
    if index.is_file():
        return HttpResponse(index.read_text(), content_type="text/html")
    return render(request, "install/dashboard_missing.html", status=503)
