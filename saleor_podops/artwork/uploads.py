"""Customer uploads: accepting a photo from the storefront, replacing one, and linking the uploads an
order line names to its production item."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from saleor_podops.production.models import ActorType, EventType, ProductionItem
from saleor_podops.production.timeline import Actor, record_event
from saleor_podops.saleor.models import Installation

from . import files, tasks
from .error_codes import ArtworkError, ArtworkErrorCode, ArtworkWarningCode
from .imaging import ImageFacts, Resolution, extension_matches, pixels_needed, resolution_of
from .incoming import IncomingFile, incoming_file_check
from .models import CustomerUpload, UploadSession, UploadStatus
from .print_specs import print_size_for
from .sessions import upload_session_reserve


@dataclass(frozen=True)
class UploadProblem:
    reference: str
    code: str
    message: str


@dataclass(frozen=True)
class UploadWarning:
    code: ArtworkWarningCode
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code.value, "message": self.message}


@dataclass(frozen=True)
class UploadAccepted:
    upload: CustomerUpload
    warnings: list[UploadWarning]


def _size_warnings(
    *, installation_id: int, product_type_slug: str, facts: ImageFacts
) -> list[UploadWarning]:
    """Refuse a photo too small for the product's print size at its minimum DPI; warn under the
    warning DPI."""
    size = print_size_for(installation_id=installation_id, product_type_slug=product_type_slug)
    if size is None:
        return []
    width, height = facts.display_size
    resolution = resolution_of(width_px=width, height_px=height, size=size)
    if resolution == Resolution.OK:
        return []
    dpi = size.min_dpi if resolution == Resolution.TOO_LOW else size.warn_dpi
    need_w, need_h = pixels_needed(size=size, dpi=dpi)
    message = (
        f"The photo has {width} x {height} pixels; a {size.width_in} x {size.height_in} in print "
        f"needs {need_w} x {need_h} pixels ({dpi} DPI)"
    )
    if resolution == Resolution.TOO_LOW:
        raise ArtworkError(ArtworkErrorCode.IMAGE_TOO_SMALL, message)
    return [UploadWarning(ArtworkWarningCode.LOW_RESOLUTION, message)]


def customer_upload_create(
    *,
    installation: Installation,
    incoming: IncomingFile,
    product_type_slug: str = "",
    session: UploadSession | None = None,
    customer_user_id: str = "",
    replaces: CustomerUpload | None = None,
) -> UploadAccepted:
    """Check the photo, store it under a random key, and record it (a new version of ``replaces``
    when given, linked to the same item). Moving an item that waits for the customer after an
    image rejection is the approvals' photo replacement (``approvals.actions.photo_replace``),
    which accepts an upload made here. A refusal raises ``ArtworkError`` and leaves nothing
    behind: no row, no file, no session budget used."""
    facts = incoming_file_check(incoming)
    if replaces is not None and not product_type_slug:
        product_type_slug = replaces.product_type_slug or (
            replaces.item.product_type_slug if replaces.item else ""
        )
    warnings = _size_warnings(
        installation_id=installation.pk, product_type_slug=product_type_slug, facts=facts
    )
    if not extension_matches(incoming.name, facts):
        warnings.append(
            UploadWarning(
                ArtworkWarningCode.EXTENSION_MISMATCH,
                f"The file is named {incoming.name} but contains a {facts.format} image",
            )
        )

    key = files.store_local_file(incoming.path, kind="uploads", extension=facts.extension)
    try:
        with transaction.atomic():
            if session is not None:
                upload_session_reserve(session=session, size_bytes=incoming.digest.size_bytes)
            item = None
            version = 1
            if replaces is not None:
                replaces = CustomerUpload.objects.select_for_update().get(pk=replaces.pk)
                item, version = replaces.item, replaces.version + 1
            upload = CustomerUpload.objects.create(
                installation=installation,
                file=key,
                original_name=incoming.name[:255],
                content_type=facts.content_type,
                image_format=facts.format,
                size_bytes=incoming.digest.size_bytes,
                sha256=incoming.digest.sha256,
                width=facts.display_size[0],
                height=facts.display_size[1],
                session=session,
                customer_user_id=customer_user_id,
                product_type_slug=product_type_slug[:255],
                warnings=[warning.as_dict() for warning in warnings],
                item=item,
                replaces=replaces,
                version=version,
            )
            if item is not None:
                record_event(
                    order=item.order,
                    item=item,
                    type=EventType.FILE_ADDED,
                    actor=Actor(ActorType.CUSTOMER, customer_user_id),
                    reason_code="UPLOAD_REPLACED",
                    comment=f"The customer replaced photo {replaces.reference if replaces else ''}",
                    data={
                        "replaced": replaces.reference if replaces else "",
                        "new": upload.reference,
                    },
                )
            transaction.on_commit(lambda: tasks.generate_derivatives.delay("upload", upload.pk))
    except IntegrityError as exc:
        files.delete_quietly(key)
        if replaces is None:
            raise
        raise ArtworkError(
            ArtworkErrorCode.UPLOAD_ALREADY_REPLACED,
            "This photo has already been replaced; replace the newest version",
            field="replaces",
        ) from exc
    except BaseException:
        files.delete_quietly(key)
        raise
    return UploadAccepted(upload=upload, warnings=warnings)


def upload_for_replacement(
    *,
    installation: Installation,
    reference: str,
    session: UploadSession | None = None,
    customer_user_id: str = "",
) -> CustomerUpload:
    """The upload the caller may replace: one made in the same session, or one of the customer's own
    (uploaded by them or linked to their order). Missing and not-yours give the same refusal."""
    upload = (
        CustomerUpload.objects.select_related("item__order")
        .filter(installation=installation, reference=reference)
        .first()
    )
    allowed = upload is not None and (
        (session is not None and upload.session_id == session.pk)
        or (
            bool(customer_user_id)
            and (
                upload.customer_user_id == customer_user_id
                or (
                    upload.item is not None
                    and upload.item.order.customer_user_id == customer_user_id
                )
            )
        )
    )
    if upload is None or not allowed:
        raise ArtworkError(
            ArtworkErrorCode.UPLOAD_NOT_FOUND,
            f"Upload {reference[:80]} does not exist",
            field="replaces",
        )
    return upload


def uploads_claim_for_item(*, item: ProductionItem, references: list[str]) -> list[UploadProblem]:
    """Attach each referenced upload to ``item``. References unknown to this installation (which
    includes other installations' uploads), invalid ones, and ones already used by another order are
    refused and reported; the caller records them on the item. Must run inside a transaction."""
    problems: list[UploadProblem] = []
    uploads = {
        upload.reference: upload
        # Lock the uploads only: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
        for upload in CustomerUpload.objects.select_for_update(of=("self",))
        .select_related("item")
        .filter(installation_id=item.installation_id, reference__in=references)
    }
    for reference in references:
        upload = uploads.get(reference)
        if upload is None:
            problems.append(
                UploadProblem(reference, "UPLOAD_NOT_FOUND", f"Upload {reference} does not exist")
            )
        elif upload.status != UploadStatus.ACCEPTED:
            problems.append(
                UploadProblem(reference, "UPLOAD_INVALID", f"Upload {reference} was refused")
            )
        elif upload.item is not None and upload.item.order_id != item.order_id:
            problems.append(
                UploadProblem(
                    reference,
                    "UPLOAD_USED_BY_ANOTHER_ORDER",
                    f"Upload {reference} belongs to another order",
                )
            )
        elif upload.item_id is None:
            upload.item = item
            upload.save(update_fields=["item", "updated_at"])
    return problems
