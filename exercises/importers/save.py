"""Write an Article to the database: one transaction, one revision, nothing half-saved.

Re-importing updates the exercise with the same slug. Vocabulary entries (body parts,
muscles, equipment) are matched by name ignoring case, or by address, and created when new.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.text import capfirst, slugify
from reversion import add_to_revision, create_revision, set_comment, set_user

from ..models import (
    BodyPart,
    Equipment,
    Exercise,
    Faq,
    Muscle,
    RecommendedEquipment,
    SetsReps,
    Status,
    Step,
    Tip,
)
from .article import Article, Notice
from .errors import ArticleError
from .export import article_from_exercise
from .markdown_writer import normalise_newlines

RELATION_FIELDS = ("related", "variations")


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
    other = Exercise.objects.filter(name=article.name).exclude(slug=slug).first()
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
    result.changes = describe_changes(article, existing, result.status)
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


class _Writer:
    def __init__(self, article: Article, result: SaveResult, user):
        self.article = article
        self.result = result
        self.user = user
        self.creating = True

    # ----- vocabulary --------------------------------------------------------------------

    def entry(self, model, name: str, line: int):
        """The vocabulary entry called `name` (any case), created when missing."""
        name = " ".join(name.split())
        found = (
            model.objects.filter(name__iexact=name).first()
            or model.objects.filter(slug=slugify(name)[:100]).first()
        )
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
        return model.objects.create(name=name)

    def entries(self, model, names: list[str], line: int) -> list:
        found = [self.entry(model, name, line) for name in names]
        return list({entry.pk: entry for entry in found if entry is not None}.values())

    # ----- dry run -----------------------------------------------------------------------

    def check_only(self) -> None:
        """Everything `write` checks, without writing."""
        self.creating = False
        article = self.article
        if article.body_part:
            self.entry(BodyPart, article.body_part, article.line_of("body_part"))
        for attribute, model in self.vocabulary_fields():
            self.entries(model, getattr(article, attribute), article.line_of(attribute))
        # A copy: the caller still shows the exercise as it is now.
        exercise = copy.copy(self.result.exercise) or Exercise(slug=self.result.slug)
        self.fill(exercise)
        self.check(exercise, article.line_of("name"), exclude=["body_part", "slug"])
        self.children(exercise, save=False)
        self.relations(exercise, save=False)

    # ----- writing -----------------------------------------------------------------------

    def write(self, source: str) -> None:
        article = self.article
        existing = Exercise.objects.select_for_update().filter(slug=self.result.slug).first()
        exercise = existing or Exercise(slug=self.result.slug)
        if existing:
            # An editor with the old version open in the admin is told before overwriting.
            exercise.version += 1
        self.fill(exercise)
        exercise.body_part = (
            self.entry(BodyPart, article.body_part, article.line_of("body_part"))
            if article.body_part
            else None
        )
        self.check(exercise, article.line_of("name"), exclude=["body_part"])
        exercise.save()  # the model sets published_at on first publication
        for attribute, model in self.vocabulary_fields():
            getattr(exercise, attribute).set(
                self.entries(model, getattr(article, attribute), article.line_of(attribute))
            )
        self.children(exercise, save=True)
        self.relations(exercise, save=True)
        add_to_revision(exercise)  # after the sections exist, so the revision holds them
        set_comment(f"Imported from {source}")
        if self.user is not None:
            set_user(self.user)
        self.result.exercise = exercise

    def vocabulary_fields(self):
        return [
            ("primary_muscles", Muscle),
            ("secondary_muscles", Muscle),
            ("equipment", Equipment),
            ("optional_equipment", Equipment),
        ]

    def fill(self, exercise: Exercise) -> None:
        article = self.article
        exercise.name = article.name
        exercise.seo_title = article.seo_title
        exercise.meta_description = article.meta_description
        exercise.intro = article.intro
        if article.difficulty or exercise.pk is None:
            exercise.difficulty = (
                article.difficulty or Exercise._meta.get_field("difficulty").get_default()
            )
        exercise.difficulty_note = article.difficulty_note
        exercise.progression_rule = article.progression_rule
        exercise.setup_tip = article.setup_tip
        exercise.execution_tip = article.execution_tip
        exercise.equipment_tip = article.equipment_tip
        exercise.status = self.result.status

    def check(self, instance, line: int, exclude=(), allow_blank=()) -> None:
        """Run the model's own field validation; report the first problem at `line`."""
        blank = [name for name in allow_blank if not getattr(instance, name)]
        try:
            instance.clean_fields(exclude=[*exclude, *blank])
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            label = instance._meta.get_field(name).verbose_name
            where = instance._meta.verbose_name
            subject = label if where == "exercise" else f"{where} {label}"
            raise ArticleError(f"{capfirst(subject)}: {' '.join(messages)}", line) from None

    def children(self, exercise: Exercise, *, save: bool) -> None:
        article = self.article
        kept_anchors = {}
        if exercise.pk:
            kept_anchors = {
                " ".join(q.casefold().split()): a
                for q, a in Faq.objects.filter(exercise=exercise).values_list("question", "anchor")
            }
        rows: list = []
        for order, item in enumerate(article.sets_reps):
            row = SetsReps(exercise=exercise, order=order, goal=item.goal, sets=item.sets,
                           reps=item.reps, guidance=item.guidance)  # fmt: skip
            self.check(row, item.line, exclude=["exercise"], allow_blank=["sets", "reps"])
            rows.append(row)
        for order, item in enumerate(article.steps):
            row = Step(exercise=exercise, order=order, phase=item.phase, label=item.label,
                       text=item.text)  # fmt: skip
            self.check(row, item.line, exclude=["exercise"])
            rows.append(row)
        for order, item in enumerate(article.tips):
            row = Tip(exercise=exercise, order=order, kind=item.kind, label=item.label,
                      text=item.text)  # fmt: skip
            self.check(row, item.line, exclude=["exercise"])
            rows.append(row)
        faqs = []
        explicit: dict[str, int] = {}
        stated = {item.anchor for item in article.faqs if item.anchor}
        for order, item in enumerate(article.faqs):
            # A question already on the page keeps its link, unless the file gives one.
            kept = kept_anchors.get(" ".join(item.question.casefold().split()))
            if kept in stated or kept in explicit:
                kept = None
            anchor = item.anchor or kept
            if item.anchor and item.anchor in explicit:
                raise ArticleError(
                    f"Two questions use the link anchor '{item.anchor}' (the other is on line "
                    f"{explicit[item.anchor]}); each needs its own.",
                    item.line,
                )
            explicit[anchor or ""] = item.line
            row = Faq(exercise=exercise, order=order, question=" ".join(item.question.split()),
                      answer=item.answer, anchor=anchor or "")  # fmt: skip
            self.check(row, item.line, exclude=["exercise"], allow_blank=["anchor"])
            faqs.append(row)
        equipment_rows = []
        for order, item in enumerate(article.recommended_equipment):
            entry = None
            if item.entry:
                entry = self.entry(Equipment, item.entry, item.line)
            elif item.auto_link:
                entry = Equipment.objects.filter(name__iexact=item.name).first()
            name = "" if (item.auto_link and entry) else item.name
            row = RecommendedEquipment(exercise=exercise, order=order, equipment=entry,
                                       name=name, why=item.why, url=item.url)  # fmt: skip
            self.check(row, item.line, exclude=["exercise", "equipment"])
            if not row.name and not item.entry and entry is None:
                raise ArticleError("A recommended-equipment line has no name.", item.line)
            equipment_rows.append(row)
        if not save:
            return
        for model in (SetsReps, Step, Tip, Faq, RecommendedEquipment):
            model.objects.filter(exercise=exercise).delete()
        # Saved one by one, as the admin's inlines do, so that every receiver keeping
        # derived data (caches, the search index) hears about each row.
        for row in rows:
            row.save()
        # Explicit anchors first, so that derived ones step around them.
        for row in sorted(faqs, key=lambda faq: not faq.anchor):
            row.save()  # the model derives a unique anchor from the question when blank
        for row in equipment_rows:
            row.save()

    def relations(self, exercise: Exercise, *, save: bool) -> None:
        for attribute in RELATION_FIELDS:
            slugs = getattr(self.article, attribute)
            if slugs is None:
                continue  # the source says nothing: keep what the exercise has
            slugs = [slug for slug in dict.fromkeys(slugs) if slug != self.result.slug]
            found = list(Exercise.objects.filter(slug__in=slugs))
            missing = [slug for slug in slugs if slug not in {e.slug for e in found}]
            if missing:
                self.result.pending[attribute] = missing
            if save:
                getattr(exercise, attribute).set(found)


