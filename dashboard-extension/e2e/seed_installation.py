"""Seed the e2e database: migrate, then one Installation whose JWKS holds the e2e test key.

Usage: python seed_installation.py  (reads the E2E_* variables below; PODOPS_* configure Django)
  E2E_SALEOR_API_URL  the fake Saleor the host page plays (``http://127.0.0.1:<port>/graphql/``)
  E2E_APP_ID          the app's global ID the dashboard tokens carry in ``app``
  E2E_JWKS            the public key set (JSON) trusted for that instance
  E2E_ROLES           optional JSON list of {"user_id", "email", "role"}: PodOps roles to grant
"""

from __future__ import annotations

import json
import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
    django.setup()

    from django.core.management import call_command
    from django.utils import timezone

    from saleor_podops.production.models import ActorType
    from saleor_podops.production.timeline import Actor
    from saleor_podops.saleor.models import Installation
    from saleor_podops.staff.actions import staff_role_assign
    from saleor_podops.staff.roles import Role

    call_command("migrate", interactive=False, verbosity=0)
    installation, _ = Installation.objects.update_or_create(
        saleor_api_url=os.environ["E2E_SALEOR_API_URL"],
        defaults={
            "saleor_domain": "127.0.0.1",
            "app_id": os.environ["E2E_APP_ID"],
            "jwks": json.loads(os.environ["E2E_JWKS"]),
            "jwks_fetched_at": timezone.now(),
            "is_active": True,
        },
    )
    installation.set_auth_token("e2e-app-token-not-used-against-a-real-saleor")
    installation.save(update_fields=["encrypted_token"])
    for grant in json.loads(os.environ.get("E2E_ROLES", "[]")):
        staff_role_assign(
            installation=installation,
            user_id=grant["user_id"],
            email=grant["email"],
            role=Role(grant["role"]),
            actor=Actor(ActorType.SYSTEM, "e2e seed"),
        )
    print(json.dumps({"installation": installation.pk}))


if __name__ == "__main__":
    main()
