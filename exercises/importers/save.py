"""Write an Article to the database: one transaction, one revision, nothing half-saved.

Re-importing updates the exercise with the same slug. Vocabulary entries (body parts,
muscles, equipment) are matched by name ignoring case, or by address, and created when new.
The fields and rows are those of the mapping (mapping.py) and the declaration
(exercises.sections).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, models, transaction
from django.utils.text import capfirst, slugify
from reversion import add_to_revision, create_revision, set_comment, set_user

from .. import renditions
from .. import sections as declaration
from ..models import Equipment, Exercise, ExerciseImage, Faq, Licence, SetsReps, Status, Step
from ..models.taxonomy import Taxonomy
from ..sections import row_relations
from .article import Article, EquipmentItem, FaqItem, ImageItem, Notice, RowItem, item_values
from .errors import ArticleError
from .images import step_name
from .mapping import (
    CHOICE,
    ENTRIES,
    ENTRY,
    FIELDS,
    SLUGS,
    TEXT,
    all_fields,
    article_from_exercise,
    clean,
    row_model,
    table_fields,
)

# Sets and reps an import could not read are saved blank, with a notice to fill them in.
BLANK_ALLOWED = {SetsReps: ["sets", "reps"]}


@dataclass
class SaveResult:
    exercise: Exercise | None  # None after a dry run of a new exercise
    slug: str
    created: bool
    status: str
    changes: list[str] = field(default_factory=list)
    new_vocabulary: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # field name -> slugs not found yet; linked by `link_pending` once the run is over
    pending: dict[str, list[str]] = field(default_factory=dict)
    # table rows that link to an exercise not found yet; saved by `link_pending` too
    pending_rows: list[PendingRow] = field(default_factory=list)


@dataclass
class PendingRow:
    """A table row naming an exercise that no file of the run has created yet."""

    section: declaration.Section
    item: RowItem
    name: str  # the exercise it names

    def warning(self, source: str = "") -> str:
        where = f"{source}:{self.item.line}:" if source else f"Line {self.item.line}:"
        return (
            f"{where} “{self.name}” in {self.section.file_heading} matches no exercise; that "
            "row was left out."
        )


class MissingExercise(Exception):
    """A table cell names an exercise that does not exist (yet)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def slug_for(article: Article) -> str:
    slug = article.slug or slugify(article.name)[:120].strip("-")
    try:
        validate_slug(slug)
    except ValidationError:
        raise ArticleError(
            f"“{slug}” cannot be a page address: use only lowercase letters, digits and "
            "hyphens, e.g. 'cat-cow'.",
            article.line_of("slug" if article.slug else "name"),
        ) from None
    return slug


def resolve_status(article: Article, existing: Exercise | None, override: str | None) -> str:
    """--publish or the admin's choice, else what the file says, else the current status of
    an existing exercise, else draft."""
    if override:
        return override
    if article.status:
        return article.status
    return existing.status if existing else Status.DRAFT


def check_name_free(article: Article, slug: str) -> None:
    other = Exercise.objects.guides().filter(name=article.name).exclude(slug=slug).first()
    if other:
        raise ArticleError(
            f"Another exercise is already called “{article.name}” (its address is "
            f"'{other.slug}'). Give this article a different name, or 'slug: {other.slug}' "
            "to update that exercise.",
            article.line_of("name"),
        )


def save_article(
    article: Article,
    *,
    source: str,
    user=None,
    status: str | None = None,
    dry_run: bool = False,
) -> SaveResult:
    """Create or update the exercise the article describes, in one transaction.

    Relations to exercises that do not exist yet are left in `result.pending` (see
    `link_pending`). With `dry_run` nothing is written; the result says what would change.
    Raises ArticleError when the article cannot be saved; nothing of it is then kept.
    """
    if not article.name:
        raise ArticleError("The article has no title.", 1)
    slug = slug_for(article)
    check_name_free(article, slug)
    existing = Exercise.objects.for_export().filter(slug=slug).first()
    result = SaveResult(
        exercise=existing,
        slug=slug,
        created=existing is None,
        status=resolve_status(article, existing, status),
        notices=list(article.notices),
    )
    article = as_saved(article, existing, result.status)
    result.changes = describe_changes(article, existing)
    if existing is not None and not result.changes:
        return result  # unchanged: no new revision, no edit conflict for open editors
    if dry_run:
        with transaction.atomic():
            _Writer(article, result, user).check_only()
        return result
    try:
        with transaction.atomic(), create_revision():
            _Writer(article, result, user).write(source)
    except IntegrityError as error:
        raise ArticleError(
            f"The database refused the article ({error}). Nothing of it was saved.", 1
        ) from None
    return result


