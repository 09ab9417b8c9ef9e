"""From the database to Format A files: every exercise as `<slug>.md`."""

from __future__ import annotations

from pathlib import Path

from ..models import Exercise
from .mapping import article_from_exercise
from .writer import write_markdown


def export_markdown(exercise: Exercise) -> str:
    return write_markdown(article_from_exercise(exercise))


def export_to_folder(folder: Path) -> list[Path]:
    """Write every exercise as `<slug>.md`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise in Exercise.objects.for_export().iterator(chunk_size=200):
        path = folder / f"{exercise.slug}.md"
        path.write_text(export_markdown(exercise), encoding="utf-8", newline="\n")
        written.append(path)
    return written
