"""Artwork versions: checked for print, numbered, immutable; batches with per-file outcomes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from saleor_podops.artwork.assignees import open_assignees
from saleor_podops.artwork.batches import FileOutcome, artwork_batch_plan, artwork_batch_upload
from saleor_podops.artwork.error_codes import ArtworkError, ArtworkErrorCode
from saleor_podops.artwork.imaging import PrintSize
from saleor_podops.artwork.incoming import IncomingFile
from saleor_podops.artwork.models import ArtworkVersion, ArtworkVersionImmutable
from saleor_podops.artwork.print_specs import print_spec_set
from saleor_podops.artwork.versions import ArtworkUploader, artwork_version_create
from saleor_podops.production.models import ActorType, EventType, ProductionItem, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.production.timeline import Actor
from saleor_podops.saleor.models import Installation
from saleor_podops.staff.models import Assignment, StaffMember
from saleor_podops.staff.roles import Role
from saleor_podops.workflow.transitions import Person, PersonKind

from .conftest import MakeItem, stored_files
from .images import image_bytes, truncated

pytestmark = pytest.mark.django_db

ARTIST = "VXNlcjoxMA=="


def uploader(user_id: str = ARTIST, *, manager: bool = False) -> ArtworkUploader:
    role = Role.MANAGER if manager else Role.ARTIST
    return ArtworkUploader(
        actor=Actor(ActorType.STAFF, user_id),
        is_manager=manager,
        assignees=open_assignees,
        person=Person(PersonKind.STAFF, user_id, frozenset({role})),
    )


def assign(item: ProductionItem, user_id: str = ARTIST) -> None:
    staff, _ = StaffMember.objects.get_or_create(
        installation_id=item.installation_id, saleor_user_id=user_id
    )
    Assignment.objects.create(
        installation_id=item.installation_id, item=item, staff=staff, stage=Stage.ARTWORK
    )


def incoming(tmp_path: Path, name: str, data: bytes) -> IncomingFile:
    path = tmp_path / f"upload-{len(list(tmp_path.iterdir()))}"
    path.write_bytes(data)
    return IncomingFile.from_path(path, name)


@pytest.fixture
def portrait_spec(installation: Installation) -> None:
    # 1 x 2 in: 150 px x 300 px is 150 DPI; warn under 300 DPI, refuse under 100 DPI
    print_spec_set(
        installation=installation,
        product_type_slug="portrait",
        size=PrintSize(Decimal(1), Decimal(2), min_dpi=100, warn_dpi=300),
    )


def test_each_upload_is_a_new_numbered_version_with_its_print_check(
    tmp_path: Path,
    make_item: MakeItem,
    media_root: Path,
    portrait_spec: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    item = make_item()
    assign(item)

    with django_capture_on_commit_callbacks(execute=True):
        first = artwork_version_create(
            item=item,
            incoming=incoming(tmp_path, "a.png", image_bytes("PNG", (300, 600))),
            uploader=uploader(),
        )
        second = artwork_version_create(
            item=item,
            incoming=incoming(tmp_path, "b.jpg", image_bytes("JPEG", (150, 300))),
            uploader=uploader(),
        )

    assert [first.number, second.number] == [1, 2]
    assert first.print_check["effective_dpi"] == 300.0 and first.print_check["resolution"] == "OK"
    assert (
        second.print_check["effective_dpi"] == 150.0 and second.print_check["resolution"] == "LOW"
    )
    assert second.print_check["sha256"] == second.sha256 and len(second.sha256) == 64
    assert (second.uploaded_by_type, second.uploaded_by_id) == ("STAFF", ARTIST)
    assert first.file.name.startswith("artwork/") and first.file.name != second.file.name
    first.refresh_from_db()
    assert first.thumbnail.name and first.preview.name
    assert len(stored_files(media_root)) == 6
    events = TimelineEvent.objects.filter(item=item, type=EventType.FILE_ADDED)
    assert [e.data["version"] for e in events] == [1, 2]


def test_a_version_never_changes_once_saved(tmp_path: Path, make_item: MakeItem) -> None:
    item = make_item()
    version = artwork_version_create(
        item=item,
        incoming=incoming(tmp_path, "a.png", image_bytes("PNG")),
        uploader=uploader(manager=True),
    )
    original = (version.file.name, version.sha256, version.print_check)

    version.file = "artwork/other.png"
    with pytest.raises(ArtworkVersionImmutable):
        version.save()
    with pytest.raises(ArtworkVersionImmutable):
        version.save(update_fields=["sha256"])
    with pytest.raises(ArtworkVersionImmutable):
        ArtworkVersion.objects.filter(pk=version.pk).update(file="artwork/x.png")

    stored = ArtworkVersion.objects.get()
    assert (stored.file.name, stored.sha256, stored.print_check) == original
    # derivatives are the only thing filled in later
    assert ArtworkVersion.objects.filter(pk=version.pk).update(thumbnail="thumbnails/t.jpg") == 1


@pytest.mark.parametrize(
    ("setup", "data", "code", "message"),
    [
        (
            "unassigned",
            image_bytes("PNG"),
            ArtworkErrorCode.NOT_ASSIGNED_TO_YOU,
            "This item is not assigned to you",
        ),
        (
            "other-artist",
            image_bytes("PNG"),
            ArtworkErrorCode.NOT_ASSIGNED_TO_YOU,
            "This item is not assigned to you",
        ),
        (
            "qc-stage",
            image_bytes("PNG"),
            ArtworkErrorCode.NOT_IN_ARTWORK_STAGE,
            "The item is in Artwork QC, not in Artwork",
        ),
        (
            "assigned",
            truncated(image_bytes("PNG", (300, 300))),
            ArtworkErrorCode.FILE_INVALID,
            "The image file is truncated",
        ),
        (
            "assigned",
            b"%PDF-1.4",
            ArtworkErrorCode.FILE_INVALID,
            "The file is not an image of a supported type (HEIC, JPG, PNG, TIF, WEBP)",
        ),
        (
            "assigned",
            image_bytes("PNG", (99, 200)),
            ArtworkErrorCode.FILE_INVALID,
            "The artwork prints at 99.0 DPI at 1.00 x 2.00 in; at least 100 DPI is needed",
        ),
    ],
)
def test_refused_artwork_leaves_nothing_behind(
    tmp_path: Path,
    make_item: MakeItem,
    media_root: Path,
    portrait_spec: None,
    setup: str,
    data: bytes,
    code: ArtworkErrorCode,
    message: str,
) -> None:
    item = make_item(stage=Stage.ARTWORK_QC if setup == "qc-stage" else Stage.ARTWORK)
    if setup in {"assigned", "qc-stage"}:
        assign(item)
    if setup == "other-artist":
        assign(item, "VXNlcjo5OQ==")

    with pytest.raises(ArtworkError) as refused:
        artwork_version_create(
            item=item, incoming=incoming(tmp_path, "a.png", data), uploader=uploader()
        )

    assert (refused.value.code, refused.value.message) == (code, message)
    assert ArtworkVersion.objects.count() == 0
    assert stored_files(media_root) == []
    assert TimelineEvent.objects.filter(item=item).count() == 0


def test_managers_upload_for_items_they_do_not_hold(tmp_path: Path, make_item: MakeItem) -> None:
    item = make_item()
    version = artwork_version_create(
        item=item,
        incoming=incoming(tmp_path, "a.png", image_bytes("PNG")),
        uploader=uploader("boss", manager=True),
    )
    assert version.number == 1


def mixed_batch(make_item: MakeItem) -> dict[str, ProductionItem]:
    items = {
        "mine": make_item(line_index=1),
        "mine-too": make_item(line_index=2, options={"background": "Bedroom"}),
        "broken": make_item(line_index=3, product_name="Pet Mug", options={}, variant_name=""),
        "someone-elses": make_item(number="1024"),
        "in-qc": make_item(number="1025", stage=Stage.ARTWORK_QC),
        "twice": make_item(number="1026"),
        "cancelled-order": make_item(number="1027"),
    }
    for key in ("mine", "mine-too", "broken", "in-qc", "twice"):
        assign(items[key])
    assign(items["someone-elses"], "VXNlcjo5OQ==")
    items["cancelled-order"].order.status = "CANCELLED"
    items["cancelled-order"].order.save()
    return items


BATCH = [
    (
        "1023 - Yellow Portrait - 1, LivingRoom,Full - Uploaded Images.png",
        image_bytes("PNG", (300, 600)),
    ),
    ("1023 - yellow portrait - 2 (1).PNG", image_bytes("PNG", (300, 600))),
    ("1023 - Pet Mug - 3.png", truncated(image_bytes("PNG", (300, 300)))),
    ("1023 artwork.png", image_bytes("PNG")),
    ("1024 - Yellow Portrait - 1.png", image_bytes("PNG")),
    ("1025 - Yellow Portrait - 1.png", image_bytes("PNG")),
    ("1026 - Yellow Portrait - 1.png", image_bytes("PNG")),
    ("1026 - Yellow Portrait - 1 - v2.png", image_bytes("PNG")),
    ("1027 - Yellow Portrait - 1.png", image_bytes("PNG")),
]
EXPECTED = [
    (FileOutcome.MATCHED, "mine", ""),
    (FileOutcome.MATCHED, "mine-too", ""),
    (FileOutcome.FILE_INVALID, "broken", "The image file is truncated"),
    (
        FileOutcome.NO_MATCH,
        None,
        "The name does not start with '<order number> - <product> - <line>'",
    ),
    (FileOutcome.NOT_ASSIGNED_TO_YOU, "someone-elses", "This item is not assigned to you"),
    (FileOutcome.NOT_IN_ARTWORK_STAGE, "in-qc", "The item is in Artwork QC, not in Artwork"),
    (
        FileOutcome.AMBIGUOUS,
        "twice",
        "2 files of this batch match item #1026-1; upload one at a time",
    ),
    (
        FileOutcome.AMBIGUOUS,
        "twice",
        "2 files of this batch match item #1026-1; upload one at a time",
    ),
    (FileOutcome.NO_MATCH, None, "No open item of order 1027 fits this name"),
]


def outcomes(
    results: Any, items: dict[str, ProductionItem]
) -> list[tuple[FileOutcome, str | None, str]]:
    names = {item.pk: key for key, item in items.items()}
    return [(r.outcome, names.get(r.item.pk) if r.item else None, r.message) for r in results]


def test_the_dry_run_shows_every_file_and_saves_nothing(
    tmp_path: Path, make_item: MakeItem, media_root: Path, portrait_spec: None
) -> None:
    items = mixed_batch(make_item)
    files = [incoming(tmp_path, name, data) for name, data in BATCH]

    results = artwork_batch_upload(
        installation=items["mine"].installation, incoming=files, uploader=uploader(), dry_run=True
    )

    assert outcomes(results, items) == EXPECTED
    assert results[0].expected_name == "1023 - Yellow Portrait - 1, LivingRoom,Full"
    assert results[0].print_check is not None and results[0].print_check.effective_dpi == 300.0
    assert ArtworkVersion.objects.count() == 0
    assert stored_files(media_root) == []
    assert TimelineEvent.objects.count() == 0


def test_the_real_run_attaches_each_good_file_and_refuses_the_rest_alone(
    tmp_path: Path, make_item: MakeItem, media_root: Path, portrait_spec: None
) -> None:
    items = mixed_batch(make_item)
    files = [incoming(tmp_path, name, data) for name, data in BATCH]

    results = artwork_batch_upload(
        installation=items["mine"].installation, incoming=files, uploader=uploader()
    )

    assert outcomes(results, items) == EXPECTED
    assert [r.version.number if r.version else None for r in results] == [1, 1] + [None] * 7
    assert sorted(ArtworkVersion.objects.values_list("item_id", flat=True)) == sorted(
        [items["mine"].pk, items["mine-too"].pk]
    )
    assert len(stored_files(media_root)) == 2
    assert TimelineEvent.objects.filter(type=EventType.FILE_ADDED).count() == 2


def test_planning_a_batch_costs_a_fixed_number_of_queries(
    make_item: MakeItem, django_assert_num_queries: Any
) -> None:
    items = mixed_batch(make_item)
    names = [name for name, _ in BATCH] * 5

    with django_assert_num_queries(2):  # the candidate items, then who holds them
        results = artwork_batch_plan(
            installation=items["mine"].installation, file_names=names, uploader=uploader()
        )

    assert len(results) == 45


def test_with_submit_each_attached_item_moves_on_by_the_flow(
    tmp_path: Path, make_item: MakeItem, portrait_spec: None
) -> None:
    items = mixed_batch(make_item)
    files = [incoming(tmp_path, name, data) for name, data in BATCH]

    results = artwork_batch_upload(
        installation=items["mine"].installation, incoming=files, uploader=uploader(), submit=True
    )

    assert outcomes(results, items) == EXPECTED
    for key, item in items.items():
        item.refresh_from_db()
        expected_stage = {
            "mine": Stage.ARTWORK_QC,
            "mine-too": Stage.ARTWORK_QC,
            "in-qc": Stage.ARTWORK_QC,
        }.get(key, Stage.ARTWORK)
        assert (key, item.stage) == (key, expected_stage)
    assert items["mine"].artist_user_id == ARTIST
    assert not Assignment.objects.filter(
        item=items["mine"], stage=Stage.ARTWORK, released_at__isnull=True
    ).exists()
    moves = TimelineEvent.objects.filter(item=items["mine"], type=EventType.STAGE_CHANGED)
    assert list(moves.values_list("from_stage", "to_stage", "actor_id")) == [
        ("ARTWORK", "ARTWORK_QC", ARTIST)
    ]