def as_saved(article: Article, existing: Exercise | None, status: str) -> Article:
    """A copy of the article as saving will store it, to compare with the exercise: its
    status decided, copied equipment names linked to the entries they name, and questions
    already on the page keeping their link anchors (unless the file gives one)."""
    article = copy.deepcopy(article)
    article.status = status
    for item in article.recommended_equipment:
        link_to_entry(item)
    kept = {}
    for faq in existing.faqs.all() if existing else []:
        kept[" ".join(faq.question.casefold().split())] = faq.anchor
    taken = {item.anchor for item in article.faqs if item.anchor}
    for item in article.faqs:
        anchor = kept.get(" ".join(item.question.casefold().split()))
        if not item.anchor and anchor and anchor not in taken:
            item.anchor = anchor
            taken.add(anchor)
    return article


class _Writer:
    def __init__(self, article: Article, result: SaveResult, user):
        self.article = article
        self.result = result
        self.user = user
        self.creating = True
        self.steps: dict[str, Step] = {}  # the article's steps by name ('Setup 2'), for images

    # ----- vocabulary --------------------------------------------------------------------

    def entry(self, model, name: str, line: int):
        """The vocabulary entry called `name` (any case), created when missing."""
        name = " ".join(name.split())
        found = find_entry(model, name)
        if found:
            return found
        label = model._meta.verbose_name
        if not slugify(name):
            raise ArticleError(f"“{name}” cannot be a {label} name: it has no letters.", line)
        if len(name) > 100:
            raise ArticleError(f"The {label} name “{name[:40]}…” is longer than 100 "
                               "characters.", line)  # fmt: skip
        note = f"{label} “{name}”"
        if note not in self.result.new_vocabulary:
            self.result.new_vocabulary.append(note)
        if not self.creating:
            return None
        try:
            # In a savepoint: an import running at the same time may create it first,
            # and then this one uses that entry.
            with transaction.atomic():
                return model.objects.create(name=name)
        except IntegrityError:
            found = find_entry(model, name)
            if found is None:
                raise
            return found

    def entries(self, model, names: list[str], line: int) -> list:
        found = [self.entry(model, name, line) for name in names]
        return list({entry.pk: entry for entry in found if entry is not None}.values())

    # ----- dry run -----------------------------------------------------------------------

    def check_only(self) -> None:
        """Everything `write` checks, without writing."""
        self.creating = False
        # A copy: the caller still shows the exercise as it is now.
        exercise = copy.copy(self.result.exercise) or Exercise(slug=self.result.slug)
        self.fill(exercise)
        self.check(exercise, self.article.line_of("name"), exclude=["slug"])
        self.vocabulary()
        self.rows(exercise)
        self.relations(exercise, save=False)

    # ----- writing -----------------------------------------------------------------------

    def write(self, source: str) -> None:
        # The guide at this address, never its pending draft (exercises.publishing).
        guides = Exercise.objects.guides().select_for_update()
        existing = guides.filter(slug=self.result.slug).first()
        exercise = existing or Exercise(slug=self.result.slug)
        if existing:
            # An editor with the old version open in the admin is told before overwriting.
            exercise.version += 1
        self.fill(exercise)
        self.check(exercise, self.article.line_of("name"))
        exercise.save()  # the model sets published_at on first publication
        for name, entries in self.vocabulary().items():
            getattr(exercise, name).set(entries)
        rows = self.rows(exercise)
        for relation in row_relations():
            getattr(exercise, relation).all().delete()
        # Saved one by one, as the admin's inlines do, so that every receiver keeping
        # derived data (caches, the search index) hears about each row. Explicit FAQ
        # anchors first, so that derived ones step around them.
        for row in sorted(rows, key=lambda row: isinstance(row, Faq) and not row.anchor):
            row.save()  # a FAQ entry derives a unique anchor from its question when blank
        self.relations(exercise, save=True)
        add_to_revision(exercise)  # after the sections exist, so the revision holds them
        set_comment(f"Imported from {source}")
        if self.user is not None:
            set_user(self.user)
        self.result.exercise = exercise

    def vocabulary(self) -> dict[str, list]:
        """The entries of each list of vocabulary (muscles, equipment), by field name."""
        lists = {}
        for mapped in FIELDS:
            if mapped.kind == ENTRIES:
                names, line = getattr(self.article, mapped.name), self.article.line_of(mapped.name)
                lists[mapped.name] = self.entries(mapped.vocabulary, names, line)
        return lists

    def fill(self, exercise: Exercise) -> None:
        """The exercise's own fields from the article (lists are set once it is saved)."""
        for mapped in all_fields():
            value = mapped.of(self.article)
            line = self.article.line_of(mapped.name)
            if mapped.kind == ENTRY:
                entry = self.entry(mapped.vocabulary, value, line) if value else None
                setattr(exercise, mapped.name, entry)
            elif mapped.kind == CHOICE:
                # Not stated: an existing exercise keeps its value, a new one the default.
                if value or exercise.pk is None:
                    setattr(exercise, mapped.name, value or mapped.model_field.get_default())
            elif mapped.kind == TEXT:
                setattr(exercise, mapped.name, value)

    def check(self, instance, line: int, exclude=(), allow_blank=()) -> None:
        """Run the model's own field validation; report the first problem at `line`."""
        blank = [name for name in allow_blank if not getattr(instance, name)]
        links = [f.name for f in instance._meta.concrete_fields if f.many_to_one]
        try:
            instance.clean_fields(exclude=[*exclude, *blank, *links])
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            label = instance._meta.get_field(name).verbose_name
            where = instance._meta.verbose_name
            subject = label if where == "exercise" else f"{where} {label}"
            raise ArticleError(f"{capfirst(subject)}: {' '.join(messages)}", line) from None

    # ----- sections ----------------------------------------------------------------------

    def rows(self, exercise: Exercise) -> list[models.Model]:
        """Every section's rows, checked, numbered in page order within each relation."""
        rows: list[models.Model] = []
        order: dict[str, int] = {}
        anchors: dict[str, int] = {}
        numbers: dict[str, int] = {}  # steps so far in each phase
        for section in declaration.SECTIONS:
            if not section.rows:
                continue
            model = row_model(section)
            for item in self.article.items(section):
                try:
                    row = self.row(section, model, item)
                except MissingExercise as missing:
                    self.result.pending_rows.append(PendingRow(section, item, missing.name))
                    continue
                row.exercise = exercise
                row.order = order.setdefault(section.rows, 0)
                order[section.rows] += 1
                if section.fixed:
                    name, value = section.fixed
                    setattr(row, name, value)
                check_kind(section, row, item.line)
                if isinstance(item, FaqItem) and item.anchor:
                    if item.anchor in anchors:
                        raise ArticleError(
                            f"Two questions use the link anchor '{item.anchor}' (the other is "
                            f"on line {anchors[item.anchor]}); each needs its own.",
                            item.line,
                        )
                    anchors[item.anchor] = item.line
                blank = BLANK_ALLOWED.get(model, [])
                self.check(row, item.line, exclude=["exercise"], allow_blank=blank)
                if isinstance(row, Step):
                    numbers[row.phase] = numbers.get(row.phase, 0) + 1
                    self.steps[step_name(row.phase, numbers[row.phase])] = row
                rows.append(row)
        self.check_images([row for row in rows if isinstance(row, ExerciseImage)])
        return rows

    def check_images(self, images: list[ExerciseImage]) -> None:
        """One lead image, one image per step, and alt text on all of them to publish."""
        places: dict[object, int] = {}
        for image in images:
            place = id(image.step)  # the lead image's is None's
            if place in places:
                where = "lead image" if image.step is None else f"image of {image.step_name}"
                raise ArticleError(f"There is already a {where} (line {places[place]}); "
                                   "each place takes one image.", image.line)  # fmt: skip
            places[place] = image.line
        if self.result.status == Status.PUBLISHED:
            missing = [str(image.line) for image in images if image.needs_alt]
            if missing:
                raise ArticleError(
                    "An image without alt text cannot be published: give it a description "
                    "in its ![…] (or 'Decorative: yes'), or import the article as a draft. "
                    f"Images on lines {', '.join(missing)}.",
                    int(missing[0]),
                )

    def image(self, item: ImageItem) -> ExerciseImage:
        """An image row, its file stored with its renditions (not in a dry run)."""
        step = None
        if item.step:
            step = self.steps.get(item.step)
            if step is None:
                raise ArticleError(f"The image “{item.path}” is for step “{item.step}”, which "
                                   "the article does not have.", item.line)  # fmt: skip
        if not item.data:
            raise ArticleError(
                f"The image file “{item.path}” was not read: images travel beside their "
                "article, so import the article from its folder (manage.py import_articles).",
                item.line,
            )
        if item.licence == Licence.OTHER and not item.licence_note.strip():
            raise ArticleError("An image under another licence needs a 'Licence note:' saying "
                               "which.", item.line)  # fmt: skip
        names = {f.name for f in ExerciseImage._meta.concrete_fields} - {"step"}
        values = {k: v for k, v in item_values(item).items() if k in names}
        image = ExerciseImage(**values, step=step)
        image.line, image.step_name = item.line, item.step
        if not self.creating:
            image.file.name = item.path  # a dry run stores nothing
            return image
        try:
            stored = renditions.store(item.data)
        except (ValidationError, OSError) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else error
            raise ArticleError(f"The image “{item.path}” cannot be stored: {message}",
                               item.line) from None  # fmt: skip
        image.file.name = stored.name
        image.width, image.height = stored.width, stored.height
        image.digest, image.renditions = stored.digest, stored.renditions
        return image

    def row(self, section: declaration.Section, model, item) -> models.Model:
        """A row from an item: a typed item's values are named like the model's fields; a
        table row's are text, and a link to an entry is its name."""
        if isinstance(item, RowItem):
            return model(**self.table_values(section, item))
        if isinstance(item, ImageItem):
            return self.image(item)
        if isinstance(item, EquipmentItem):
            link_to_entry(item)  # an entry this import created counts too
        names = {f.name for f in model._meta.concrete_fields}
        row = model(**{k: v for k, v in item_values(item).items() if k in names})
        if isinstance(item, EquipmentItem):
            row.equipment = self.entry(Equipment, item.entry, item.line) if item.entry else None
            if not row.name and not item.entry:
                raise ArticleError("A recommended-equipment line has no name.", item.line)
        return row

    def table_values(self, section: declaration.Section, item: RowItem) -> dict:
        return cell_values(section, item, self.linked)

    def linked(self, model, text: str, line: int):
        """The entry a table cell names: a vocabulary entry (created when new), or another
        entry found by name or address."""
        if issubclass(model, Taxonomy):
            return self.entry(model, text, line)
        return existing_entry(model, text, line)

    def relations(self, exercise: Exercise, *, save: bool) -> None:
        for mapped in FIELDS:
            slugs = getattr(self.article, mapped.name) if mapped.kind == SLUGS else None
            if slugs is None:
                continue  # the source says nothing: keep what the exercise has
            slugs = [slug for slug in dict.fromkeys(slugs) if slug != self.result.slug]
            found = list(Exercise.objects.guides().filter(slug__in=slugs))
            missing = [slug for slug in slugs if slug not in {e.slug for e in found}]
            if missing:
                self.result.pending[mapped.name] = missing
            if save:
                getattr(exercise, mapped.name).set(found)


