"""An exercise image as it is stored: its clean master copy and the renditions pages use.

Made once, when an editor uploads an image or an article brings one (never per request),
through Django's default storage, so a production site can keep them in object storage
(docs/deploy.md). Files are named by the master's content (`images/<digest>/…`): the same
picture uploaded twice is stored once, an import of an unchanged file makes nothing new,
and the names can be cached by browsers for ever.

Pages get, for each width, an AVIF, a WebP and a fallback in the master's own format (JPEG,
or PNG for drawings and transparency), plus a 1200 × 630 crop for link previews.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from . import images

MASTER_WIDTH = 2400  # masters are stored at most this wide
WIDTHS = (480, 800, 1200, 1600)  # what srcset offers, for phones up to wide screens
SHARE_SIZE = (1200, 630)  # og:image, as link previews show it
# (content type, extension, Pillow format, encoder options), best first.
MODERN = (
    ("image/avif", "avif", "AVIF", {"quality": 55, "speed": 8}),
    ("image/webp", "webp", "WEBP", {"quality": 75, "method": 4}),
)
FALLBACK = {
    "JPEG": ("image/jpeg", "jpg", "JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "PNG": ("image/png", "png", "PNG", {"optimize": True}),
}


@dataclass
class StoredImage:
    """What an ExerciseImage records about its files."""

    name: str  # the master's name in storage
    digest: str  # sha256 of the master's bytes
    width: int
    height: int
    renditions: dict = field(default_factory=dict)


def widths_for(width: int) -> list[int]:
    """The rendition widths of a master this wide: never wider than the master."""
    return [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def master_from_upload(upload) -> bytes:
    """The master copy of an uploaded file; ValidationError when it is not an image we
    accept (exercises.images)."""
    facts = images.inspect_upload(upload)
    return images.master_copy(upload, facts, MASTER_WIDTH)


def store(master: bytes) -> StoredImage:
    """Store a master copy and its renditions, unless they are stored already."""
    digest = digest_of(master)
    folder = f"images/{digest[:32]}"
    try:
        with Image.open(BytesIO(master)) as opened:
            opened.load()
            picture = opened.copy()
            fallback = FALLBACK[opened.format]
    except (OSError, SyntaxError, ValueError, KeyError):  # a sound header, damaged pixels
        raise images.damaged() from None
    name = f"{folder}/original.{fallback[1]}"
    save_once(name, lambda: master)
    renditions = {"sources": [], "fallback": [], "share": ""}
    for width in widths_for(picture.width):
        height = round(picture.height * width / picture.width)
        resized = None
        for content_type, extension, format, options in (*MODERN, fallback):
            file = f"{folder}/{width}.{extension}"

            def encoded(format=format, options=options, width=width, height=height):
                nonlocal resized
                if resized is None:
                    resized = picture.resize((width, height), Image.Resampling.LANCZOS)
                return encode(resized, format, options)

            save_once(file, encoded)
            entry = {"type": content_type, "width": width, "height": height, "name": file}
            key = "fallback" if format == fallback[2] else "sources"
            renditions[key].append(entry)
    share = f"{folder}/share.jpg"
    save_once(share, lambda: share_crop(picture))
    renditions["share"] = share
    return StoredImage(name, digest, picture.width, picture.height, renditions)


def encode(picture: Image.Image, format: str, options: dict) -> bytes:
    if format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    output = BytesIO()
    picture.save(output, format, **options)
    return output.getvalue()


def share_crop(picture: Image.Image) -> bytes:
    """The picture filling 1200 × 630, cropped around its centre, on white if it has
    transparency (link previews show JPEG best)."""
    if picture.mode in ("RGBA", "LA", "PA", "P"):
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA"))
        picture = background
    cropped = ImageOps.fit(picture, SHARE_SIZE, Image.Resampling.LANCZOS)
    return encode(cropped, "JPEG", FALLBACK["JPEG"][3])


def save_once(name: str, content) -> None:
    """Write `content()` under `name` unless a file of that name exists: names are made
    of the master's content, so an existing file already holds the same picture."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content()))


def store_upload(upload) -> StoredImage:
    """Check an uploaded file, then store it with its renditions."""
    master = master_from_upload(upload)
    try:
        return store(master)
    except OSError as error:  # the storage refused
        raise ValidationError(f"The image could not be stored ({error}).") from None
