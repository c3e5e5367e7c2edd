"""Print what the approvals e2e test checks after the browser acted (JSON on stdout): each order's
item stage, its proofs with their decision and marks, and its photo requests."""

from __future__ import annotations

import json
import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
    django.setup()
    from saleor_podops.approvals.models import PhotoRequest, Proof
    from saleor_podops.production.models import ProductionItem

    state = {}
    for item in ProductionItem.objects.select_related("order").order_by("order__number"):
        proofs = []
        for proof in Proof.objects.filter(item=item).order_by("round"):
            decision = getattr(proof, "decision", None)
            proofs.append(
                {
                    "status": proof.status,
                    "decision": decision.kind if decision else None,
                    "comment": decision.comment if decision else None,
                    "marks": [
                        {"x": round(m.x, 2), "y": round(m.y, 2), "note": m.note}
                        for m in (decision.marks.all() if decision else [])
                    ],
                }
            )
        photos = list(PhotoRequest.objects.filter(item=item).values_list("status", flat=True))
        state[item.order.number] = {"stage": item.stage, "proofs": proofs, "photoRequests": photos}
    print(json.dumps(state))


if __name__ == "__main__":
    main()
