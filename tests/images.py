"""Image files for tests of the pixel limit, built without holding their pixels in memory."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_of_size(width: int, height: int, name: str = "huge.png") -> SimpleUploadedFile:
    """A PNG that says it has ``width`` x ``height`` one-bit pixels: a few hundred bytes on disk,
    billions of pixels once decoded (a decompression bomb, as far as a header reader can tell).
    """
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    content = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, content, content_type="image/png")
