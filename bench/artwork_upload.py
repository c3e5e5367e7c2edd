"""A 200 MB photo uploaded to the storefront endpoint: the server's memory must not follow the file.

``.venv/bin/python -m bench.artwork_upload [--megabytes 200]``

A real HTTP server (Django's WSGI app under wsgiref, one process, SQLite and a local media folder in
a temporary directory) receives a real ~200 MB JPEG (generated: noise at quality 100) streamed by
http.client in 1 MB chunks as a multipart upload to ``POST /api/uploads`` with an upload session.
The server's RSS is sampled every 5 ms; printed is its growth during the request. The baseline in
the same run is the same body sent to a naive view that reads ``request.body`` (the whole upload in
memory).

Target: PodOps' upload path grows the server's memory by less than 64 MB.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TARGET_GROWTH_MB = 64.0
API_URL = "https://bench.example.com/graphql/"
CHUNK = 1024 * 1024


# --- the server process --------------------------------------------------------------------------


def __getattr__(name: str) -> Any:
    """``urlpatterns`` for the server (ROOT_URLCONF points here), made only once Django is set up."""
    if name != "urlpatterns":
        raise AttributeError(name)
    from django.http import HttpRequest, JsonResponse
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt

    @csrf_exempt
    def naive_upload(request: HttpRequest) -> JsonResponse:
        return JsonResponse({"received": len(request.body)})

    return [path("naive-upload", naive_upload), path("", include("saleor_podops.urls"))]


def serve(port: int, folder: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "saleor_podops.settings",
            "PODOPS_VAR_DIR": str(folder),
            "PODOPS_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "PODOPS_MEDIA_ROOT": str(folder / "media"),
            "PODOPS_UPLOAD_MAX_BYTES": str(400 * CHUNK),
            "PODOPS_UPLOAD_SESSION_MAX_BYTES": str(1000 * CHUNK),
        }
    )
    for sub in ("broker/queue", "broker/processed"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command

    from saleor_podops.saleor.models import Installation

    settings.ROOT_URLCONF = "bench.artwork_upload"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None  # the naive baseline reads the whole body
    call_command("migrate", verbosity=0)
    Installation.objects.create(saleor_api_url=API_URL, app_id="QXBwOjE=", encrypted_token="")

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = make_server("127.0.0.1", port, WSGIHandler(), handler_class=QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


# --- the client ----------------------------------------------------------------------------------


def make_jpeg(path: Path, megabytes: int) -> None:
    from PIL import Image

    # Noise at quality 100 without chroma subsampling costs about 4.16 bytes per pixel.
    side = int(math.sqrt(megabytes * 1e6 / 4.16))
    channels = [Image.effect_noise((side, side), 90) for _ in range(3)]
    Image.merge("RGB", channels).save(path, "JPEG", quality=100, subsampling=0)


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            yield chunk


def send(
    port: int, target: str, parts: list[bytes | Path], headers: dict[str, str]
) -> tuple[int, bytes]:
    """POST a body made of byte strings and files, streamed, with its exact Content-Length."""
    length = sum(p.stat().st_size if isinstance(p, Path) else len(p) for p in parts)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.putrequest("POST", target)
    for name, value in {**headers, "Content-Length": str(length)}.items():
        connection.putheader(name, value)
    connection.endheaders()
    for part in parts:
        for chunk in _chunks(part) if isinstance(part, Path) else [part]:
            connection.send(chunk)
    response = connection.getresponse()
    return response.status, response.read()


def multipart(photo: Path, boundary: str) -> list[bytes | Path]:
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{photo.name}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return [head, photo, f"\r\n--{boundary}--\r\n".encode()]


def measure(pid: int, action: Any) -> tuple[float, float, Any]:
    """Run ``action`` while sampling ``pid``'s RSS; (growth in MB, seconds, action's result)."""
    import psutil

    process = psutil.Process(pid)
    before = process.memory_info().rss
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    try:
        result = action()
    finally:
        done.set()
        sampler.join()
    return (peak - before) / CHUNK, time.perf_counter() - started, result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--serve", nargs=2, metavar=("PORT", "FOLDER"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve(int(options.serve[0]), Path(options.serve[1]))
        return 0

    with tempfile.TemporaryDirectory(prefix="podops-bench-") as folder:
        photo = Path(folder) / "holiday.jpg"
        print(f"generating a ~{options.megabytes} MB JPEG ...", flush=True)
        make_jpeg(photo, options.megabytes)
        size_mb = photo.stat().st_size / CHUNK
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "bench.artwork_upload", "--serve", str(port), folder],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            if server.stdout.readline().strip() != "ready":
                print("the server did not start")
                return 1
            api = {"Saleor-Api-Url": API_URL}
            status, body = send(
                port,
                "/api/uploads/sessions",
                [b""],
                {**api, "Content-Type": "application/x-www-form-urlencoded"},
            )
            token = json.loads(body)["token"]
            boundary = secrets.token_hex(16)
            upload_headers = {
                **api,
                "Podops-Upload-Session": token,
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            }
            # Warm the server up (imports, first queries) with a small real photo.
            small = Path(folder) / "small.jpg"
            make_jpeg(small, 1)
            status, body = send(port, "/api/uploads", multipart(small, boundary), upload_headers)
            assert status == 201, body

            growth, seconds, (status, body) = measure(
                server.pid,
                lambda: send(port, "/api/uploads", multipart(photo, boundary), upload_headers),
            )
            assert status == 201, body
            naive_growth, naive_seconds, (naive_status, _) = measure(
                server.pid,
                lambda: send(
                    port, "/naive-upload", [photo], {"Content-Type": "application/octet-stream"}
                ),
            )
            assert naive_status == 200
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(
        f"upload of {size_mb:.0f} MB ({json.loads(body)['width']} px wide JPEG), server RSS growth:"
    )
    print(
        f"  podops /api/uploads      +{growth:7.1f} MB  {seconds:6.2f} s ({size_mb / seconds:6.0f} MB/s)"
    )
    print(
        f"  baseline request.body    +{naive_growth:7.1f} MB  {naive_seconds:6.2f} s "
        f"({size_mb / naive_seconds:6.0f} MB/s)"
    )
    print(f"  ratio podops / baseline: {growth / naive_growth:.2f}")
    ok = growth < TARGET_GROWTH_MB
    print(f"  target: < {TARGET_GROWTH_MB:.0f} MB: {growth:.1f} MB -> {'PASS' if ok else 'MISS'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