def cell_values(section: declaration.Section, item: RowItem, linked) -> dict:
    """A table row's cells as the row model's field values; `linked(model, text, line)`
    finds the entry a cell names."""
    values = {}
    for column in table_fields(section):
        if column.name not in item.values:
            continue
        text = item.values[column.name]
        if column.many_to_one:
            values[column.name] = linked(column.related_model, text, item.line) if text else None
            continue
        if column.choices:
            named = {str(label).casefold(): value for value, label in column.choices}
            text = named.get(text.casefold(), text)
        try:
            blank = "" if column.empty_strings_allowed else None
            values[column.name] = column.to_python(text) if text else blank
        except ValidationError as error:
            label = capfirst(column.verbose_name)
            raise ArticleError(f"{label}: {' '.join(error.messages)}", item.line) from None
    return values


def existing_entry(model, text: str, line: int):
    found = find_entry(model, text)
    if found is None and model is Exercise:
        raise MissingExercise(text)  # perhaps a later file of the run: see link_pending
    if found is None:
        raise ArticleError(f"No {model._meta.verbose_name} is called “{text}”.", line)
    return found


def check_kind(section: declaration.Section, row: models.Model, line: int) -> None:
    """A row in a section of a few kinds (easier or harder) is of one of them."""
    if not section.picks(row):
        field, values = section.only
        choices = dict(row._meta.get_field(field).choices)
        allowed = ", ".join(str(choices[value]) for value in values)
        raise ArticleError(
            f"“{getattr(row, f'get_{field}_display')()}” does not belong under "
            f"{section.file_heading}: use one of {allowed}.",
            line,
        )


