"""The load generator, run as its own process: ``python -m bench.load REQUESTS.jsonl --port N``.

Sends each prepared request once (in file order, over ``--concurrency`` keep-alive connections to
127.0.0.1), stops at the end of the file or after ``--max-seconds``, and prints one JSON line of
results: counts by status, elapsed seconds, requests per second and latency percentiles.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import itertools
import json
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PreparedRequest:
    path: str
    headers: dict[str, str]
    body: bytes

    @classmethod
    def from_json(cls, line: str) -> PreparedRequest:
        data = json.loads(line)
        return cls(data["path"], data["headers"], base64.b64decode(data["body"]))

    def to_json(self) -> str:
        return json.dumps(
            {
                "path": self.path,
                "headers": self.headers,
                "body": base64.b64encode(self.body).decode(),
            }
        )


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def run_load(
    requests: list[PreparedRequest], *, port: int, concurrency: int, max_seconds: float
) -> dict[str, Any]:
    counter = itertools.count()
    deadline = time.monotonic() + max_seconds
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        my_statuses: Counter[str] = Counter()
        try:
            while time.monotonic() < deadline:
                index = next(counter)
                if index >= len(requests):
                    break
                request = requests[index]
                started = time.perf_counter()
                try:
                    connection.request(
                        "POST", request.path, body=request.body, headers=request.headers
                    )
                    response = connection.getresponse()
                    response.read()
                    my_statuses[str(response.status)] += 1
                except (OSError, http.client.HTTPException) as exc:
                    my_statuses[f"error:{exc.__class__.__name__}"] += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    continue
                mine.append(time.perf_counter() - started)
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)
                statuses.update(my_statuses)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    done = len(latencies)
    return {
        "requests": done,
        "statuses": dict(statuses),
        "elapsed_s": elapsed,
        "rps": done / elapsed if elapsed else 0.0,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p90_ms": percentile(latencies, 0.90) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("requests", type=Path)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    args = parser.parse_args()
    with args.requests.open() as lines:
        prepared = [PreparedRequest.from_json(line) for line in lines if line.strip()]
    result = run_load(
        prepared, port=args.port, concurrency=args.concurrency, max_seconds=args.max_seconds
    )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
