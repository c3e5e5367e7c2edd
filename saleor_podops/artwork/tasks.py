from celery import shared_task

from . import derivatives, retention

# Storage being unreachable is worth a few retries; a broken file is not (it is marked invalid).
_TRANSIENT: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)
try:
    from botocore.exceptions import BotoCoreError, ClientError

    _TRANSIENT = (*_TRANSIENT, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - boto3 comes with django-storages[s3]
    pass


@shared_task(
    name="saleor_podops.artwork.tasks.generate_derivatives",
    ignore_result=True,
    autoretry_for=_TRANSIENT,
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=5,
)
def generate_derivatives(kind: str, pk: int) -> str:
    return derivatives.stored_image_make_derivatives(kind=kind, pk=pk).value


@shared_task(name="saleor_podops.artwork.tasks.generate_missing_derivatives", ignore_result=True)
def generate_missing_derivatives() -> int:
    """Safety net for a lost on-commit dispatch."""
    missing = derivatives.images_missing_derivatives()
    for kind, pk in missing:
        generate_derivatives.delay(kind, pk)
    return len(missing)


@shared_task(name="saleor_podops.artwork.tasks.sweep_unclaimed_uploads", ignore_result=True)
def sweep_unclaimed_uploads() -> dict[str, int]:
    """Beat (daily): photos of abandoned checkouts and expired upload sessions."""
    result = retention.retention_sweep()
    return {"uploads": result.uploads_deleted, "sessions": result.sessions_deleted}
