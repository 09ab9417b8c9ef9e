"""From the database to an Article, and so to a Format A file."""

from __future__ import annotations

from pathlib import Path

from ..models import Exercise
from .article import Article, EquipmentItem, FaqItem, SetsRepsItem, StepItem, TipItem
from .markdown_writer import write_markdown


def article_from_exercise(exercise: Exercise) -> Article:
    """Everything an editor can edit, lists in their display order.

    Expects an exercise from `Exercise.objects.for_export()` (everything prefetched)."""
    steps = sorted(exercise.steps.all(), key=lambda s: (s.order, s.pk))
    return Article(
        name=exercise.name,
        slug=exercise.slug,
        seo_title=exercise.seo_title,
        meta_description=exercise.meta_description,
        intro=exercise.intro,
        body_part=exercise.body_part.name if exercise.body_part_id else "",
        primary_muscles=names(exercise.primary_muscles.all()),
        secondary_muscles=names(exercise.secondary_muscles.all()),
        equipment=names(exercise.equipment.all()),
        optional_equipment=names(exercise.optional_equipment.all()),
        difficulty=exercise.difficulty,
        difficulty_note=exercise.difficulty_note,
        progression_rule=exercise.progression_rule,
        setup_tip=exercise.setup_tip,
        execution_tip=exercise.execution_tip,
        equipment_tip=exercise.equipment_tip,
        sets_reps=[
            SetsRepsItem(goal=row.goal, sets=row.sets, reps=row.reps, guidance=row.guidance)
            for row in exercise.sets_reps.all()
        ],
        # The page shows setup steps, then execution steps, each in their own order.
        steps=[
            StepItem(phase=step.phase, label=step.label, text=step.text)
            for phase in ("setup", "execution")
            for step in steps
            if step.phase == phase
        ],
        tips=[
            TipItem(kind=tip.kind, label=tip.label, text=tip.text) for tip in exercise.tips.all()
        ],
        faqs=[
            FaqItem(question=faq.question, answer=faq.answer, anchor=faq.anchor)
            for faq in exercise.faqs.all()
        ],
        recommended_equipment=[
            EquipmentItem(
                name=row.name,
                why=row.why,
                url=row.url,
                entry=row.equipment.name if row.equipment_id else None,
            )
            for row in exercise.recommended_equipment.all()
        ],
        status=exercise.status,
        related=sorted(e.slug for e in exercise.related.all()),
        variations=sorted(e.slug for e in exercise.variations.all()),
        format="markdown",
    )


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


def names(entries) -> list[str]:
    return sorted((entry.name for entry in entries), key=str.casefold)
