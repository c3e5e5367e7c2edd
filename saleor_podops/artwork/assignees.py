"""Who holds which item now (the staff package's open assignments), for artwork access checks."""

from __future__ import annotations

from collections.abc import Collection

from saleor_podops.staff.models import Assignment


def open_assignees(item_ids: Collection[int]) -> dict[int, str]:
    """Item id -> the Saleor user id of the person holding it; items nobody holds are left out."""
    if not item_ids:
        return {}
    return dict(
        Assignment.objects.filter(item_id__in=item_ids, released_at__isnull=True).values_list(
            "item_id", "staff__saleor_user_id"
        )
    )
