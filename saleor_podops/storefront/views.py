"""The hosted approvals page behind a signed link: the same web component the storefront embeds
(``/static/podops-approvals.js``), talking to the customer GraphQL API with the link as its
credential. A shop that changes nothing in its storefront still gets approvals this way."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def hosted_approvals_page(request: HttpRequest, token: str) -> HttpResponse:
    response = render(
        request,
        "storefront/approvals.html",
        {
            "link_token": token,
            "api_url": f"{settings.PUBLIC_URL}{reverse('customer-graphql')}",
            "locale": (request.GET.get("locale") or "en")[:10],
        },
    )
    # The link is a credential: keep it out of caches and referrers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    # Only PodOps' own script and API; previews may come from object storage (https).
    response["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' https: data:; "
        "style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )
    return response
