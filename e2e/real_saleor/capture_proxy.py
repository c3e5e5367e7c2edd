"""A recording reverse proxy between a real Saleor and PodOps, for capturing what Saleor really sends.

Run PodOps with ``PODOPS_PUBLIC_URL`` pointing at this proxy so the manifest's URLs (token target,
webhook targets) lead Saleor here; every request is forwarded unchanged to PodOps and the answer
returned unchanged. Requests from Saleor are recorded in ``--out``:

- ``webhooks/<n>-<event>.body``: the raw body bytes exactly as signed (``Saleor-Signature`` covers
  them), ``webhooks/<n>-<event>.json``: the request headers and PodOps' answer;
- ``manifest-request.json`` / ``register-request.json``: the headers of the install handshake (the
  register body's ``auth_token`` is never written).

    python e2e/real_saleor/capture_proxy.py --listen 127.0.0.1:8101 \
        --upstream http://127.0.0.1:8100 --out /tmp/podops-capture
"""

from __future__ import annotations

import argparse
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}
RECORDED_HEADERS = (
    "saleor-event",
    "saleor-domain",
    "saleor-api-url",
    "saleor-signature",
    "saleor-schema-version",
    "content-type",
    "user-agent",
    "x-saleor-event",
    "x-saleor-domain",
    "x-saleor-signature",
)


class Recorder:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.counter = itertools.count(1)
        self.lock = threading.Lock()
        (out / "webhooks").mkdir(parents=True, exist_ok=True)

    def record(
        self, path: str, headers: dict[str, str], body: bytes, answer: httpx.Response
    ) -> None:
        seen = {name: headers[name] for name in RECORDED_HEADERS if name in headers}
        summary = {
            "path": path,
            "headers": seen,
            "answer": {"status": answer.status_code, "body": answer.text[:500]},
        }
        if path.startswith("/api/webhooks/"):
            event = headers.get("saleor-event", "unknown")
            with self.lock:
                number = next(self.counter)
            stem = self.out / "webhooks" / f"{number:02d}-{event}"
            stem.with_suffix(".body").write_bytes(body)
            stem.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n")
        elif path.startswith("/api/manifest"):
            (self.out / "manifest-request.json").write_text(json.dumps(summary, indent=2) + "\n")
        elif path.startswith("/api/register"):
            keys = sorted(json.loads(body or b"{}").keys())
            summary["body_keys"] = keys  # the token itself is never written
            (self.out / "register-request.json").write_text(json.dumps(summary, indent=2) + "\n")


def make_handler(upstream: str, recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    client = httpx.Client(base_url=upstream, timeout=30.0, follow_redirects=False)

    class Handler(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            answer = client.request(self.command, self.path, content=body, headers=headers)
            recorder.record(
                self.path, {k.lower(): v for k, v in self.headers.items()}, body, answer
            )
            self.send_response(answer.status_code)
            for name, value in answer.headers.items():
                if name.lower() not in HOP_BY_HOP | {"content-encoding"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = _forward

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="Record what Saleor sends to PodOps.")
    parser.add_argument("--listen", default="127.0.0.1:8101")
    parser.add_argument("--upstream", default="http://127.0.0.1:8100")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    host, port = args.listen.rsplit(":", 1)
    server = ThreadingHTTPServer((host, int(port)), make_handler(args.upstream, Recorder(args.out)))
    print(f"Recording {args.listen} -> {args.upstream} into {args.out}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