def link_pending(results: list[SaveResult], source_of: dict[str, str]) -> list[str]:
    """After a run: link relations to exercises that later files created. Returns a
    warning for every slug that still matches no exercise."""
    warnings = []
    for result in results:
        if not result.pending:
            continue
        exercise = result.exercise
        linked = False
        with transaction.atomic(), create_revision():
            for attribute, slugs in result.pending.items():
                found = {e.slug: e for e in Exercise.objects.filter(slug__in=slugs)}
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


# ----- what would change ----------------------------------------------------------------


def describe_changes(article: Article, existing: Exercise | None, status: str) -> list[str]:
    """The sections an import would change, in words an editor recognises."""
    if existing is None:
        return []
    current = article_from_exercise(existing)
    changes = []
    scalars = [
        ("name", "name"), ("seo_title", "SEO title"), ("meta_description", "meta description"),
        ("intro", "intro"), ("difficulty_note", "difficulty note"),
        ("progression_rule", "progression rule"), ("setup_tip", "setup tip"),
        ("execution_tip", "execution tip"), ("equipment_tip", "equipment tip"),
    ]  # fmt: skip
    for attribute, label in scalars:
        if clean(getattr(article, attribute)) != clean(getattr(current, attribute)):
            changes.append(label)
    if article.body_part.casefold() != current.body_part.casefold():
        changes.append("body part")
    for attribute in ("primary_muscles", "secondary_muscles", "equipment", "optional_equipment"):
        if folded(getattr(article, attribute)) != folded(getattr(current, attribute)):
            changes.append(attribute.replace("_", " "))
    if article.difficulty and article.difficulty != current.difficulty:
        changes.append("difficulty")
    if status != current.status:
        changes.append(f"status ({current.status} → {status})")
    lists = [
        ("sets & reps", "sets_reps", lambda i: (i.goal, i.sets, i.reps, i.guidance)),
        ("steps", "steps", lambda i: (i.phase, i.label, clean(i.text))),
        ("tips & mistakes", "tips", lambda i: (i.kind, i.label, clean(i.text))),
        ("FAQ", "faqs", lambda i: (" ".join(i.question.split()), clean(i.answer))),
        ("FAQ links", "faqs", lambda i: i.anchor),
        ("recommended equipment", "recommended_equipment",
         lambda i: (i.display_name.casefold(), links_entry(i), i.why, i.url)),
    ]  # fmt: skip
    for label, attribute, key in lists:
        new, old = getattr(article, attribute), getattr(current, attribute)
        if label == "FAQ links":  # only anchors the file states, where the rest matched
            if "FAQ" not in " ".join(changes) and any(
                n.anchor and n.anchor != o.anchor for n, o in zip(new, old, strict=False)
            ):
                changes.append(label)
            continue
        if [key(i) for i in new] != [key(i) for i in old]:
            counts = f" ({len(old)} → {len(new)})" if len(old) != len(new) else ""
            changes.append(f"{label}{counts}")
    for attribute in RELATION_FIELDS:
        new = getattr(article, attribute)
        if new is not None and sorted(set(new)) != getattr(current, attribute):
            changes.append(attribute.replace("related", "related exercises"))
    return changes


def links_entry(item) -> bool:
    """Whether saving links the row to an equipment entry (see `_Writer.children`)."""
    if item.entry is not None:
        return True
    return item.auto_link and Equipment.objects.filter(name__iexact=item.name).exists()


def clean(text: str) -> str:
    return normalise_newlines(text).strip()


def folded(names: list[str]) -> list[str]:
    return sorted({" ".join(n.split()).casefold() for n in names})
