"""A print partner on 127.0.0.1 speaking PodOps' generic HTTP protocol, for the real check's
``--lifecycle`` mode (see README.md beside this file).

It is written from the protocol as the README states it, not from PodOps' code: jobs arrive as JSON
POSTed to ``/jobs`` with ``X-PodOps-Signature: sha256=<HMAC-SHA256 of the raw body>`` and an
``Idempotency-Key``; the partner answers ``{"id": "<its job id>"}`` (201 for a new job, 409 with the
same id for a key it already has). Status webhooks go back to the job's ``callback_url``, signed the
same way: ``{"event_id", "job_id", "status", "reason", "occurred_at", "items", "parcels"}``.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

SIGNATURE_HEADER = "X-PodOps-Signature"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass
class ReceivedJob:
    external_id: str
    idempotency_key: str
    body: dict[str, Any]
    tries: int = 1


@dataclass
class PartnerStub:
    """Receives jobs in a background thread; ``ship`` and ``report`` post statuses back."""

    secret: str
    jobs: dict[str, ReceivedJob] = field(default_factory=dict)  # by idempotency key
    refused: list[str] = field(default_factory=list)  # why requests were refused (bad signature)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    # Job ids are unique across runs, as a real partner's are (PodOps keeps one job per id).
    _run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @property
    def endpoint_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/jobs"

    def start(self) -> PartnerStub:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, answer = stub.receive(self.path, dict(self.headers.items()), body)
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def receive(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        given = next((v for k, v in headers.items() if k.lower() == SIGNATURE_HEADER.lower()), "")
        if not hmac.compare_digest(given, signature(self.secret, body)):
            self.refused.append(f"{path}: bad signature {given[:20]}...")
            return 401, {"error": "bad signature"}
        if path != "/jobs":
            return 404, {"error": f"no {path} here"}
        key = next((v for k, v in headers.items() if k.lower() == "idempotency-key"), "")
        if not key:
            self.refused.append("a job without Idempotency-Key")
            return 400, {"error": "Idempotency-Key is required"}
        with self._lock:
            if key in self.jobs:
                self.jobs[key].tries += 1
                return 409, {"id": self.jobs[key].external_id}
            job = ReceivedJob(f"RC-JOB-{self._run}-{next(self._ids)}", key, json.loads(body))
            self.jobs[key] = job
        return 201, {"id": job.external_id}

    def wait_for_job(
        self, order_number: str, timeout: float, *, besides: tuple[str, ...] = ()
    ) -> ReceivedJob | None:
        """The first job received for the order, other than those whose ids are ``besides``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for job in self.jobs.values():
                    if job.body.get("order_number") == order_number and (
                        job.external_id not in besides
                    ):
                        return job
            time.sleep(0.5)
        return None

    def report(
        self,
        job: ReceivedJob,
        status: str,
        *,
        parcels: list[dict[str, Any]] | None = None,
        reason: str = "",
    ) -> httpx.Response:
        """Post one signed status event to the job's callback URL."""
        event = {
            "event_id": f"{job.external_id}-{status}",
            "job_id": job.external_id,
            "status": status,
            "reason": reason,
            "occurred_at": datetime.now(UTC).isoformat(),
            "items": [],
            "parcels": parcels or [],
        }
        body = json.dumps(event).encode()
        return httpx.post(
            job.body["callback_url"],
            content=body,
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: signature(self.secret, body),
            },
            timeout=30.0,
        )