def link_to_entry(item: EquipmentItem) -> None:
    """A copied equipment name links to the entry of that name, if there is one."""
    entry = Equipment.objects.filter(name__iexact=item.name).first() if item.auto_link else None
    if entry:
        item.name, item.entry, item.auto_link = "", entry.name, False


def find_entry(model, name: str):
    """The entry called `name` ignoring case, or with the address the name makes."""
    return (
        model.objects.filter(name__iexact=name).first()
        or model.objects.filter(slug=slugify(name)[:100]).first()
    )


def link_pending(results: list[SaveResult], source_of: dict[str, str]) -> list[str]:
    """After a run: link relations to exercises that later files created. Returns a
    warning for every slug that still matches no exercise."""
    warnings = []
    for result in results:
        if result.pending_rows and result.exercise is not None:
            warnings += add_pending_rows(result, source_of.get(result.slug, result.slug))
        if not result.pending:
            continue
        exercise = result.exercise
        linked = False
        with transaction.atomic(), create_revision():
            for attribute, slugs in result.pending.items():
                found = {e.slug: e for e in Exercise.objects.guides().filter(slug__in=slugs)}
                if exercise is not None and exercise.pk and found:
                    getattr(exercise, attribute).add(*found.values())
                    linked = True
                for slug in slugs:
                    if slug not in found:
                        label = "related exercise" if attribute == "related" else "variation"
                        warnings.append(
                            f"{source_of.get(result.slug, result.slug)}: {label} '{slug}' "
                            "matches no exercise; left unlinked."
                        )
            if linked:
                add_to_revision(exercise)
                set_comment("Linked related exercises imported in the same run.")
    return warnings


