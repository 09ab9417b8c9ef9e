"""The one mapping between an article (article.py) and an exercise.

`FIELDS` declares the exercise's own fields an article carries: the Article attribute and
the Exercise field share the name; the front-matter key (blank: written in the body, like
the intro and each section's note); and the kind of value, which says how the field is read
from the front matter, written to it, taken from an exercise, saved and compared. The
label in "what changed" is the model field's verbose name. The rows of each section map by
field name too (`StepItem.phase` is `Step.phase`); sections without a form of their own are
tables of the row model's editable fields (`table_fields`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db import models

from .. import sections as declaration
from ..models import Exercise
from .article import ITEMS, Article, EquipmentItem, ImageItem, RowItem, has_own_form
from .errors import ArticleError
from .grammar import normalise_newlines
from .images import file_name as image_file_name
from .images import step_name

TEXT = "text"
ADDRESS = "address"  # the slug: it says which exercise, so it is never "changed"
CHOICE = "choice"  # one of the model field's choices; blank: not stated
ENTRY = "entry"  # a vocabulary entry, by name
ENTRIES = "entries"  # vocabulary entries, by name
SLUGS = "slugs"  # other exercises, by slug; None: not stated


@dataclass(frozen=True)
class ExerciseField:
    """One of the exercise's own fields, as an article carries it."""

    name: str  # the Article attribute and the Exercise field
    key: str = ""  # the front-matter key; blank: in the body
    kind: str = TEXT
    aliases: tuple[str, ...] = ()  # other front-matter keys read as this one

    @property
    def model_field(self) -> models.Field:
        return Exercise._meta.get_field(self.name)

    @property
    def label(self) -> str:
        return str(self.model_field.verbose_name)

    @property
    def choices(self) -> list[str]:
        return [value for value, _label in self.model_field.choices]

    @property
    def vocabulary(self) -> type[models.Model]:
        return self.model_field.related_model

    def read(self, article: Article, value, line: int) -> None:
        """Set the article's value from the front matter."""
        if self.kind in (ENTRIES, SLUGS):
            value = as_list(self.key, value, line)
        else:
            if isinstance(value, (list, dict)):
                raise ArticleError(
                    f"'{self.key}' must be a single value, not a list or mapping.", line
                )
            if isinstance(value, bool):  # YAML reads 'yes' and 'no' as booleans
                value = str(value).lower()
            value = "" if value is None else str(value).strip()
            if self.kind == CHOICE and value:
                value = value.lower()
                if value not in self.choices:
                    allowed = ", ".join(self.choices)
                    raise ArticleError(
                        f"'{self.key}: {value}' is not allowed; use one of: {allowed}.", line
                    )
        setattr(article, self.name, value)
        article.lines[self.name] = line

    def of(self, article: Article):
        """The article's value; a note the article has no attribute for (a new section's)
        is blank until a call-out fills it."""
        return getattr(article, self.name, "")

    def written(self, article: Article):
        """The front-matter value; empty ones are left out of the file."""
        value = self.of(article)
        if self.kind == CHOICE:
            return str(value or self.model_field.get_default())
        if self.kind == SLUGS:
            return value or []
        return value

    def exported(self, exercise: Exercise):
        """The exercise's value as an article holds it."""
        if self.kind == ENTRY:
            has_entry = getattr(exercise, self.model_field.attname) is not None
            return getattr(exercise, self.name).name if has_entry else ""
        if self.kind == ENTRIES:
            return sorted((e.name for e in getattr(exercise, self.name).all()), key=str.casefold)
        if self.kind == SLUGS:
            return sorted(e.slug for e in getattr(exercise, self.name).all())
        return getattr(exercise, self.name)

    def change(self, new, old) -> str | None:
        """How an import would change the field, in words, or None if it would not."""
        if self.kind == TEXT and clean(new) != clean(old):
            return self.label
        if self.kind == CHOICE and new and new != old:
            return f"{self.label} ({old} → {new})"
        if self.kind == ENTRY and new.casefold() != old.casefold():
            return self.label
        if self.kind == ENTRIES and folded(new) != folded(old):
            return self.label
        if self.kind == SLUGS and new is not None and sorted(set(new)) != old:
            return self.label
        return None


