from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from saleor_podops.notifications.quiet_hours import first_allowed_moment


@pytest.mark.parametrize(
    ("moment", "start", "end", "zone", "expected"),
    [
        # outside quiet hours: unchanged
        (
            datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
            time(21),
            time(8),
            "Europe/Berlin",
            datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
        ),
        # before midnight (shop time) -> next morning
        (
            datetime(2026, 11, 24, 22, 0, tzinfo=UTC),
            time(21),
            time(8),
            "Europe/Berlin",
            datetime(2026, 11, 25, 7, 0, tzinfo=UTC),
        ),
        # after midnight -> same morning
        (
            datetime(2026, 11, 25, 3, 0, tzinfo=UTC),
            time(21),
            time(8),
            "Europe/Berlin",
            datetime(2026, 11, 25, 7, 0, tzinfo=UTC),
        ),
        # a window within one day
        (
            datetime(2026, 11, 24, 12, 30, tzinfo=UTC),
            time(12),
            time(14),
            "UTC",
            datetime(2026, 11, 24, 14, 0, tzinfo=UTC),
        ),
        # summer time in New York (UTC-4): 23:00 local -> 07:00 local = 11:00 UTC
        (
            datetime(2026, 7, 1, 3, 0, tzinfo=UTC),
            time(22),
            time(7),
            "America/New_York",
            datetime(2026, 7, 1, 11, 0, tzinfo=UTC),
        ),
        # the night the clocks go forward in Berlin (29 March 2026)
        (
            datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
            time(1),
            time(4),
            "Europe/Berlin",
            datetime(2026, 3, 29, 2, 0, tzinfo=UTC),
        ),
        # no quiet hours
        (
            datetime(2026, 11, 24, 22, 0, tzinfo=UTC),
            None,
            None,
            "Europe/Berlin",
            datetime(2026, 11, 24, 22, 0, tzinfo=UTC),
        ),
    ],
)
def test_first_allowed_moment(
    moment: datetime, start: time | None, end: time | None, zone: str, expected: datetime
) -> None:
    assert first_allowed_moment(moment, start=start, end=end, zone_name=zone) == expected
