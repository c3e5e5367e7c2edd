"""Production metrics of one installation, computed from the timeline and the live items.

- items per stage and their age (live items, held ones counted under ON_HOLD);
- turnaround per stage (p50/p90 of completed stays) and end to end (order received -> shipped);
- SLA breaches per stage (completed stays over the target, and live items over it now);
- rejections per stage and reason (QA failures count as stage ``QA``);
- first-pass rate per artist (items whose artwork passed QC and the customer the first time);
- reprints per reason.

Percentiles use the nearest-rank method, so they are always one of the measured values.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from saleor_podops.fulfilment.models import DispatchState, FulfilmentSettings, PartnerJob
from saleor_podops.fulfilment.queue import fulfilment_settings_for, sla_hours_for
from saleor_podops.fulfilment.selectors import needs_attention_q
from saleor_podops.production.models import (
    EventType,
    ProductionItem,
    ProductionOrder,
    TimelineEvent,
)
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import OutboxMessage, OutboxStatus

DEFAULT_WINDOW = timedelta(days=30)
FIRST_PASS_BREAKERS = frozenset({Stage.ARTWORK_QC.value, Stage.CUSTOMER_APPROVAL.value})


def percentile(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(p / 100 * len(ordered)), 1)
    return ordered[rank - 1]


@dataclass(frozen=True)
class Turnaround:
    count: int
    p50_seconds: float | None
    p90_seconds: float | None

    @classmethod
    def of(cls, values: Sequence[float]) -> Turnaround:
        return cls(len(values), percentile(values, 50), percentile(values, 90))


@dataclass(frozen=True)
class StageLoad:
    stage: str
    items: int
    oldest_age_seconds: float
    average_age_seconds: float


@dataclass(frozen=True)
class ArtistFirstPass:
    artist_user_id: str
    items: int
    first_pass: int

    @property
    def rate(self) -> float:
        return self.first_pass / self.items if self.items else 0.0


@dataclass(frozen=True)
class ReasonCount:
    stage: str
    reason: str
    count: int


@dataclass(frozen=True)
class InstallationMetrics:
    since: datetime
    items_per_stage: tuple[StageLoad, ...]
    turnaround_per_stage: dict[str, Turnaround]
    end_to_end: Turnaround
    sla_breaches: dict[str, int]
    rejections: tuple[ReasonCount, ...]
    first_pass: tuple[ArtistFirstPass, ...]
    reprints_per_reason: dict[str, int]
    fulfilment_queue_depth: int
    partner_jobs_waiting: int
    partner_jobs_failed: int
    # Sent or not: the partner failed, held or returned it, a send or a cancellation failed.
    partner_jobs_needing_attention: int
    outbox_pending: int
    outbox_failed: int
    oldest_outbox_seconds: float
    oldest_partner_job_seconds: float


_MOVES = (
    EventType.STAGE_CHANGED,
    EventType.REJECTED,
    EventType.HELD,
    EventType.RESUMED,
    EventType.STAGE_SKIPPED,
)


def _stays(
    created_at: datetime, events: Iterable[tuple[datetime, str, str]]
) -> list[tuple[str, float]]:
    """(stage, seconds) of every completed stay of one item, from its ordered moves."""
    stays: list[tuple[str, float]] = []
    current: tuple[str, datetime] | None = None
    for at, from_stage, to_stage in events:
        if current is None:
            current = (from_stage, created_at)
        if current[0] == from_stage:
            stays.append((from_stage, (at - current[1]).total_seconds()))
        current = (to_stage, at)
    return stays


def _load(
    now: datetime, items: list[tuple[str, datetime | None, datetime]]
) -> tuple[StageLoad, ...]:
    ages: dict[str, list[float]] = defaultdict(list)
    for stage, entered, created in items:
        ages[stage].append((now - (entered or created)).total_seconds())
    return tuple(
        StageLoad(stage, len(values), max(values), sum(values) / len(values))
        for stage, values in sorted(ages.items())
    )


def installation_metrics(
    *, installation_id: int, now: datetime | None = None, since: datetime | None = None
) -> InstallationMetrics:
    now = now or timezone.now()
    since = since or now - DEFAULT_WINDOW
    settings: FulfilmentSettings = fulfilment_settings_for(installation_id)

    live = list(
        ProductionItem.objects.filter(installation_id=installation_id)
        .exclude(stage__in=[Stage.SHIPPED, Stage.CANCELLED])
        .values_list("stage", "stage_entered_at", "created_at")
    )
    items_per_stage = _load(now, live)

    items = dict(
        ProductionItem.objects.filter(
            installation_id=installation_id, created_at__gte=since
        ).values_list("pk", "created_at")
    )
    moves: dict[int, list[tuple[datetime, str, str]]] = defaultdict(list)
    rejections: Counter[tuple[str, str]] = Counter()
    reprints: Counter[str] = Counter()
    broken_first_pass: set[int] = set()
    for item_id, type_, at, from_stage, to_stage, reason in (
        TimelineEvent.objects.filter(installation_id=installation_id, item_id__in=list(items))
        .order_by("created_at", "id")
        .values_list("item_id", "type", "created_at", "from_stage", "to_stage", "reason_code")
    ):
        if type_ in _MOVES and from_stage and to_stage and from_stage != to_stage:
            moves[item_id].append((at, from_stage, to_stage))
        if type_ == EventType.REJECTED:
            rejections[(from_stage, reason)] += 1
            if from_stage in FIRST_PASS_BREAKERS:
                broken_first_pass.add(item_id)
        elif type_ == EventType.QA_FAILED:
            rejections[("QA", reason)] += 1
        elif type_ == EventType.REPRINT_CREATED:
            reprints[reason] += 1

    per_stage: dict[str, list[float]] = defaultdict(list)
    breaches: Counter[str] = Counter()
    for item_id, created_at in items.items():
        for stage, seconds in _stays(created_at, moves.get(item_id, [])):
            per_stage[stage].append(seconds)
            hours = sla_hours_for(settings, stage)
            if hours and seconds > hours * 3600:
                breaches[stage] += 1
    for stage, entered, created in live:
        hours = sla_hours_for(settings, stage)
        if hours and (now - (entered or created)).total_seconds() > hours * 3600:
            breaches[stage] += 1

    end_to_end = [
        (shipped - created).total_seconds()
        for created, shipped in ProductionOrder.objects.filter(
            installation_id=installation_id, shipped_at__isnull=False, shipped_at__gte=since
        ).values_list("created_at", "shipped_at")
        if shipped is not None
    ]

    artists: dict[str, list[int]] = defaultdict(list)
    for item_id, artist in (
        ProductionItem.objects.filter(installation_id=installation_id, pk__in=list(items))
        .exclude(artist_user_id="")
        .values_list("pk", "artist_user_id")
    ):
        artists[artist].append(item_id)
    first_pass = tuple(
        ArtistFirstPass(artist, len(ids), sum(1 for i in ids if i not in broken_first_pass))
        for artist, ids in sorted(artists.items())
    )

    jobs = PartnerJob.objects.filter(installation_id=installation_id)
    waiting = jobs.filter(dispatch_state=DispatchState.WAITING)
    oldest_job = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    outbox = OutboxMessage.objects.filter(installation_id=installation_id)
    pending = outbox.filter(status=OutboxStatus.PENDING)
    oldest_message = pending.order_by("created_at").values_list("created_at", flat=True).first()

    return InstallationMetrics(
        since=since,
        items_per_stage=items_per_stage,
        turnaround_per_stage={s: Turnaround.of(v) for s, v in sorted(per_stage.items())},
        end_to_end=Turnaround.of(end_to_end),
        sla_breaches=dict(sorted(breaches.items())),
        rejections=tuple(
            ReasonCount(stage, reason, count)
            for (stage, reason), count in sorted(rejections.items())
        ),
        first_pass=first_pass,
        reprints_per_reason=dict(sorted(reprints.items())),
        fulfilment_queue_depth=sum(
            load.items for load in items_per_stage if load.stage == Stage.FULFILMENT_QUEUE
        ),
        partner_jobs_waiting=waiting.count(),
        partner_jobs_failed=jobs.filter(dispatch_state=DispatchState.SEND_FAILED).count(),
        partner_jobs_needing_attention=jobs.filter(needs_attention_q()).count(),
        outbox_pending=pending.count(),
        outbox_failed=outbox.filter(status=OutboxStatus.FAILED).count(),
        oldest_outbox_seconds=(now - oldest_message).total_seconds() if oldest_message else 0.0,
        oldest_partner_job_seconds=(now - oldest_job).total_seconds() if oldest_job else 0.0,
    )
