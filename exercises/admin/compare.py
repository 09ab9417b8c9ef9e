"""What comparing two versions of an exercise shows: every field an editor writes and every
section's rows, in the editors' order, as whole text with the changed words marked. Never
the bookkeeping: version numbers, timestamps, row order numbers or keys.

The same comparison tells an editor what publishing a draft of a live guide will change
(`snapshot_of` the guide and of its draft).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from ..models import Exercise
from ..publishing import when
from ..sections import row_relations

WORDS = re.compile(r"(\s+)")


@dataclass
class Snapshot:
    """An exercise as text: its fields by label, and each section's rows in order."""

    fields: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Difference:
    label: str
    html: SafeString


def shown_fields(model) -> list[models.Field]:
    """The fields an editor writes, in the form's order: no keys, no bookkeeping."""

    def written(f) -> bool:
        is_parent = f.many_to_one and f.related_model is Exercise  # a row's exercise
        return f.editable and not f.primary_key and not is_parent and f.name != "order"

    return [f for f in model._meta.concrete_fields if written(f)] + list(model._meta.many_to_many)


def as_text(f: models.Field, value) -> str:
    """A value as an editor reads it: a choice's label, an entry's name, a local time."""
    if value in (None, "", []):
        return ""
    if f.many_to_many:
        names = f.related_model._default_manager.filter(pk__in=value).order_by("name")
        return ", ".join(str(entry) for entry in names)
    if f.many_to_one:
        entry = f.related_model._default_manager.filter(pk=value).first()
        return str(entry) if entry else "(deleted)"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return when(value)
    return str(value)


def row_text(model, values: dict) -> str:
    """One row on one line (or more, for long text): its fields' values, labelled when
    the field is not the row's main text."""
    parts = []
    for f in shown_fields(model):
        text = as_text(f, values.get(f.attname))
        if text:
            parts.append(
                text if isinstance(f, models.TextField) else f"{capfirst(f.verbose_name)}: {text}"
            )
    return " · ".join(parts)


def _ordered(rows: list[tuple[int, int, str]]) -> list[str]:
    return [text for _order, _pk, text in sorted(rows)]


def snapshot_of_version(version) -> Snapshot:
    """The exercise as a revision recorded it, with the section rows of that revision."""
    values = version.field_dict
    snapshot = Snapshot(
        fields={
            capfirst(f.verbose_name): as_text(f, values.get(f.attname))
            for f in shown_fields(Exercise)
        }
    )
    for relation in row_relations():
        model = Exercise._meta.get_field(relation).related_model
        kind = ContentType.objects.get_for_model(model)
        rows = []
        for row in version.revision.version_set.filter(content_type=kind):
            row_values = row.field_dict
            if row_values.get("exercise_id") == int(version.object_id):
                rows.append(
                    (row_values.get("order", 0), int(row.object_id), row_text(model, row_values))
                )
        snapshot.rows[relation] = _ordered(rows)
    return snapshot


def snapshot_of(exercise: Exercise, leave_out=()) -> Snapshot:
    """The exercise as it is in the database now, without the fields `leave_out`."""
    snapshot = Snapshot()
    for f in shown_fields(Exercise):
        if f.name in leave_out:
            continue
        value = (
            list(getattr(exercise, f.name).values_list("pk", flat=True))
            if f.many_to_many
            else getattr(exercise, f.attname)
        )
        snapshot.fields[capfirst(f.verbose_name)] = as_text(f, value)
    for relation in row_relations():
        model = Exercise._meta.get_field(relation).related_model
        snapshot.rows[relation] = [
            row_text(
                model, {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
            )
            for row in getattr(exercise, relation).all()
        ]
    return snapshot


# Texts with fewer words in common than this are shown as the old one, then the new one.
ALIKE = 0.5


def word_diff(old: str, new: str) -> SafeString:
    """The new text with deleted words struck through and added words marked; a text
    rewritten from scratch is shown struck through whole, then the new one whole."""
    a, b = WORDS.split(old), WORDS.split(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if old and new and matcher.ratio() < ALIKE:
        return format_html("<del>{}</del> <ins>{}</ins>", old, new)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if op == "replace":
            out.append(" ")  # a gap between the struck words and their replacement
        if op in ("insert", "replace"):
            out.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
    return mark_safe("".join(out))  # noqa: S308  (every piece is escaped above)


def rows_diff(old: list[str], new: list[str]) -> SafeString:
    """The rows in the new order: unchanged, changed (word by word), removed or added."""
    items = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            items += [format_html('<li class="same">{}</li>', text) for text in new[j1:j2]]
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            diff = word_diff(old[i1 + k], new[j1 + k])
            items.append(format_html('<li class="changed">{}</li>', diff))
        for text in old[i1 + pairs : i2]:
            items.append(format_html('<li class="removed"><del>{}</del></li>', text))
        for text in new[j1 + pairs : j2]:
            items.append(format_html('<li class="added"><ins>{}</ins></li>', text))
    return format_html('<ol class="diff-rows">{}</ol>', mark_safe("".join(items)))  # noqa: S308


def compare(old: Snapshot, new: Snapshot) -> list[Difference]:
    """Every field and section that differs, in the form's order."""
    differences = []
    for label, new_text in new.fields.items():
        old_text = old.fields.get(label, "")
        if old_text != new_text:
            html = format_html('<div class="diff-text">{}</div>', word_diff(old_text, new_text))
            differences.append(Difference(label, html))
    for relation in row_relations():
        old_rows, new_rows = old.rows.get(relation, []), new.rows.get(relation, [])
        if old_rows != new_rows:
            verbose = Exercise._meta.get_field(relation).related_model._meta.verbose_name_plural
            differences.append(Difference(capfirst(verbose), rows_diff(old_rows, new_rows)))
    return differences
