"""From the database to Format A files: every exercise as `<slug>.md`, its images beside
it as `<slug>/lead.png`, `<slug>/setup-2.jpg`…"""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import default_storage

from ..models import Exercise
from .mapping import article_from_exercise
from .writer import write_markdown


class MissingImage(Exception):
    """A stored image file an exercise names is not in storage."""


def export_to_folder(folder: Path) -> list[Path]:
    """Write every exercise as `<slug>.md` with its image files; returns the articles
    written. The images are the stored masters, byte for byte, so importing them again
    stores the same files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise in Exercise.objects.for_export().iterator(chunk_size=200):
        article = article_from_exercise(exercise)
        path = folder / f"{exercise.slug}.md"
        path.write_text(write_markdown(article), encoding="utf-8", newline="\n")
        for item, image in zip(article.images, exercise.images.all(), strict=True):
            target = folder / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with default_storage.open(image.file.name, "rb") as stored:
                    data = stored.read()
            except FileNotFoundError:
                raise MissingImage(
                    f"The image {image.file.name} of '{exercise.slug}' is missing from storage."
                ) from None
            target.write_bytes(data)
        written.append(path)
    return written
