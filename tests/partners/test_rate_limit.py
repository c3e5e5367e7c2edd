"""The per-partner token bucket: a burst, then one call per refill interval."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from saleor_podops.partners.rate_limit import partner_take_token
from saleor_podops.saleor.models import Installation

from ..fulfilment.builders import http_partner

pytestmark = pytest.mark.django_db


def test_burst_then_wait_then_refill(installation: Installation) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        partner = http_partner(
            installation, "https://partner.example/jobs", rate_per_minute=6, burst=2
        )

        # two calls go at once, the third must wait for a token (10 s per token at 6/min)
        assert [partner_take_token(partner_id=partner.pk) for _ in range(2)] == [0.0, 0.0]
        assert partner_take_token(partner_id=partner.pk) == pytest.approx(10.0)

    with time_machine.travel(start + timedelta(seconds=10), tick=False):
        assert partner_take_token(partner_id=partner.pk) == 0.0
        assert partner_take_token(partner_id=partner.pk) == pytest.approx(10.0)

    # a long pause fills the bucket up to the burst only
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert [partner_take_token(partner_id=partner.pk) for _ in range(3)] == [
            0.0,
            0.0,
            pytest.approx(10.0),
        ]
