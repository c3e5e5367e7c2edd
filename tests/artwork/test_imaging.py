"""Reading images by content, refusing what is not safe to process, and clean derivatives."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from saleor_podops.artwork.error_codes import ArtworkError, ArtworkErrorCode
from saleor_podops.artwork.imaging import (
    HEIF_SUPPORTED,
    FileDigest,
    PrintSize,
    Resolution,
    effective_dpi,
    extension_matches,
    inspect_image,
    pixels_needed,
    print_check,
    render_derivatives,
    resolution_of,
)

from .images import (
    GPS_IFD,
    image_bytes,
    jpeg_with_private_exif,
    noisy_jpeg,
    png_bomb,
    srgb_icc,
    truncated,
)

MAX_PIXELS = 50_000_000


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


ACCEPTED = [
    ("JPEG", "image/jpeg", "jpg"),
    ("PNG", "image/png", "png"),
    ("WEBP", "image/webp", "webp"),
    ("TIFF", "image/tiff", "tif"),
]
if HEIF_SUPPORTED:
    ACCEPTED.append(("HEIF", "image/heic", "heic"))


@pytest.mark.parametrize(("fmt", "content_type", "extension"), ACCEPTED)
def test_every_supported_format_is_identified_by_content(
    tmp_path: Path, fmt: str, content_type: str, extension: str
) -> None:
    # given a real image of the format under a name that says nothing
    path = write(tmp_path, "upload.bin", image_bytes(fmt, (64, 48)))

    # when
    facts = inspect_image(path, max_pixels=MAX_PIXELS)

    # then
    assert (facts.format, facts.content_type, facts.extension) == (fmt, content_type, extension)
    assert (facts.width, facts.height, facts.mode) == (64, 48, "RGB")


def test_heic_is_supported_where_pillow_heif_installs() -> None:
    pytest.importorskip("pillow_heif")
    assert HEIF_SUPPORTED is True


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("photo.jpg", b"%PDF-1.7\n1 0 obj << >> endobj\n", ArtworkErrorCode.UNSUPPORTED_TYPE),
        ("photo.png", b"just some text pretending to be a PNG", ArtworkErrorCode.UNSUPPORTED_TYPE),
        ("photo.jpg", image_bytes("GIF", (32, 32)), ArtworkErrorCode.UNSUPPORTED_TYPE),
        ("photo.jpg", image_bytes("BMP", (32, 32)), ArtworkErrorCode.UNSUPPORTED_TYPE),
        ("photo.jpg", truncated(noisy_jpeg((400, 300))), ArtworkErrorCode.TRUNCATED),
        ("photo.png", truncated(image_bytes("PNG", (400, 300))), ArtworkErrorCode.TRUNCATED),
        ("photo.png", png_bomb(), ArtworkErrorCode.TOO_MANY_PIXELS),
        ("photo.png", png_bomb(8000, 7000), ArtworkErrorCode.TOO_MANY_PIXELS),
    ],
    ids=[
        "pdf-as-jpg",
        "text-as-png",
        "gif",
        "bmp",
        "truncated-jpeg",
        "truncated-png",
        "bomb",
        "over-limit",
    ],
)
def test_files_that_are_not_safe_supported_images_are_refused(
    tmp_path: Path, name: str, data: bytes, code: ArtworkErrorCode
) -> None:
    path = write(tmp_path, name, data)

    with pytest.raises(ArtworkError) as refused:
        inspect_image(path, max_pixels=MAX_PIXELS)

    assert refused.value.code == code


def test_the_pixel_limit_is_checked_before_decoding(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.png", image_bytes("PNG", (300, 200)))

    with pytest.raises(ArtworkError) as refused:
        inspect_image(path, max_pixels=59_999)

    assert refused.value.code == ArtworkErrorCode.TOO_MANY_PIXELS
    assert refused.value.message == (
        "The image has 300 x 200 pixels; at most 59,999 pixels are accepted"
    )
    assert inspect_image(path, max_pixels=60_000).width == 300


def test_the_extension_is_only_compared_with_the_content() -> None:
    facts_jpeg = inspect_image(io.BytesIO(image_bytes("JPEG")), max_pixels=MAX_PIXELS)  # type: ignore[arg-type]

    assert extension_matches("photo.JPG", facts_jpeg) is True
    assert extension_matches("photo.jpeg", facts_jpeg) is True
    assert extension_matches("photo", facts_jpeg) is True
    assert extension_matches("photo.final", facts_jpeg) is True
    assert extension_matches("photo.png", facts_jpeg) is False


def test_orientation_icc_and_dpi_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, "p.jpg", jpeg_with_private_exif((60, 40), orientation=6))
    facts = inspect_image(path, max_pixels=MAX_PIXELS)
    assert (facts.orientation, facts.display_size) == (6, (40, 60))

    icc_path = write(
        tmp_path, "icc.png", image_bytes("PNG", (20, 10), icc_profile=srgb_icc(), dpi=(300, 300))
    )
    facts = inspect_image(icc_path, max_pixels=MAX_PIXELS)
    assert facts.has_icc_profile is True
    assert facts.icc_profile_description == "sRGB built-in"
    assert facts.embedded_dpi == (300.0, 300.0)  # PNG stores dots per metre: rounded back


def test_derivatives_apply_orientation_and_carry_no_metadata(tmp_path: Path) -> None:
    # given a landscape-stored photo that is to be shown portrait, with GPS, camera, XMP and comment
    path = write(tmp_path, "p.jpg", jpeg_with_private_exif((400, 200), orientation=6))
    with Image.open(path) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the source really has a location
        assert b"secret-location" in original.info["xmp"]

    # when
    preview, thumbnail = render_derivatives(path, sizes=[300, 50], max_pixels=MAX_PIXELS)

    # then the orientation is applied and nothing personal is left
    assert (preview.width, preview.height) == (150, 300)
    assert (thumbnail.width, thumbnail.height) == (25, 50)
    for derivative in (preview, thumbnail):
        assert b"secret-location" not in derivative.content
        assert b"Canon" not in derivative.content
        assert b"home address" not in derivative.content
        with Image.open(io.BytesIO(derivative.content)) as image:
            assert image.format == "JPEG"
            assert image.mode == "RGB"
            assert dict(image.getexif()) == {}
            assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"}
    # the blue corner, top-left of the stored pixels, is top-right once rotated 90 degrees clockwise
    with Image.open(io.BytesIO(preview.content)) as image:
        top_right = image.getpixel((image.width - 5, 5))
        top_left = image.getpixel((5, 5))
    assert top_right[2] > 200 and top_right[0] < 60
    assert top_left[0] > 150 and top_left[2] < 90


@pytest.mark.parametrize(
    ("mode", "colour", "fmt"),
    [
        ("RGBA", (0, 255, 0, 0), "PNG"),
        ("CMYK", (0, 255, 255, 0), "JPEG"),
        ("L", 128, "PNG"),
        ("I;16", 40000, "PNG"),
        ("P", 3, "PNG"),
    ],
)
def test_derivatives_of_every_colour_mode_are_plain_rgb(
    tmp_path: Path, mode: str, colour: object, fmt: str
) -> None:
    path = write(tmp_path, f"m.{fmt.lower()}", image_bytes(fmt, (80, 40), mode=mode, colour=colour))

    (derivative,) = render_derivatives(path, sizes=[40], max_pixels=MAX_PIXELS)

    with Image.open(io.BytesIO(derivative.content)) as image:
        assert (image.mode, image.size) == ("RGB", (40, 20))


def test_transparent_pixels_become_white(tmp_path: Path) -> None:
    path = write(tmp_path, "t.png", image_bytes("PNG", (40, 40), mode="RGBA", colour=(0, 0, 0, 0)))
    (derivative,) = render_derivatives(path, sizes=[40], max_pixels=MAX_PIXELS)
    with Image.open(io.BytesIO(derivative.content)) as image:
        assert image.getpixel((30, 30)) == (255, 255, 255)


def test_small_images_are_never_enlarged(tmp_path: Path) -> None:
    path = write(tmp_path, "s.png", image_bytes("PNG", (30, 20)))
    big, small = render_derivatives(path, sizes=[1600, 320], max_pixels=MAX_PIXELS)
    assert [(big.width, big.height), (small.width, small.height)] == [(30, 20), (30, 20)]


def test_broken_files_are_refused_by_the_derivative_renderer(tmp_path: Path) -> None:
    path = write(tmp_path, "b.jpg", truncated(noisy_jpeg((400, 300)), keep=0.5))
    with pytest.raises(ArtworkError) as refused:
        render_derivatives(path, sizes=[100], max_pixels=MAX_PIXELS)
    assert refused.value.code == ArtworkErrorCode.TRUNCATED


PORTRAIT_12x16 = PrintSize(Decimal(12), Decimal(16), min_dpi=150, warn_dpi=300)


@pytest.mark.parametrize(
    ("pixels", "dpi", "resolution"),
    [
        ((3600, 4800), 300.0, Resolution.OK),
        ((4800, 3600), 300.0, Resolution.OK),  # landscape photo, portrait print: rotated to fit
        ((3599, 4800), 299.9, Resolution.LOW),
        ((1800, 2400), 150.0, Resolution.LOW),
        ((1799, 2400), 149.9, Resolution.TOO_LOW),
        ((3600, 3600), 225.0, Resolution.LOW),  # square: the long side limits
    ],
)
def test_resolution_at_the_print_size(
    pixels: tuple[int, int], dpi: float, resolution: Resolution
) -> None:
    width, height = pixels
    assert round(effective_dpi(width_px=width, height_px=height, size=PORTRAIT_12x16), 1) == dpi
    assert resolution_of(width_px=width, height_px=height, size=PORTRAIT_12x16) == resolution


def test_pixels_needed_for_a_print_size() -> None:
    assert pixels_needed(size=PORTRAIT_12x16, dpi=300) == (3600, 4800)
    assert pixels_needed(size=PrintSize(Decimal("8.5"), Decimal(11), 150, 300), dpi=150) == (
        1275,
        1650,
    )


def test_print_check_records_what_the_partner_needs(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.png", image_bytes("PNG", (1800, 2400), icc_profile=srgb_icc(), dpi=(150, 150))
    )
    facts = inspect_image(path, max_pixels=MAX_PIXELS)

    check = print_check(
        facts=facts, digest=FileDigest(sha256="ab" * 32, size_bytes=1234), size=PORTRAIT_12x16
    )

    assert check.as_dict() == {
        "format": "PNG",
        "width_px": 1800,
        "height_px": 2400,
        "mode": "RGB",
        "has_icc_profile": True,
        "icc_profile_description": "sRGB built-in",
        "embedded_dpi": (150.01, 150.01),
        "sha256": "ab" * 32,
        "size_bytes": 1234,
        "print_width_in": "12",
        "print_height_in": "16",
        "effective_dpi": 150.0,
        "min_dpi": 150,
        "warn_dpi": 300,
        "resolution": "LOW",
    }


def test_phone_multi_picture_jpegs_are_jpegs(tmp_path: Path) -> None:
    # given an MPO (what many phone cameras write: a JPEG with extra pictures appended)
    first, second = Image.new("RGB", (64, 48), (1, 2, 3)), Image.new("RGB", (64, 48), (9, 9, 9))
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    path = write(tmp_path, "IMG_0001.JPG", buffer.getvalue())

    facts = inspect_image(path, max_pixels=MAX_PIXELS)
    (derivative,) = render_derivatives(path, sizes=[32], max_pixels=MAX_PIXELS)

    assert (facts.format, facts.content_type, facts.extension) == ("MPO", "image/jpeg", "jpg")
    assert extension_matches("IMG_0001.JPG", facts) is True
    assert (derivative.width, derivative.height) == (32, 24)
