"""Reading images safely and making their derivatives.

- The type is decided by the content (Pillow's decoders, limited to a whitelist), never by the name.
- Decompression bombs are refused from the header, before any pixel is decoded (``max_pixels``;
  ``Image.MAX_IMAGE_PIXELS`` is set to the same limit when the app starts, see ``apps.py``).
- A file is checked by decoding it completely (JPEG at 1/8 scale: the decoder still reads every byte),
  so truncated and corrupt files are refused at upload.
- Derivatives are made from a reduced decode (JPEG DCT scaling via ``draft``, then ``reduce`` before
  resampling), get the EXIF orientation applied, are converted to sRGB and carry no metadata at all
  (no EXIF, GPS, XMP, comments or ICC profile).
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError

from .error_codes import ArtworkError, ArtworkErrorCode

try:  # HEIC/HEIF where the pillow-heif wheel is available
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the platform
    HEIF_SUPPORTED = False


@dataclass(frozen=True)
class ImageKind:
    content_type: str
    extension: str
    known_extensions: frozenset[str]


_JPEG = ImageKind("image/jpeg", "jpg", frozenset({"jpg", "jpeg", "jpe", "jfif"}))
KINDS: dict[str, ImageKind] = {
    "JPEG": _JPEG,
    "MPO": _JPEG,  # phone cameras' multi-picture JPEGs
    "PNG": ImageKind("image/png", "png", frozenset({"png"})),
    "WEBP": ImageKind("image/webp", "webp", frozenset({"webp"})),
    "TIFF": ImageKind("image/tiff", "tif", frozenset({"tif", "tiff"})),
}
if HEIF_SUPPORTED:
    KINDS["HEIF"] = ImageKind("image/heic", "heic", frozenset({"heic", "heif", "hif"}))

# Which decoders may even look at a file (Image.open tries only these).
_OPEN_FORMATS = tuple(name for name in KINDS if name != "MPO")
_JPEG_FORMATS = frozenset({"JPEG", "MPO"})


@dataclass(frozen=True)
class ImageFacts:
    """What the content of an image file says about it."""

    format: str
    content_type: str
    extension: str
    width: int
    height: int
    mode: str
    orientation: int
    embedded_dpi: tuple[float, float] | None
    icc_profile_description: str
    has_icc_profile: bool

    @property
    def display_size(self) -> tuple[int, int]:
        """Width and height once the EXIF orientation is applied."""
        if self.orientation in {5, 6, 7, 8}:
            return self.height, self.width
        return self.width, self.height


@dataclass(frozen=True)
class FileDigest:
    sha256: str
    size_bytes: int


def file_digest(path: str | Path) -> FileDigest:
    with open(path, "rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
        size = stream.tell()
    return FileDigest(sha256=digest, size_bytes=size)


@contextmanager
def _bomb_guard() -> Iterator[None]:
    """Turn Pillow's decompression-bomb warning into the error it should be."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ArtworkError(
                ArtworkErrorCode.TOO_MANY_PIXELS, "The image has too many pixels to process"
            ) from exc


def _open(source: str | Path | IO[bytes]) -> Image.Image:
    try:
        return Image.open(source, formats=_OPEN_FORMATS)
    except UnidentifiedImageError as exc:
        formats = ", ".join(sorted({kind.extension.upper() for kind in KINDS.values()}))
        raise ArtworkError(
            ArtworkErrorCode.UNSUPPORTED_TYPE,
            f"The file is not an image of a supported type ({formats})",
        ) from exc


def _check_pixels(image: Image.Image, max_pixels: int) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise ArtworkError(ArtworkErrorCode.UNREADABLE, "The image has no pixels")
    if width * height > max_pixels:
        raise ArtworkError(
            ArtworkErrorCode.TOO_MANY_PIXELS,
            f"The image has {width} x {height} pixels; at most {max_pixels:,} pixels are accepted",
        )


def _icc_description(icc: bytes | None) -> str:
    if not icc:
        return ""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return str(ImageCms.getProfileDescription(profile)).strip()
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return "unreadable profile"


