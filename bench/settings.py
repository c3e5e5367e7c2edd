"""Benchmark-only settings: the product's settings with a URLconf that adds the bare baseline view."""

from saleor_podops.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
