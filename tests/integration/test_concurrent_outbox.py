"""Several workers flushing the outbox at the same moment, on PostgreSQL: Saleor gets each write once."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from saleor_podops.saleor import outbox
from saleor_podops.saleor.models import Installation, OutboxKind, OutboxMessage, OutboxStatus

from ..saleor_stub import SaleorStub

FLUSHERS = 6
MESSAGES = 20


def test_concurrent_flushes_send_every_message_exactly_once(
    saleor_http: SaleorStub, live_installation: Installation
) -> None:
    # given 20 notes waiting in the outbox (created directly: no flush is scheduled)
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(
            installation=live_installation,
            kind=OutboxKind.ADD_ORDER_NOTE,
            saleor_object_id=f"T3JkZXI6{index}",
            payload={"message": f"note {index}"},
        )
        for index in range(MESSAGES)
    )
    barrier = threading.Barrier(FLUSHERS)

    def flush() -> int:
        try:
            barrier.wait(timeout=10)
            return outbox.flush()
        finally:
            connection.close()  # this thread's own connection

    # when six flushes start together
    with ThreadPoolExecutor(max_workers=FLUSHERS) as pool:
        list(pool.map(lambda _: flush(), range(FLUSHERS)))

    # then Saleor received each note once, and each message is sent after one attempt
    sent = Counter(r["variables"]["message"] for r in saleor_http.operations("OrderNoteAdd"))
    assert sent == {f"note {index}": 1 for index in range(MESSAGES)}
    assert (
        sorted(
            OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).values_list(
                "status", "attempts"
            )
        )
        == [(OutboxStatus.SENT, 1)] * MESSAGES
    )
