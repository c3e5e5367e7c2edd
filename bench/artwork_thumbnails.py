"""Thumbnails of big images: PodOps' path beside naive Pillow and pyvips, measured in the same run.

``.venv/bin/python -m bench.artwork_thumbnails [--repeats N]``

Inputs (generated, photo-like): a 24-megapixel JPEG (6000 x 4000) and a 12 x 16 in, 300 DPI PNG
(3600 x 4800). Each method runs in a fresh process (spawn) so its peak memory is its own: the
number printed is the growth of the process's peak RSS (VmHWM, reset after the imports) over its RSS
before the work (Linux).

- podops: ``imaging.render_derivatives`` (JPEG DCT-scaled decode via draft, reduce before
  resampling, orientation, sRGB, metadata stripped, JPEG encode)
- naive: ``Image.open``, full decode, ``resize`` (LANCZOS), JPEG encode
- pyvips: ``pyvips.Image.thumbnail`` + JPEG encode (skipped when pyvips does not load)

Targets: podops at least 3x faster than naive Pillow on the JPEG thumbnail, peak memory under 150 MB.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

THUMBNAIL = 320
PREVIEW = 1600
TARGET_SPEEDUP = 3.0
TARGET_PEAK_MB = 150.0


def make_inputs(folder: Path) -> dict[str, Path]:
    from PIL import Image, ImageFilter

    def photo_like(size: tuple[int, int]) -> Image.Image:
        small = (size[0] // 8, size[1] // 8)
        base = Image.effect_noise(small, 80).convert("RGB").filter(ImageFilter.GaussianBlur(3))
        fine = Image.effect_noise(size, 20).convert("RGB")
        return Image.blend(base.resize(size, Image.Resampling.BICUBIC), fine, 0.25)

    jpeg = folder / "photo-24mp.jpg"
    photo_like((6000, 4000)).save(jpeg, "JPEG", quality=90)
    png = folder / "print-12x16in-300dpi.png"
    photo_like((3600, 4800)).save(png, "PNG", dpi=(300, 300), compress_level=6)
    return {"24 MP JPEG": jpeg, "12x16 in 300 DPI PNG": png}


def _podops(path: str, sizes: list[int]) -> None:
    import django

    django.setup()
    from saleor_podops.artwork.imaging import render_derivatives

    render_derivatives(path, sizes=sizes, max_pixels=100_000_000)


def _naive(path: str, sizes: list[int]) -> None:
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        for size in sizes:
            scale = size / max(image.size)
            resized = image.resize(
                (round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS
            )
            resized.convert("RGB").save(io.BytesIO(), "JPEG", quality=85)


def _pyvips(path: str, sizes: list[int]) -> None:
    import pyvips

    for size in sizes:
        pyvips.Image.thumbnail(path, size).jpegsave_buffer(Q=85)


METHODS: dict[str, Callable[[str, list[int]], None]] = {
    "podops": _podops,
    "naive Pillow": _naive,
    "pyvips": _pyvips,
}


def _status_mb(field: str) -> float:
    """VmRSS / VmHWM of this process (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    """Start the peak (VmHWM) from the current RSS, so the imports are not counted."""
    Path("/proc/self/clear_refs").write_text("5")


def _measure(
    method: str, path: str, sizes: list[int], repeats: int, answer: multiprocessing.Queue
) -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
    run = METHODS[method]
    if method == "podops":
        import django

        django.setup()
        from saleor_podops.artwork.imaging import render_derivatives  # noqa: F401 - import cost out
    elif method == "pyvips":
        import pyvips  # noqa: F401
    else:
        from PIL import Image  # noqa: F401
    _reset_peak()
    before = _status_mb("VmRSS")
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run(path, sizes)
        times.append(time.perf_counter() - started)
    answer.put((statistics.median(times), _status_mb("VmHWM") - before))


@dataclass(frozen=True)
class Result:
    seconds: float
    peak_mb: float


def measure(method: str, path: Path, sizes: list[int], repeats: int) -> Result | None:
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    process = context.Process(target=_measure, args=(method, str(path), sizes, repeats, answer))
    process.start()
    process.join()
    if process.exitcode != 0:
        return None
    seconds, peak = answer.get()
    return Result(seconds, peak)


def pyvips_available() -> bool:
    try:
        import pyvips

        pyvips.Image.black(2, 2)
    except Exception:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    methods = [m for m in METHODS if m != "pyvips" or pyvips_available()]
    if "pyvips" not in methods:
        print("pyvips: not available here (pip install 'pyvips[binary]'); skipped")
    misses = 0
    with tempfile.TemporaryDirectory(prefix="podops-bench-") as folder:
        inputs = make_inputs(Path(folder))
        for label, path in inputs.items():
            for task, sizes in (
                ("thumbnail", [THUMBNAIL]),
                ("thumbnail + preview", [PREVIEW, THUMBNAIL]),
            ):
                print(f"\n{label} ({path.stat().st_size / 1e6:.1f} MB), {task} {sizes}")
                results = {m: measure(m, path, sizes, options.repeats) for m in methods}
                naive = results["naive Pillow"]
                for method, result in results.items():
                    if result is None:
                        print(f"  {method:<13} failed")
                        continue
                    ratio = naive.seconds / result.seconds if naive else float("nan")
                    print(
                        f"  {method:<13} {result.seconds * 1000:8.1f} ms  peak +{result.peak_mb:6.1f} MB"
                        f"  {ratio:5.2f}x naive Pillow's speed"
                    )
                podops = results["podops"]
                if label.endswith("JPEG") and task == "thumbnail" and podops and naive:
                    speedup = naive.seconds / podops.seconds
                    ok = speedup >= TARGET_SPEEDUP and podops.peak_mb < TARGET_PEAK_MB
                    misses += not ok
                    print(
                        f"  target: >= {TARGET_SPEEDUP}x naive and < {TARGET_PEAK_MB:.0f} MB: "
                        f"{speedup:.2f}x, {podops.peak_mb:.1f} MB -> {'PASS' if ok else 'MISS'}"
                    )
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
