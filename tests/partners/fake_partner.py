"""A print partner at a real local HTTP server (pytest-httpserver): it records every request,
checks the signature, makes one job per idempotency key, and can be told to fail."""

from __future__ import annotations

import json
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from saleor_podops.partners.signing import signature_matches

JOBS_PATH = "/v1/jobs"


@dataclass
class FakePartner:
    server: HTTPServer
    secret: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)  # idempotency key -> job
    # What to do with the next requests, in order: "500", "429", "400", "sleep", "lose" (make the
    # job, then answer 500 as if the answer was lost). Empty: behave.
    script: deque[str] = field(default_factory=deque)
    sleep_seconds: float = 1.5
    cancelled: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url_for(JOBS_PATH)

    def mount(self) -> None:
        self.server.expect_request(JOBS_PATH, method="POST").respond_with_handler(self._handle)
        self.server.expect_request(
            re.compile(r"^/v1/jobs/[^/]+/cancel$"), method="POST"
        ).respond_with_handler(self._cancel)

    def _cancel(self, request: Request) -> Response:
        job_id = request.path.split("/")[-2]
        self.cancelled.append(
            (
                job_id,
                signature_matches(
                    self.secret, request.get_data(), request.headers.get("X-PodOps-Signature", "")
                ),
            )
        )
        action = self.script.popleft() if self.script else ""
        if action in {"500", "400"}:
            return Response("{}", status=int(action))
        return Response("{}", status=200)

    def _handle(self, request: Request) -> Response:
        body = request.get_data()
        key = request.headers.get("Idempotency-Key", "")
        self.requests.append(
            {
                "key": key,
                "signed": signature_matches(
                    self.secret, body, request.headers.get("X-PodOps-Signature", "")
                ),
                "json": json.loads(body),
            }
        )
        action = self.script.popleft() if self.script else ""
        if action == "sleep":
            time.sleep(self.sleep_seconds)
        if action in {"500", "429", "400"}:
            headers = {"Retry-After": "7"} if action == "429" else {}
            return Response("{}", status=int(action), headers=headers)
        if key in self.jobs:
            return Response(json.dumps({"id": self.jobs[key]["id"]}), status=409)
        self.jobs[key] = {"id": f"pj-{len(self.jobs) + 1}", "body": json.loads(body)}
        if action == "lose":
            return Response("upstream trouble", status=502)
        return Response(json.dumps({"id": self.jobs[key]["id"]}), status=201)
