"""Uploaded images: checked before their pixels are decoded, stored as clean copies.

Only raster formats that browsers show and Pillow can verify are accepted (never SVG, which
can carry script). The size in bytes and in pixels is checked from the file's header, so a
decompression bomb is refused before it can take a worker's memory. What is stored is a
copy re-encoded by Pillow, upright, without metadata (no GPS position, comments or text
chunks), under a name whose extension is that of the format actually found.
"""

import uuid
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's format name -> (content type, file extension).
ACCEPTED_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "AVIF": ("image/avif", "avif"),
}
ACCEPTED_NAMES = "JPEG, PNG, WebP or AVIF"


@dataclass(frozen=True)
class ImageFacts:
    format: str  # Pillow's name, a key of ACCEPTED_FORMATS
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return ACCEPTED_FORMATS[self.format][0]

    @property
    def extension(self) -> str:
        return ACCEPTED_FORMATS[self.format][1]


def unsupported() -> ValidationError:
    return ValidationError(
        f"This file is not an image we accept. Upload a {ACCEPTED_NAMES} image "
        "(SVG is not accepted because it can carry scripts).",
        code="unsupported_format",
    )


def inspect_upload(upload) -> ImageFacts:
    """What the uploaded file is, from its header; ValidationError when it is not an image
    we accept, or is too large in bytes or in pixels."""
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            f"This file is {upload.size / 1_000_000:.1f} MB; an image can be at most "
            f"{settings.IMAGE_MAX_BYTES / 1_000_000:.0f} MB.",
            code="too_large",
        )
    try:
        with Image.open(upload) as image:  # reads the header only
            facts = ImageFacts(image.format, *image.size)
            if facts.format in ACCEPTED_FORMATS and is_within_pixel_limit(facts):
                image.verify()  # the structure, still without decoding the pixels
    except Image.DecompressionBombError:
        raise too_many_pixels(None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise unsupported() from None
    finally:
        upload.seek(0)
    if facts.format not in ACCEPTED_FORMATS:
        raise unsupported()
    if not is_within_pixel_limit(facts):
        raise too_many_pixels(facts)
    return facts


def is_within_pixel_limit(facts: ImageFacts) -> bool:
    return facts.width * facts.height <= settings.IMAGE_MAX_PIXELS


def too_many_pixels(facts: ImageFacts | None) -> ValidationError:
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    size = f" is {facts.width:,} × {facts.height:,} pixels and" if facts else ""
    return ValidationError(
        f"This image{size} has more than {limit:g} megapixels, the most we accept. Make it "
        "smaller (a few thousand pixels across is plenty) and upload it again.",
        code="too_many_pixels",
    )


def clean_copy(upload, facts: ImageFacts, max_width: int, format: str = "") -> bytes:
    """The image re-encoded in its own format (or `format`): upright, at most `max_width`
    wide, without metadata. Call after `inspect_upload`."""
    format = format or facts.format
    output = BytesIO()
    try:
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)  # keep photos upright without their EXIF
            if image.width > max_width:
                image.thumbnail((max_width, image.height))
            if format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.info = {}  # nothing of the original's comments, text chunks or profile
            image.save(output, format, quality=85)
    except (OSError, SyntaxError, ValueError):
        # The header was sound but the pixels are not, e.g. a file cut short in transfer.
        raise damaged() from None
    finally:
        upload.seek(0)
    return output.getvalue()


def damaged() -> ValidationError:
    return ValidationError(
        "This image is damaged or incomplete (perhaps it did not finish downloading). Open "
        "it in an image editor, save it again and upload the new file.",
        code="damaged",
    )


def master_copy(upload, facts: ImageFacts, max_width: int) -> bytes:
    """The copy of an uploaded image that is stored and exported: a JPEG or PNG, upright,
    at most `max_width` wide, without metadata. Call after `inspect_upload`.

    A file that is already such a copy (one the site exported) is kept byte for byte, so
    exporting and importing again neither changes the files nor loses quality; anything
    else is re-encoded by `clean_copy`: WebP and AVIF as PNG when they have transparency
    and JPEG otherwise, since every browser shows those two.
    """
    data = upload.read()
    upload.seek(0)
    if facts.format in MASTER_FORMATS and facts.width <= max_width and is_clean(data):
        return data
    if facts.format in MASTER_FORMATS:
        return clean_copy(upload, facts, max_width)
    with Image.open(upload) as image:
        transparent = image.has_transparency_data
    upload.seek(0)
    return clean_copy(upload, facts, max_width, format="PNG" if transparent else "JPEG")


MASTER_FORMATS = ("JPEG", "PNG")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunks of a PNG that hold pixels and nothing else (no text, EXIF, profile or time).
PNG_PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
JFIF_HEADER_LENGTH = 16  # a JFIF segment without an embedded thumbnail


def is_clean(data: bytes) -> bool:
    """Whether a JPEG or PNG file holds its pixels and nothing else: no metadata (EXIF with
    a GPS position or an orientation, XMP, comments, text chunks, profiles, thumbnails) and
    nothing after its end. Unknown or damaged structure counts as not clean."""
    if data.startswith(PNG_SIGNATURE):
        return _png_is_clean(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_is_clean(data)
    return False


def _png_is_clean(data: bytes) -> bool:
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length  # length, type, data, CRC
        if kind not in PNG_PIXEL_CHUNKS:
            return False
        if kind == b"IEND":
            return at == len(data)
    return False


def _jpeg_is_clean(data: bytes) -> bool:
    at, end = 2, len(data)
    while at < end:
        if data[at] != 0xFF:
            return False
        while at < end and data[at] == 0xFF:  # fill bytes
            at += 1
        if at >= end:
            return False
        marker = data[at]
        at += 1
        if marker == 0xD9:  # end of image: nothing may follow
            return at == end
        if 0xD0 <= marker <= 0xD7:
            continue
        length = int.from_bytes(data[at : at + 2], "big")
        if 0xE1 <= marker <= 0xEF or marker == 0xFE:  # APP1-APP15 (EXIF, XMP...), comments
            return False
        if marker == 0xE0 and not (
            data[at + 2 : at + 7] == b"JFIF\0" and length == JFIF_HEADER_LENGTH
        ):
            return False
        at += length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
            while at + 1 < end and not (
                data[at] == 0xFF and data[at + 1] != 0 and not 0xD0 <= data[at + 1] <= 0xD7
            ):
                at += 1
    return False


def stored_name(facts: ImageFacts) -> str:
    """A new, unguessable name with the extension of the format found, never the sender's."""
    return f"{uuid.uuid4()}.{facts.extension}"
