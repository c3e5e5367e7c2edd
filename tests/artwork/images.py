"""Small, real images made with Pillow for the artwork tests."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

from PIL import Image, ImageCms

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def image_bytes(
    fmt: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    mode: str = "RGB",
    colour: Any = (200, 30, 30),
    **save: Any,
) -> bytes:
    image = Image.new(mode, size, colour)
    # A second colour in the top-left corner, so orientation can be checked after derivatives.
    corner = (0, 0, max(1, size[0] // 4), max(1, size[1] // 4))
    image.paste((10, 10, 240) if mode in {"RGB", "RGBA"} else 0, corner)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def jpeg_with_private_exif(size: tuple[int, int] = (64, 48), orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "Canon"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 22.0, 11.0), 3: "E", 4: (4.0, 53.0, 0.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-location</x:xmpmeta>'
    return image_bytes("JPEG", size, exif=exif.tobytes(), comment=b"home address", xmp=xmp)


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def png_bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


def noisy_jpeg(size: tuple[int, int]) -> bytes:
    """A JPEG with real entropy-coded data (a flat colour compresses to almost nothing)."""
    image = Image.effect_noise(size, 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()