def _embedded_dpi(image: Image.Image) -> tuple[float, float] | None:
    dpi = image.info.get("dpi")
    if dpi is None:
        return None
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return None
    return (round(x, 2), round(y, 2)) if x > 0 and y > 0 else None


def _facts(image: Image.Image) -> ImageFacts:
    kind = KINDS[str(image.format)]
    try:
        orientation = int(image.getexif().get(ExifTags.Base.Orientation, 1))
    except (ValueError, TypeError, OSError, SyntaxError):
        orientation = 1
    icc = image.info.get("icc_profile")
    return ImageFacts(
        format=str(image.format),
        content_type=kind.content_type,
        extension=kind.extension,
        width=image.width,
        height=image.height,
        mode=image.mode,
        orientation=orientation if 1 <= orientation <= 8 else 1,
        embedded_dpi=_embedded_dpi(image),
        icc_profile_description=_icc_description(icc),
        has_icc_profile=bool(icc),
    )


def inspect_image(source: str | Path, *, max_pixels: int) -> ImageFacts:
    """Identify the image by its content and decode it fully once; raise ``ArtworkError`` when it is
    not a supported image, has too many pixels, or is truncated or corrupt."""
    try:
        with _bomb_guard():
            with _open(source) as image:
                _check_pixels(image, max_pixels)
                image.verify()  # PNG: every chunk's CRC
            with _open(source) as image:
                facts = _facts(image)
                if image.format in _JPEG_FORMATS:
                    image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
    except ArtworkError:
        raise
    except OSError as exc:
        if "truncated" in str(exc).lower():
            raise ArtworkError(ArtworkErrorCode.TRUNCATED, "The image file is truncated") from exc
        raise ArtworkError(ArtworkErrorCode.UNREADABLE, f"The image cannot be read: {exc}") from exc
    except (SyntaxError, ValueError, EOFError, IndexError, TypeError, MemoryError) as exc:
        raise ArtworkError(ArtworkErrorCode.UNREADABLE, f"The image cannot be read: {exc}") from exc
    return facts


def extension_matches(original_name: str, facts: ImageFacts) -> bool:
    """Whether the name's extension (if it has a known image one) agrees with the content."""
    suffix = Path(original_name).suffix.lower().lstrip(".")
    if not suffix:
        return True
    known = {ext for kind in KINDS.values() for ext in kind.known_extensions}
    if suffix not in known:
        return True
    return suffix in KINDS[facts.format].known_extensions


# --- Print size and resolution -------------------------------------------------------------------


class Resolution(StrEnum):
    OK = "OK"
    LOW = "LOW"  # under the warning DPI: printable, but the customer or artist is told
    TOO_LOW = "TOO_LOW"  # under the minimum DPI: refused


@dataclass(frozen=True)
class PrintSize:
    width_in: Decimal
    height_in: Decimal
    min_dpi: int
    warn_dpi: int


def effective_dpi(*, width_px: int, height_px: int, size: PrintSize) -> float:
    """The DPI the image prints at when it covers the print area (long side on long side)."""
    long_px, short_px = max(width_px, height_px), min(width_px, height_px)
    long_in = float(max(size.width_in, size.height_in))
    short_in = float(min(size.width_in, size.height_in))
    return min(long_px / long_in, short_px / short_in)


def pixels_needed(*, size: PrintSize, dpi: int) -> tuple[int, int]:
    """Pixels (width, height) the print size needs at ``dpi``."""
    return math.ceil(float(size.width_in) * dpi), math.ceil(float(size.height_in) * dpi)


def resolution_of(*, width_px: int, height_px: int, size: PrintSize) -> Resolution:
    dpi = effective_dpi(width_px=width_px, height_px=height_px, size=size)
    # A hair of tolerance: 3600 px over 12 in is 300 DPI, not 299.9999.
    if dpi + 1e-6 < size.min_dpi:
        return Resolution.TOO_LOW
    if dpi + 1e-6 < size.warn_dpi:
        return Resolution.LOW
    return Resolution.OK