FIELDS: tuple[ExerciseField, ...] = (
    ExerciseField("name", "name"),
    ExerciseField("slug", "slug", ADDRESS),
    ExerciseField("seo_title", "title", aliases=("seo_title",)),
    ExerciseField("meta_description", "description", aliases=("meta_description",)),
    ExerciseField("status", "status", CHOICE),
    ExerciseField("body_part", "body_part", ENTRY, aliases=("bodypart",)),
    ExerciseField("primary_muscles", "primary_muscles", ENTRIES),
    ExerciseField("secondary_muscles", "secondary_muscles", ENTRIES),
    ExerciseField("equipment", "equipment", ENTRIES),
    ExerciseField("optional_equipment", "optional_equipment", ENTRIES),
    ExerciseField("difficulty", "difficulty", CHOICE),
    ExerciseField("difficulty_note", "difficulty_note"),
    ExerciseField("video_url", "video", aliases=("video_url",)),
    ExerciseField("related", "related", SLUGS),
    ExerciseField("variations", "variations", SLUGS),
    ExerciseField("intro"),
)


def all_fields() -> list[ExerciseField]:
    """FIELDS, then each section's note (written in the body, closing its section)."""
    named = {f.name for f in FIELDS}
    notes = dict.fromkeys(s.note for s in declaration.SECTIONS if s.note and s.note not in named)
    return [*FIELDS, *(ExerciseField(note) for note in notes)]


def front_matter_field(key: str) -> ExerciseField | None:
    key = key.strip().lower()
    return next((f for f in FIELDS if f.key and key in (f.key, *f.aliases)), None)


def as_list(key: str, value, line: int) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or any(isinstance(v, (list, dict)) for v in value):
        raise ArticleError(
            f"'{key}' must be a list of names, one '- Name' line each (or 'a, b, c').", line
        )
    return [str(v).strip() for v in value if v is not None and str(v).strip()]


# ----- rows -----------------------------------------------------------------------------


def row_model(section: declaration.Section) -> type[models.Model]:
    return Exercise._meta.get_field(section.rows).related_model


def table_fields(section: declaration.Section) -> list[models.Field]:
    """The columns of a section's generic table: the row model's editable fields, but
    the exercise, the order, and the field the section is filtered on."""
    model = row_model(section)
    parent = Exercise._meta.get_field(section.rows).field
    fixed = {parent.name, "order", filtered_on(section)}
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in fixed
    ]


def filtered_on(section: declaration.Section) -> str:
    """The field whose one value all of a section's rows share (a step's phase), if any:
    it goes without saying in the section's table. (A section of a few kinds, easier or
    harder, keeps the field as a column.)"""
    return section.fixed[0] if section.fixed else ""


def cell_text(row: models.Model, field: models.Field) -> str:
    """A row's value as a table cell holds it; an entry it links to by its name."""
    if field.many_to_one:
        entry = getattr(row, field.name) if getattr(row, field.attname) is not None else None
        return "" if entry is None else str(getattr(entry, "name", None) or entry.pk)
    return "" if field.value_from_object(row) is None else field.value_to_string(row)


def item_from_row(item_type: type, row: models.Model, step_numbers: dict | None = None):
    """A typed item (article.py) from a row of the model it mirrors. `step_numbers`: each
    step's number in its section, by id, for the images."""
    names = {f.name for f in fields(item_type)} - {"line", "step", "path", "data"}
    values = {name: getattr(row, name) for name in names if hasattr(row, name)}
    if item_type is EquipmentItem:
        values["entry"] = row.equipment.name if row.equipment_id else None
    if item_type is ImageItem:
        number = (step_numbers or {}).get(row.step_id, 0)
        values["path"] = image_file_name(row.exercise.slug, row, number)
        values["step"] = step_name(row.step.phase, number) if row.step_id else ""
    return item_type(**values)


def step_numbers(exercise: Exercise) -> dict[int, int]:
    """Each step's number within its section (setup or execution), by id."""
    numbers, counts = {}, {}
    for step in exercise.steps.all():
        counts[step.phase] = counts.get(step.phase, 0) + 1
        numbers[step.pk] = counts[step.phase]
    return numbers


def article_from_exercise(exercise: Exercise) -> Article:
    """Everything an editor can edit, each section's rows in their display order.

    Expects an exercise from `Exercise.objects.for_export()` (everything prefetched)."""
    article = Article(format="markdown")
    for field in all_fields():
        setattr(article, field.name, field.exported(exercise))
    numbers = step_numbers(exercise)
    for section in declaration.SECTIONS:
        rows = section.rows_of(exercise)
        if not has_own_form(section):
            columns = table_fields(section)
            article.tables[section.anchor] = [
                RowItem({f.name: cell_text(row, f) for f in columns}) for row in rows
            ]
        elif ITEMS[section.anchor]:
            items = [item_from_row(ITEMS[section.anchor], row, numbers) for row in rows]
            getattr(article, section.rows).extend(items)
    return article


# ----- comparing ------------------------------------------------------------------------


def clean(text: str) -> str:
    return normalise_newlines(text).strip()


def folded(names: list[str]) -> list[str]:
    return sorted({" ".join(n.split()).casefold() for n in names})
