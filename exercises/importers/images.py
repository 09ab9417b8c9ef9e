"""Images in articles: the lines that describe them, and their files beside the article.

Under `## Images` each image is a list item, the image in Markdown's own syntax followed by
its details, one `Key: value` line each (docs/content-format.md):

    - ![Kneeling on all fours with a flat back](cat-cow/lead.png)
      Caption: The starting position.
      Credit: StretchSite
      Licence: stretchsite

The file is read relative to the article's folder when the article is read from a file
(source.py): a file that is missing, is not an image we accept, or is broken is an error of
that article, so nothing of it is saved.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from .. import renditions
from ..models import ExerciseImage, Licence, Step
from .article import Article, ImageItem
from .errors import ArticleError

IMAGE_RE = re.compile(r"^!\[(?P<alt>(?:\\.|[^\]\\])*)\]\((?P<path><[^>\n]+>|[^)\s]+)\)\s*$")
DETAIL_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,20}):\s*(?P<value>.*)$")
STEP_RE = re.compile(r"^(?P<phase>[a-z]+)\s+(?:step\s+)?(?P<number>\d{1,3})$")
# The detail lines, in the order the exporter writes them: key -> ImageItem attribute.
DETAILS = {
    "Step": "step",
    "Caption": "caption",
    "Credit": "credit",
    "Licence": "licence",
    "Licence note": "licence_note",
    "Source": "source_url",
    "Decorative": "decorative",
}
READ_AS = {key.casefold(): name for key, name in DETAILS.items()} | {
    "license": "licence",
    "license note": "licence_note",
    "alt": "alt",
}
YES, NO = {"yes", "true", "y", "1"}, {"no", "false", "n", "0", ""}


def licence_value(text: str, line: int) -> str:
    """A licence by its value or its name ('cc-by-4.0', 'CC BY 4.0', 'own')."""
    wanted = " ".join(text.replace("-", " ").split()).casefold()
    for value, label in Licence.choices:
        if wanted in (value.replace("-", " "), str(label).replace("-", " ").casefold()):
            return value
    if wanted in ("own", "ours", "our own"):
        return Licence.OWN
    known = ", ".join(Licence.values)
    raise ArticleError(f"“{text}” is not a licence we know; use one of: {known}.", line)


def step_reference(text: str, line: int) -> tuple[str, int]:
    """('setup', 2) from 'Setup 2' or 'setup step 2'."""
    match = STEP_RE.match(" ".join(text.split()).casefold())
    phases = {value for value, _label in Step.Phase.choices}
    if not match or match.group("phase") not in phases:
        raise ArticleError(
            f"“{text}” does not name a step; write 'Setup 2' or 'Execution 1' (the step's "
            "number in its section).",
            line,
        )
    return match.group("phase"), int(match.group("number"))


def image_item(text: str, line: int) -> ImageItem | None:
    """An image from a list item's text, or None when its first line is not an image."""
    first, *details = text.split("\n")
    match = IMAGE_RE.match(first.strip())
    if not match:
        return None
    path = match.group("path").removeprefix("<").removesuffix(">")
    alt = re.sub(r"\\(.)", r"\1", match.group("alt"))
    item = ImageItem(path=path, alt=" ".join(alt.split()), line=line)
    for offset, detail in enumerate(details, start=1):
        if not detail.strip():
            continue
        found = DETAIL_RE.match(detail.strip())
        name = READ_AS.get(" ".join(found.group("key").split()).casefold()) if found else None
        if name is None:
            raise ArticleError(
                f"“{detail.strip()[:60]}” is not an image detail; use {', '.join(DETAILS)} "
                "followed by a colon.",
                line + offset,
            )
        value = found.group("value").strip()
        if name == "licence":
            value = licence_value(value, line + offset)
        elif name == "decorative":
            if value.casefold() not in YES | NO:
                raise ArticleError("Decorative is 'yes' or 'no'.", line + offset)
            value = value.casefold() in YES
        elif name == "step":
            phase, number = step_reference(value, line + offset)
            value = step_name(phase, number)
        setattr(item, name, value)
    return item


def step_name(phase: str, number: int) -> str:
    return f"{Step.Phase(phase).label} {number}"


def detail_lines(item: ImageItem) -> list[str]:
    """The item's details as the exporter writes them: only those with a value."""
    lines = []
    for key, name in DETAILS.items():
        value = getattr(item, name)
        if name == "decorative":
            value = "yes" if value else ""
        if value:
            lines.append(f"{key}: {' '.join(str(value).split())}")
    return lines


def markdown_line(item: ImageItem) -> str:
    alt = item.alt.replace("\\", "\\\\").replace("]", "\\]").replace("[", "\\[")
    path = f"<{item.path}>" if re.search(r"[\s()<>]", item.path) else item.path
    return f"![{'' if item.decorative else alt}]({path})"


# ----- files ----------------------------------------------------------------------------


def file_name(slug: str, image: ExerciseImage, step_number: int) -> str:
    """Where an exported image goes, relative to the article: `<slug>/lead.png`,
    `<slug>/setup-2.jpg`. Made of the image's place, so exports are stable."""
    suffix = PurePosixPath(image.file.name).suffix
    place = "lead" if image.step_id is None else f"{image.step.phase}-{step_number}"
    return f"{slug}/{place}{suffix}"


def read_image_files(article: Article, folder: Path) -> None:
    """Read every image the article names from `folder`, checked as an upload is."""
    for item in article.images:
        item.data = master_of(folder, item)
        item.digest = renditions.digest_of(item.data)


def master_of(folder: Path, item: ImageItem) -> bytes:
    relative = PurePosixPath(item.path)
    if relative.is_absolute() or ".." in relative.parts or "\\" in item.path:
        raise ArticleError(
            f"The image “{item.path}” must be given relative to the article's folder, "
            "without '..'.",
            item.line,
        )
    path = folder / relative
    try:
        if path.stat().st_size > settings.IMAGE_MAX_BYTES:
            megabytes = settings.IMAGE_MAX_BYTES / 1_000_000
            raise ArticleError(
                f"The image “{item.path}” is larger than {megabytes:.0f} MB.", item.line
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(
            f"The image file “{item.path}” is missing: it should be at {path}.", item.line
        ) from None
    except OSError as error:
        raise ArticleError(
            f"The image file “{item.path}” cannot be read: {error.strerror or error}.", item.line
        ) from None
    try:
        return renditions.master_from_upload(ContentFile(data, name=path.name))
    except ValidationError as error:
        raise ArticleError(
            f"The image file “{item.path}” cannot be used: {' '.join(error.messages)}", item.line
        ) from None