def add_pending_rows(result: SaveResult, source: str) -> list[str]:
    """Save the table rows that named exercises later files created, after the exercise's
    other rows of the same kind; warn about those that still name none."""
    warnings, added = [], False
    exercise = result.exercise
    with transaction.atomic(), create_revision():
        for pending in result.pending_rows:
            try:
                values = cell_values(pending.section, pending.item, existing_entry)
            except MissingExercise:
                warnings.append(pending.warning(source))
                continue
            rows = getattr(exercise, pending.section.rows)
            last = rows.aggregate(last=models.Max("order"))["last"]
            row = rows.model(**values, exercise=exercise, order=0 if last is None else last + 1)
            if pending.section.fixed:
                setattr(row, *pending.section.fixed)
            row.save()
            added = True
        if added:
            add_to_revision(exercise)
            set_comment("Linked exercises imported in the same run.")
    return warnings


# ----- what would change ----------------------------------------------------------------


def describe_changes(article: Article, existing: Exercise | None) -> list[str]:
    """What an import would change, in words an editor recognises: each field by its
    label, each section by its heading, with old → new counts."""
    if existing is None:
        return []
    current = article_from_exercise(existing)
    changes = []
    for mapped in all_fields():
        change = mapped.change(mapped.of(article), mapped.of(current))
        if change:
            changes.append(change)
    for section in declaration.SECTIONS:
        new, old = article.items(section), current.items(section)
        if len(new) != len(old):
            changes.append(f"{section.file_heading} ({len(old)} → {len(new)})")
        elif not all(same(n, o) for n, o in zip(new, old, strict=True)):
            changes.append(section.file_heading)
    return changes


def same(new, old) -> bool:
    """Whether saving the new item leaves the old row as it is."""
    new_values, old_values = compared(new), compared(old)
    if isinstance(new, FaqItem) and not new.anchor:
        old_values["anchor"] = ""  # a question without one keeps or makes its own
    return new_values == old_values


def compared(item) -> dict:
    return {k: clean(v) if isinstance(v, str) else v for k, v in item_values(item).items()}
