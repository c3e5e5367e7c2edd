"""Replay the captured deliveries through PodOps' own checks, offline.

For every ``webhooks/<n>-<event>.body`` under ``captured/`` (3.24 at the top, 3.23 in
``saleor-3.23/``): the recorded ``Saleor-Signature`` must verify over the raw bytes with the JWKS
captured beside it (``verify_webhook_signature``), the same bytes with one byte changed must not,
and the body must parse as PodOps' typed payload for that event.

    PODOPS_VAR_DIR=/tmp/podops-verify .venv/bin/python e2e/real_saleor/verify_captured.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

CAPTURED = Path(__file__).resolve().parent / "captured"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
    import django

    django.setup()
    from saleor_podops.saleor import payloads
    from saleor_podops.saleor.jwks import JwksUnavailable
    from saleor_podops.saleor.models import Installation
    from saleor_podops.saleor.signatures import SignatureInvalid, verify_webhook_signature
    from saleor_podops.saleor.webhook_events import SaleorEvent

    failures = 0
    for body_path in sorted(CAPTURED.glob("**/webhooks/*.body")):
        jwks = json.loads((body_path.parent.parent / "jwks.json").read_text())
        meta = json.loads(body_path.with_suffix(".json").read_text())
        headers = meta["headers"]
        api_url = headers["saleor-api-url"]
        # Unsaved: a failed check refetches the JWKS from api_url once, then refuses.
        installation = Installation(saleor_api_url=api_url, jwks=jwks)
        body = body_path.read_bytes()
        event = SaleorEvent(headers["saleor-event"])
        verdicts = []
        try:
            verify_webhook_signature(installation, headers["saleor-signature"], body)
            verdicts.append("signature ok")
        except SignatureInvalid as exc:
            verdicts.append(f"SIGNATURE REFUSED: {exc}")
            failures += 1
        tampered = body.replace(b'"issuedAt"', b'"issuedAT"', 1)
        installation.jwks = jwks
        try:
            verify_webhook_signature(installation, headers["saleor-signature"], tampered)
            verdicts.append("TAMPERED BODY ACCEPTED")
            failures += 1
        except (SignatureInvalid, JwksUnavailable) as exc:  # refused, offline or not
            verdicts.append(f"tampered refused ({exc.__class__.__name__})")
        model = (
            payloads.AppDeletedEvent if event == SaleorEvent.APP_DELETED else payloads.OrderEvent
        )
        parsed = model.model_validate_json(body)
        principal = parsed.issuing_principal.id if parsed.issuing_principal else None
        verdicts.append(f"parsed (issuingPrincipal {principal})")
        print(f"{body_path.relative_to(CAPTURED)}: {', '.join(verdicts)}")
    print("FAILED" if failures else "PASSED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
