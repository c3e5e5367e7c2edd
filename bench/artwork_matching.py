"""Matching a 1,000-file artwork batch against 100,000 open items.

``.venv/bin/python -m bench.artwork_matching [--items N] [--files N]``

Two measurements, each beside a baseline from the same run:

- in memory: ``MatchIndex`` over 100k candidates (built once) matching 1,000 names, beside the
  plainest possible matcher (a dict of exact stems, exact look-ups);
- end to end: ``artwork_batch_plan`` on a SQLite database holding 100k open items (the candidate
  query by order number, matching, the assignment query), beside the candidate query alone.

Target: the end-to-end batch plan under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_SECONDS = 1.0
PRODUCTS = ["Yellow Portrait", "Pet Mug", "Canvas - Large", "T-Shirt", "Family Poster", "Pillow"]
BACKGROUNDS = ["LivingRoom", "Bedroom", "Kitchen", ""]


def timed(run: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def item_rows(count: int, rng: random.Random) -> list[tuple[str, str, int, dict[str, str], str]]:
    """(order number, product, line index, options, variant) for ``count`` items, 1-4 per order."""
    rows: list[tuple[str, str, int, dict[str, str], str]] = []
    number = 10_000
    while len(rows) < count:
        number += 1
        for line in range(1, rng.randint(1, 4) + 1):
            background = rng.choice(BACKGROUNDS)
            rows.append(
                (
                    str(number),
                    rng.choice(PRODUCTS),
                    line,
                    {"background": background} if background else {},
                    rng.choice(["Full", "Half", ""]),
                )
            )
    return rows[:count]


def file_names(
    rows: list[tuple[str, str, int, dict[str, str], str]], count: int, rng: random.Random
) -> list[str]:
    from saleor_podops.artwork.matching import file_stem

    names = []
    for row in rng.sample(rows, count):
        number, product, line, options, variant = row
        stem = file_stem(
            order_number=number,
            product_name=product,
            line_index=line,
            options=options,
            variant_name=variant,
        )
        style = rng.random()
        if style < 0.6:
            names.append(f"{stem} - Uploaded Images.png")
        elif style < 0.8:
            names.append(f"{stem.upper()}  (1).JPG")
        elif style < 0.9:
            names.append(f"{number} artwork.png")  # never matches
        else:
            names.append(f"{number} - {product} - {line + 7}.png")  # a line that does not exist
    return names


def in_memory(items: int, files: int) -> None:
    from saleor_podops.artwork.matching import (
        MatchCandidate,
        MatchIndex,
        file_stem,
        item_line_properties,
    )

    rng = random.Random(7)
    rows = item_rows(items, rng)
    names = file_names(rows, files, rng)
    candidates = [
        MatchCandidate(
            pk,
            number,
            product,
            line,
            tuple(item_line_properties(options=options, variant_name=variant)),
        )
        for pk, (number, product, line, options, variant) in enumerate(rows, start=1)
    ]

    build = timed(lambda: MatchIndex(candidates), repeats=3)
    index = MatchIndex(candidates)
    match = timed(lambda: [index.match(name) for name in names])
    exact = {
        file_stem(order_number=n, product_name=p, line_index=i, options=o, variant_name=v): pk
        for pk, (n, p, i, o, v) in enumerate(rows, start=1)
    }
    baseline = timed(lambda: [exact.get(name.rsplit(".", 1)[0]) for name in names])
    matched = sum(index.match(name).item_id is not None for name in names)
    print(f"in memory: {items:,} items, {files:,} files ({matched} match)")
    print(
        f"  index build       {build * 1000:8.1f} ms "
        f"(all {items:,}; the real path indexes only the batch's orders)"
    )
    print(f"  match {files} names {match * 1000:8.1f} ms")
    print(f"  baseline exact dict look-ups {baseline * 1000:8.3f} ms -> {match / baseline:,.0f}x")


def end_to_end(items: int, files: int) -> bool:
    import django

    with tempfile.TemporaryDirectory(prefix="podops-bench-") as folder:
        os.environ["PODOPS_DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ["PODOPS_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_podops.settings")
        django.setup()
        from django.core.management import call_command

        from saleor_podops.artwork.assignees import open_assignees
        from saleor_podops.artwork.batches import _candidate_items, artwork_batch_plan
        from saleor_podops.artwork.versions import ArtworkUploader
        from saleor_podops.production.models import ActorType, ProductionItem, ProductionOrder
        from saleor_podops.production.stages import Stage
        from saleor_podops.production.timeline import Actor
        from saleor_podops.saleor.models import Installation

        call_command("migrate", verbosity=0)
        installation = Installation.objects.create(
            saleor_api_url="https://bench.example.com/graphql/",
            app_id="QXBwOjE=",
            encrypted_token="",
        )
        rng = random.Random(7)
        rows = item_rows(items, rng)
        names = file_names(rows, files, rng)
        numbers = sorted({row[0] for row in rows})
        orders = ProductionOrder.objects.bulk_create(
            [
                ProductionOrder(installation=installation, saleor_order_id=f"o-{n}", number=n)
                for n in numbers
            ],
            batch_size=5000,
        )
        order_ids = {order.number: order.pk for order in orders}
        ProductionItem.objects.bulk_create(
            [
                ProductionItem(
                    installation=installation,
                    order_id=order_ids[number],
                    saleor_line_id=f"l-{number}-{line}",
                    line_index=line,
                    product_name=product,
                    variant_name=variant,
                    options=options,
                    stage=Stage.ARTWORK,
                )
                for number, product, line, options, variant in rows
            ],
            batch_size=5000,
        )
        uploader = ArtworkUploader(
            actor=Actor(ActorType.STAFF, "bench"), is_manager=True, assignees=open_assignees
        )
        plan = timed(
            lambda: artwork_batch_plan(
                installation=installation, file_names=names, uploader=uploader
            )
        )
        fetch = timed(lambda: _candidate_items(installation, names))
        results = artwork_batch_plan(installation=installation, file_names=names, uploader=uploader)
        matched = sum(r.ok for r in results)
        total = ProductionItem.objects.count()
        print(f"\nend to end (SQLite): {total:,} open items, {files:,} files ({matched} match)")
        print(f"  artwork_batch_plan     {plan * 1000:8.1f} ms")
        print(f"  baseline: candidate query alone {fetch * 1000:8.1f} ms -> {plan / fetch:.2f}x")
        ok = plan < TARGET_SECONDS
        print(f"  target: under {TARGET_SECONDS:.0f} s: {plan:.3f} s -> {'PASS' if ok else 'MISS'}")
        return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=1_000)
    options = parser.parse_args()
    in_memory(options.items, options.files)
    return 0 if end_to_end(options.items, options.files) else 1


if __name__ == "__main__":
    raise SystemExit(main())
