"""The metrics of every active installation in Prometheus' text format (prometheus_client)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from saleor_podops.saleor.models import Installation

from .compute import installation_metrics

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class PodOpsCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        items = GaugeMetricFamily(
            "podops_items", "Live production items per stage", labels=["installation", "stage"]
        )
        age = GaugeMetricFamily(
            "podops_item_age_seconds_max",
            "Age in its stage of the oldest live item",
            labels=["installation", "stage"],
        )
        turnaround = GaugeMetricFamily(
            "podops_stage_turnaround_seconds",
            "Time spent in a stage (completed stays, last 30 days)",
            labels=["installation", "stage", "quantile"],
        )
        end_to_end = GaugeMetricFamily(
            "podops_end_to_end_seconds",
            "Order received to shipped (last 30 days)",
            labels=["installation", "quantile"],
        )
        breaches = GaugeMetricFamily(
            "podops_sla_breaches", "Stays over the SLA target", labels=["installation", "stage"]
        )
        rejections = CounterMetricFamily(
            "podops_rejections",
            "Rejections per stage and reason (last 30 days)",
            labels=["installation", "stage", "reason"],
        )
        first_pass = GaugeMetricFamily(
            "podops_first_pass_rate",
            "Share of an artist's items accepted the first time",
            labels=["installation", "artist"],
        )
        reprints = CounterMetricFamily(
            "podops_reprints",
            "Reprints per reason (last 30 days)",
            labels=["installation", "reason"],
        )
        depth = GaugeMetricFamily(
            "podops_queue_depth", "Work waiting", labels=["installation", "queue"]
        )
        latency = GaugeMetricFamily(
            "podops_task_latency_seconds",
            "Age of the oldest waiting task",
            labels=["installation", "queue"],
        )
        errors = GaugeMetricFamily(
            "podops_failed_tasks", "Tasks that failed for good", labels=["installation", "queue"]
        )
        for installation in Installation.objects.filter(is_active=True).order_by("pk"):
            name = installation.saleor_api_url
            m = installation_metrics(installation_id=installation.pk)
            for load in m.items_per_stage:
                items.add_metric([name, load.stage], load.items)
                age.add_metric([name, load.stage], load.oldest_age_seconds)
            for stage, t in m.turnaround_per_stage.items():
                for quantile, value in (("0.5", t.p50_seconds), ("0.9", t.p90_seconds)):
                    if value is not None:
                        turnaround.add_metric([name, stage, quantile], value)
            for quantile, value in (
                ("0.5", m.end_to_end.p50_seconds),
                ("0.9", m.end_to_end.p90_seconds),
            ):
                if value is not None:
                    end_to_end.add_metric([name, quantile], value)
            for stage, count in m.sla_breaches.items():
                breaches.add_metric([name, stage], count)
            for row in m.rejections:
                rejections.add_metric([name, row.stage, row.reason], row.count)
            for artist in m.first_pass:
                first_pass.add_metric([name, artist.artist_user_id], artist.rate)
            for reason, count in m.reprints_per_reason.items():
                reprints.add_metric([name, reason], count)
            depth.add_metric([name, "fulfilment"], m.fulfilment_queue_depth)
            depth.add_metric([name, "partner_jobs"], m.partner_jobs_waiting)
            depth.add_metric(
                [name, "partner_jobs_needing_attention"], m.partner_jobs_needing_attention
            )
            depth.add_metric([name, "saleor_outbox"], m.outbox_pending)
            latency.add_metric([name, "partner_jobs"], m.oldest_partner_job_seconds)
            latency.add_metric([name, "saleor_outbox"], m.oldest_outbox_seconds)
            errors.add_metric([name, "partner_jobs"], m.partner_jobs_failed)
            errors.add_metric([name, "saleor_outbox"], m.outbox_failed)
        yield from (
            items,
            age,
            turnaround,
            end_to_end,
            breaches,
            rejections,
            first_pass,
            reprints,
            depth,
            latency,
            errors,
        )


def metrics_text() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(PodOpsCollector())
    return generate_latest(registry)
