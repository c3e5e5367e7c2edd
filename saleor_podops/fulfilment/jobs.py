"""Making partner jobs: one per order (per batch, or per reprint), each line printed from the
approved artwork version, with its QA requirement decided when the line is made."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings as django_settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from saleor_podops.artwork.downloads import signed_download_url
from saleor_podops.artwork.models import ArtworkVersion, UploadStatus
from saleor_podops.partners.interface import JobFile, JobRequest
from saleor_podops.partners.interface import JobLine as JobLineSpec
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import ProductionItem, ProductionOrder

from .models import Batch, FulfilmentSettings, JobLine, PartnerJob, QaState
from .printful_webhooks import partner_webhook_after_new_job


def approved_versions(items: Iterable[ProductionItem]) -> dict[int, ArtworkVersion]:
    """The artwork version each item is printed from: the newest accepted one. Artwork can only be
    uploaded while an item is in the artwork stage, so once approved it is the approved version."""
    ids = [item.pk for item in items]
    newest = (
        ArtworkVersion.objects.filter(item_id__in=ids, status=UploadStatus.ACCEPTED)
        .values("item_id")
        .annotate(number=Max("number"))
    )
    wanted = {(row["item_id"], row["number"]) for row in newest}
    return {
        version.item_id: version
        for version in ArtworkVersion.objects.filter(item_id__in=ids)
        if (version.item_id, version.number) in wanted
    }


def qa_requirement(item: ProductionItem, settings: FulfilmentSettings) -> tuple[QaState, bool]:
    """(QA state, picked by spot check). The gate is per product type; otherwise a random share of
    items (``spot_check_percent``) is picked for a human check anyway."""
    if item.product_type_slug in (settings.qa_product_types or []):
        return QaState.REQUIRED, False
    if secrets.randbelow(10_000) < int(settings.spot_check_percent * 100):
        return QaState.REQUIRED, True
    return QaState.NOT_REQUIRED, False


@dataclass(frozen=True)
class LineSpec:
    item: ProductionItem
    version: ArtworkVersion | None
    reprint_of: JobLine | None = None


def job_create(
    *,
    partner: PrintPartner,
    order: ProductionOrder,
    lines: Sequence[LineSpec],
    settings: FulfilmentSettings,
    batch: Batch | None = None,
    reprint_of: PartnerJob | None = None,
) -> PartnerJob:
    job = PartnerJob.objects.create(
        installation_id=order.installation_id,
        partner=partner,
        order=order,
        batch=batch,
        reprint_of=reprint_of,
    )
    for spec in lines:
        if spec.reprint_of is not None and spec.reprint_of.qa_state != QaState.NOT_REQUIRED:
            qa_state, spot = QaState.REQUIRED, spec.reprint_of.spot_check
        else:
            qa_state, spot = qa_requirement(spec.item, settings)
        JobLine.objects.create(
            job=job,
            item=spec.item,
            artwork_version=spec.version,
            quantity=spec.item.quantity,
            reprint_of=spec.reprint_of,
            qa_state=qa_state,
            spot_check=spot,
        )
    partner_webhook_after_new_job(partner)
    return job


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else "bin"


def artwork_file_name(line: JobLine) -> str:
    item, version = line.item, line.artwork_version
    assert version is not None
    return (
        f"{item.order.number}-{item.line_index}-v{version.number}."
        f"{_extension(version.file.name or '')}"
    )


def print_metadata(line: JobLine) -> dict[str, Any]:
    item, version = line.item, line.artwork_version
    return {
        "reference": line.reference,
        "order_number": item.order.number,
        "line_index": item.line_index,
        "product_name": item.product_name,
        "variant_name": item.variant_name,
        "sku": item.sku,
        "product_type": item.product_type_slug,
        "quantity": line.quantity,
        "options": item.options,
        "custom_text": item.custom_text,
        "artwork": None
        if version is None
        else {
            "version": version.number,
            "file_name": artwork_file_name(line),
            "sha256": version.sha256,
            "width_px": version.width,
            "height_px": version.height,
            "print_check": version.print_check,
        },
        "reprint_of": line.reprint_of.reference if line.reprint_of is not None else None,
    }


def job_lines(job: PartnerJob) -> list[JobLine]:
    return list(
        job.lines.select_related("item__order", "artwork_version", "reprint_of").order_by("id")
    )


def job_request_for(job: PartnerJob, *, now: datetime | None = None) -> JobRequest:
    """The job as the partner gets it, with fresh signed links (they expire, so every try of the
    job makes new ones; the idempotency key stays)."""
    now = now or timezone.now()
    ttl = django_settings.PARTNER_FILE_LINK_TTL_SECONDS
    lines = []
    for line in job_lines(job):
        files: tuple[JobFile, ...] = ()
        if line.artwork_version is not None:
            name = artwork_file_name(line)
            files = (
                JobFile(
                    url=signed_download_url(
                        key=line.artwork_version.file.name or "",
                        download_name=name,
                        expires_in=ttl,
                    ),
                    file_name=name,
                    sha256=line.artwork_version.sha256,
                    expires_at=now + timedelta(seconds=ttl),
                ),
            )
        item = line.item
        lines.append(
            JobLineSpec(
                reference=line.reference,
                quantity=line.quantity,
                product_name=item.product_name,
                variant_name=item.variant_name,
                sku=item.sku,
                product_type=item.product_type_slug,
                files=files,
                print_metadata=print_metadata(line),
            )
        )
    order = job.order
    callback = reverse("partner-webhook", args=[str(job.partner.public_id)])
    return JobRequest(
        idempotency_key=job.idempotency_key,
        reference=f"podops-job-{job.pk}",
        order_number=order.number,
        recipient=order.shipping_address or {},
        shipping_method=order.shipping_method_name,
        lines=tuple(lines),
        reprint_of=job.reprint_of.external_id if job.reprint_of_id and job.reprint_of else "",
        callback_url=f"{django_settings.PUBLIC_URL}{callback}",
    )
