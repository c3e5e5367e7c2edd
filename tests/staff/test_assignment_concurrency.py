"""Assignment under real concurrent transactions on PostgreSQL: many workers assigning at once
never give one item to two people and never push anyone over capacity. (SQLite serialises writers,
so this only means something on PostgreSQL: skipped elsewhere.)"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.db.models import Count, Exists, OuterRef, Sum

from saleor_podops.production.models import ProductionItem
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.assignment import queue_fill, staff_fill
from saleor_podops.staff.models import Assignment, StaffMember
from saleor_podops.staff.roles import Role
from saleor_podops.workflow import actions
from saleor_podops.workflow.flow import FlowSwitches, flow_settings_update
from saleor_podops.workflow.transitions import Person, PersonKind

from ..staff_api import paid_order, staff_member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL"
    ),
]

WORKERS = 8


def run_concurrently(jobs: list[Callable[[], object]]) -> list[BaseException]:
    """Start every job at the same moment on its own thread (own connection)."""
    barrier = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as exc:  # collected and asserted on by the test
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return failures


def assert_consistent() -> None:
    doubled = (
        Assignment.objects.filter(released_at__isnull=True)
        .values("item")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert list(doubled) == []
    for member in StaffMember.objects.all():
        held = Assignment.objects.filter(staff=member, released_at__isnull=True).aggregate(
            total=Sum("weight")
        )["total"]
        assert member.load == (held or 0), member
        assert member.load <= member.capacity, member


def test_concurrent_workers_never_double_assign_nor_overfill(installation: Installation) -> None:
    # given 120 waiting items and 10 artists with room for 80 between them
    flow_settings_update(
        installation=installation, switches=FlowSwitches(image_review_enabled=False)
    )
    artists = [
        staff_member(installation, f"artist-{n}", Role.ARTIST, capacity=8) for n in range(10)
    ]
    for number in range(120):
        paid_order(installation, str(5000 + number), assign=False)

    # when 8 workers fill the queue while each artist's own fill runs at the same time
    jobs: list[Callable[[], object]] = [
        lambda: queue_fill(installation_id=installation.pk) for _ in range(WORKERS)
    ]
    jobs += [lambda pk=artist.pk: staff_fill(staff_pk=pk) for artist in artists]
    failures = run_concurrently(jobs)

    # then nothing failed, every unit of capacity is used once, and nobody is over capacity
    assert failures == []
    assert_consistent()
    assert Assignment.objects.filter(released_at__isnull=True).count() == 80
    assert StaffMember.objects.filter(load=8).count() == 10
    waiting = ProductionItem.objects.filter(stage=Stage.ARTWORK).exclude(
        Exists(Assignment.objects.filter(item=OuterRef("pk"), released_at__isnull=True))
    )
    assert waiting.count() == 40


def test_concurrent_moves_assign_the_next_stage_safely(installation: Installation) -> None:
    # given 40 items in image review and 3 artists with room for 20
    staff_member(installation, "processor", Role.IMAGE_PROCESSOR, capacity=100)
    for n, capacity in enumerate((5, 7, 8)):
        staff_member(installation, f"artist-{n}", Role.ARTIST, capacity=capacity)
    for number in range(40):
        paid_order(installation, str(6000 + number))
    items = list(ProductionItem.objects.filter(stage=Stage.IMAGE_REVIEW))
    assert len(items) == 40
    processor = Person(PersonKind.STAFF, "processor", frozenset({Role.IMAGE_PROCESSOR}))

    # when 8 workers approve 5 items each at the same time
    def approve(batch: list[ProductionItem]) -> None:
        for item in batch:
            actions.item_approve_image(item=item, person=processor)

    failures = run_concurrently([lambda b=items[i::WORKERS]: approve(b) for i in range(WORKERS)])

    # then every item moved, exactly 20 were assigned, and nobody is over capacity
    assert failures == []
    assert_consistent()
    assert ProductionItem.objects.filter(stage=Stage.ARTWORK).count() == 40
    assert Assignment.objects.filter(released_at__isnull=True, stage=Stage.ARTWORK).count() == 20
    assert StaffMember.objects.get(saleor_user_id="processor").load == 0
