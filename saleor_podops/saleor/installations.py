"""Installing PodOps into a Saleor instance, and its end (APP_DELETED)."""

from __future__ import annotations

import fnmatch
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import installation_cache
from .client import SaleorClient, SaleorError
from .client.operations import fetch_app_id
from .jwks import JwksUnavailable, fetch_jwks
from .manifest import webhooks_fingerprint
from .models import Installation
from .urls import is_valid_api_url, normalize_api_url

logger = logging.getLogger(__name__)


class InstallRefused(Exception):
    """The install cannot go ahead; the message is shown to the merchant by Saleor."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def is_saleor_url_allowed(saleor_api_url: str) -> bool:
    patterns = settings.ALLOWED_SALEOR_URLS
    if not patterns:
        if settings.EMBEDDED:
            logger.warning(
                "PODOPS_ALLOWED_SALEOR_URLS is empty: accepting %s because the embedded default "
                "allows every Saleor instance. Set it in production.",
                saleor_api_url,
            )
            return True
        return False
    return any(fnmatch.fnmatchcase(saleor_api_url, pattern) for pattern in patterns)


def install(*, saleor_api_url: str, auth_token: str, saleor_domain: str = "") -> Installation:
    """Confirm the token with Saleor, fetch its keys, and store (or replace) the installation."""
    if not saleor_api_url or not is_valid_api_url(saleor_api_url):
        raise InstallRefused("Missing or invalid Saleor-Api-Url header")
    api_url = normalize_api_url(saleor_api_url)
    if not auth_token:
        raise InstallRefused("Missing auth_token")
    if not is_saleor_url_allowed(api_url):
        raise InstallRefused(
            f"This PodOps service does not accept installs from {api_url}", status=403
        )
    try:
        app_id = fetch_app_id(SaleorClient(api_url, auth_token))
    except SaleorError as exc:
        raise InstallRefused(f"Could not confirm the app token with Saleor: {exc}") from exc
    try:
        jwks = fetch_jwks(api_url)
    except JwksUnavailable as exc:
        raise InstallRefused(str(exc)) from exc

    with transaction.atomic():
        installation = Installation.objects.select_for_update().filter(
            saleor_api_url=api_url
        ).first() or Installation(saleor_api_url=api_url)
        installation.saleor_domain = saleor_domain
        installation.app_id = app_id
        installation.set_auth_token(auth_token)
        installation.jwks = jwks
        installation.jwks_fetched_at = timezone.now()
        installation.is_active = True
        installation.installed_at = timezone.now()
        installation.deactivated_at = None
        # Saleor creates the manifest's webhooks at install time.
        installation.webhooks_fingerprint = webhooks_fingerprint()
        installation.save()
    installation_cache.invalidate(api_url)
    logger.info("Installed into %s as app %s", api_url, app_id)
    return installation


def deactivate(*, installation: Installation) -> None:
    """The app was deleted in Saleor: stop acting for it, keep its data."""
    Installation.objects.filter(pk=installation.pk, is_active=True).update(
        is_active=False, deactivated_at=timezone.now()
    )
    installation_cache.invalidate(installation.saleor_api_url)


def find_installation(saleor_api_url: str) -> Installation | None:
    """The installation of ``saleor_api_url`` as the database has it now."""
    if not saleor_api_url or not is_valid_api_url(saleor_api_url):
        return None
    api_url = normalize_api_url(saleor_api_url)
    installation = Installation.objects.filter(saleor_api_url=api_url).first()
    installation_cache.put(api_url, installation)
    return installation


def find_installation_cached(saleor_api_url: str) -> tuple[Installation | None, bool]:
    """The installation of ``saleor_api_url`` and whether it came from the per-process cache
    (then it may be up to ``installation_cache.TTL_SECONDS`` old: re-read it before refusing)."""
    if not saleor_api_url or not is_valid_api_url(saleor_api_url):
        return None, False
    cached = installation_cache.get(normalize_api_url(saleor_api_url))
    if cached is not None:
        return cached, True
    return find_installation(saleor_api_url), False


def saleor_client_for(installation: Installation) -> SaleorClient:
    return SaleorClient(installation.saleor_api_url, installation.auth_token)