@dataclass(frozen=True)
class PrintCheck:
    """Print metadata recorded with every artwork version and handed to the print partner."""

    format: str
    width_px: int
    height_px: int
    mode: str
    has_icc_profile: bool
    icc_profile_description: str
    embedded_dpi: tuple[float, float] | None
    sha256: str
    size_bytes: int
    print_width_in: str | None
    print_height_in: str | None
    effective_dpi: float | None
    min_dpi: int | None
    warn_dpi: int | None
    resolution: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def print_check(*, facts: ImageFacts, digest: FileDigest, size: PrintSize | None) -> PrintCheck:
    width, height = facts.display_size
    dpi = resolution = None
    if size is not None:
        dpi = round(effective_dpi(width_px=width, height_px=height, size=size), 1)
        resolution = resolution_of(width_px=width, height_px=height, size=size).value
    return PrintCheck(
        format=facts.format,
        width_px=width,
        height_px=height,
        mode=facts.mode,
        has_icc_profile=facts.has_icc_profile,
        icc_profile_description=facts.icc_profile_description,
        embedded_dpi=facts.embedded_dpi,
        sha256=digest.sha256,
        size_bytes=digest.size_bytes,
        print_width_in=str(size.width_in) if size else None,
        print_height_in=str(size.height_in) if size else None,
        effective_dpi=dpi,
        min_dpi=size.min_dpi if size else None,
        warn_dpi=size.warn_dpi if size else None,
        resolution=resolution,
    )


# --- Derivatives ---------------------------------------------------------------------------------

THUMBNAIL_SIZE = 320
PREVIEW_SIZE = 1600
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class RenderedImage:
    """A derivative, encoded as JPEG, without any metadata."""

    content: bytes
    width: int
    height: int


def _reduced(image: Image.Image, box: int) -> Image.Image:
    """Fit ``image`` into ``box`` x ``box`` cheaply: JPEG decodes at the smallest DCT scale that still
    gives at least the final size, and other formats are reduced by whole factors before resampling."""
    scale = box / max(image.size)
    if scale < 1 and image.format in _JPEG_FORMATS:
        target = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
        image.draft(None, target)
    image.thumbnail((box, box), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return image


def _to_plain_srgb(image: Image.Image) -> Image.Image:
    """Orientation applied, sRGB, 8-bit RGB, and no metadata left."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if image.mode in {"I", "I;16", "I;16B", "I;16L", "F"}:
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if icc and image.mode in {"RGB", "RGBA", "CMYK", "L"}:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                image.convert("RGB") if image.mode == "RGBA" else image,
                source_profile,
                _SRGB,
                outputMode="RGB",
            )
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: fall back to a plain conversion
    plain = image.convert("RGB") if image.mode != "RGB" else image.copy()
    plain.info = {}
    return plain


def _encode_jpeg(image: Image.Image, quality: int) -> RenderedImage:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return RenderedImage(content=buffer.getvalue(), width=image.width, height=image.height)


def render_derivatives(
    source: str | Path | IO[bytes], *, sizes: Sequence[int], max_pixels: int
) -> list[RenderedImage]:
    """One JPEG per requested size (longest side, never enlarged), from one reduced decode."""
    largest = max(sizes)
    try:
        with _bomb_guard(), _open(source) as image:
            _check_pixels(image, max_pixels)
            base = _to_plain_srgb(_reduced(image, largest))
    except ArtworkError:
        raise
    except OSError as exc:
        code = (
            ArtworkErrorCode.TRUNCATED
            if "truncated" in str(exc).lower()
            else ArtworkErrorCode.UNREADABLE
        )
        raise ArtworkError(code, f"The image cannot be read: {exc}") from exc
    except (SyntaxError, ValueError, EOFError, IndexError, TypeError, MemoryError) as exc:
        raise ArtworkError(ArtworkErrorCode.UNREADABLE, f"The image cannot be read: {exc}") from exc

    rendered = []
    for size in sizes:
        if size >= largest:
            resized = base
        else:
            resized = base.copy()
            resized.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
        rendered.append(_encode_jpeg(resized, quality=85 if size > THUMBNAIL_SIZE else 80))
    return rendered
