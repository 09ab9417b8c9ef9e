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


def clean_copy(upload, facts: ImageFacts, max_width: int) -> bytes:
    """The image re-encoded in its own format: upright, at most `max_width` wide, without
    metadata. Call after `inspect_upload`."""
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)  # keep photos upright without their EXIF
        if image.width > max_width:
            image.thumbnail((max_width, image.height))
        if facts.format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.info = {}  # nothing of the original's comments, text chunks or profile
        output = BytesIO()
        image.save(output, facts.format, quality=85)
    upload.seek(0)
    return output.getvalue()


def stored_name(facts: ImageFacts) -> str:
    """A new, unguessable name with the extension of the format found, never the sender's."""
    return f"{uuid.uuid4()}.{facts.extension}"
