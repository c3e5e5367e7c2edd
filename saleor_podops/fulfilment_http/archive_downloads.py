"""``GET /api/fulfilment/archives/<token>``: the manual partner's zip, streamed, for a signed and
expiring link made by the staff API for a fulfiller."""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from saleor_podops.fulfilment.archives import archive_link_read, batch_archive, job_archive
from saleor_podops.fulfilment.models import Batch, PartnerJob


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


@require_GET
def archive_download(request: HttpRequest, token: str) -> StreamingHttpResponse | JsonResponse:
    try:
        batch_id, job_id = archive_link_read(token)
    except signing.SignatureExpired:
        return _error(410, "LINK_EXPIRED", "The download link has expired")
    except signing.BadSignature:
        return _error(404, "LINK_INVALID", "The download link is not valid")
    archive = None
    if batch_id is not None:
        batch = Batch.objects.select_related("partner").filter(pk=batch_id).first()
        archive = batch_archive(batch) if batch else None
    elif job_id is not None:
        job = PartnerJob.objects.select_related("partner", "order").filter(pk=job_id).first()
        archive = job_archive(job) if job else None
    if archive is None:
        return _error(404, "NOT_FOUND", "Nothing to download")
    response = StreamingHttpResponse(archive.chunks, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive.file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
