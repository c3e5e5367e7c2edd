"""Seed the approvals e2e database and print what the browser test needs (JSON on stdout).

Runs the real intake, workflow and artwork actions (as the pytest suite does), so the orders are in
the stages a customer decides in, with real preview images:

- 1001 and 1003 (customer A): a proof waits; 1002 (customer A): the photo was rejected;
- 1004 (guest): a proof waits, with a valid approval link; 1005 (guest): an expired link;
- 2001 (customer B): a proof waits (the foreign order).

Customer tokens are RS256 JWTs shaped like Saleor's, signed with a key made here; its JWKS is the
installation's. Usage: python seed.py <work dir> <fake Saleor API URL>
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

import django


def main() -> None:
    work_dir, saleor_api_url = Path(sys.argv[1]), sys.argv[2]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
    django.setup()

    import jwt
    import time_machine
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.core.management import call_command
    from django.utils import timezone
    from graphql_relay import to_global_id

    from saleor_podops.approvals.links import approval_link_token
    from saleor_podops.artwork.derivatives import stored_image_make_derivatives
    from saleor_podops.artwork.models import ArtworkVersion
    from saleor_podops.saleor.models import Installation
    from tests.customer_api import bring_to_approval, customer_order, reject_photo
    from tests.payloads import global_id
    from tests.saleor_stub import public_jwk

    call_command("migrate", interactive=False, verbosity=0)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    installation = Installation.objects.create(
        saleor_api_url=saleor_api_url,
        saleor_domain="127.0.0.1",
        app_id="QXBwOjQy",
        jwks={"keys": [public_jwk(key, "e2e-approvals")]},
        jwks_fetched_at=timezone.now(),
    )
    installation.set_auth_token("e2e-app-token")
    installation.save(update_fields=["encrypted_token"])

    images = work_dir / "seed-images"
    images.mkdir(parents=True, exist_ok=True)
    a, b = global_id("User", 6), global_id("User", 7)
    proof_1001 = bring_to_approval(customer_order(installation, "1001"), images)
    photo_1002 = reject_photo(customer_order(installation, "1002"))
    proof_1003 = bring_to_approval(customer_order(installation, "1003"), images)
    guest_1004 = bring_to_approval(customer_order(installation, "1004", user=None), images)
    guest_1005 = bring_to_approval(customer_order(installation, "1005", user=None), images)
    foreign = bring_to_approval(
        customer_order(installation, "2001", user=7, email="kim@example.com"), images
    )
    # Tasks are not run here (no worker): make the previews the customer sees now.
    for version in ArtworkVersion.objects.all():
        stored_image_make_derivatives(kind="artwork", pk=version.pk)
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        expired_link = approval_link_token(guest_1005)

    def token(user_id: str, email: str) -> str:
        now = int(time.time())
        claims = {
            "iat": now,
            "owner": "saleor",
            "iss": saleor_api_url,
            "exp": now + 3600,
            "token": "e2e",
            "email": email,
            "type": "access",
            "user_id": user_id,
            "is_staff": False,
        }
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "e2e-approvals"})

    print(
        json.dumps(
            {
                "tokens": {
                    "a": token(a, "ashley.cook@example.com"),
                    "b": token(b, "kim@example.com"),
                },
                "owners": {
                    a: [i.order.saleor_order_id for i in (proof_1001, photo_1002, proof_1003)],
                    b: [foreign.order.saleor_order_id],
                },
                "links": {"valid": approval_link_token(guest_1004), "expired": expired_link},
                "foreignOrderId": to_global_id("CustomerOrder", str(foreign.order_id)),
            }
        )
    )


if __name__ == "__main__":
    main()
