"""Waking the delivery drain: one coalesced broker message instead of one per delivery.

``wake()`` is called after a delivery is committed. A background thread per process sends the
``drain_deliveries`` task at once when it has sent none for ``WAKE_INTERVAL_SECONDS``, otherwise at
the end of that interval, and one message then stands for every wake since the last one. Because
the flag is cleared before the message is sent, every wake is followed by a message sent after it,
so a drain always starts after the delivery was committed and finds it. A wake lost with its
process (or a broker that is down) is made good by the beat sweeper, which drains every minute.

With eager tasks (tests, ``PODOPS_TASKS_EAGER``) the drain runs at once in the caller instead.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time

logger = logging.getLogger(__name__)

WAKE_INTERVAL_SECONDS = 0.25


def _eager() -> bool:
    from .tasks import drain_deliveries

    return bool(drain_deliveries.app.conf.task_always_eager)


def _send(countdown: float | None = None) -> None:
    from .tasks import drain_deliveries

    try:
        drain_deliveries.apply_async(countdown=countdown)
    except Exception:  # the broker is down: the beat sweeper drains later
        logger.exception("Could not wake the webhook delivery drain")


class _Waker:
    def __init__(self) -> None:
        self._reset()
        atexit.register(self.flush)

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._condition = threading.Condition()
        self._pending = False
        self._last_sent = float("-inf")
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        if self._pid != os.getpid():  # forked after the thread started: it did not come along
            self._reset()
        with self._condition:
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="podops-drain-wake", daemon=True
                )
                self._thread.start()
            self._condition.notify()

    def flush(self) -> None:
        """Send a wake still waiting for its interval (at process exit)."""
        if self._pid != os.getpid():
            return
        with self._condition:
            pending, self._pending = self._pending, False
        if pending:
            _send()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._pending:
                    self._condition.wait()
                wait = self._last_sent + WAKE_INTERVAL_SECONDS - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            with self._condition:
                if not self._pending:  # flushed meanwhile
                    continue
                self._pending = False
                self._last_sent = time.monotonic()
            _send()


_waker = _Waker()


def wake() -> None:
    """Ask for a drain soon: coalesced with every other wake of this process within the interval."""
    if _eager():
        _send()
        return
    _waker.wake()


def wake_later(seconds: float) -> None:
    """Ask for a drain in ``seconds`` (a delivery waiting out its backoff)."""
    if _eager():
        return  # nothing would be due yet; tests drive the clock and the drain themselves
    _send(countdown=seconds)
