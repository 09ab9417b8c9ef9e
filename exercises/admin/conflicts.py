"""Two editors, or two tabs, saving the same exercise.

Every change form carries the version number it was opened at (`edit_version`). A save
from an older version is refused, with a message naming who saved in between, and the form
is drawn again against the exercise as it is now, holding everything the editor typed:

- their rows that the other editor deleted come back as new rows;
- rows the other editor added are drawn ticked for deletion;

so that the form is valid as it stands (its row counts match the rows that exist), and
pressing Save again replaces the other version with this editor's, whole. Unticking a row
keeps it.
"""

from dataclasses import dataclass

from django.forms.formsets import DELETION_FIELD_NAME, INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import model_to_dict
from django.http import QueryDict
from reversion.models import Version

from ..publishing import when
from ..revisions import current_version
from ..sections import row_relations

EDIT_VERSION = "edit_version"


def posted_version(data) -> int | None:
    try:
        return int(data.get(EDIT_VERSION, ""))
    except ValueError:
        return None


def is_stale(data, exercise) -> bool:
    """Whether the posted form was opened before the exercise's latest save."""
    if exercise.pk is None:
        return False
    return posted_version(data) != current_version(exercise.pk, lock=True)


@dataclass
class RedrawnRows:
    data: QueryDict
    theirs_added: int = 0  # rows this editor never saw: now ticked for deletion
    theirs_deleted: int = 0  # rows this editor kept that are gone: now new rows


# Every section's rows are OrderedChild rows, ordered by this field (exercises.models.content).
ORDER = "order"


def _place(fields: dict) -> float:
    try:
        return int(_first(fields.get(ORDER, [])))
    except ValueError:
        return float("inf")  # a new row: last, as saving it would


def _first(values: list) -> str:
    return values[0] if values else ""


def _as_posted(value) -> str:
    return "" if value is None else str(value)


def redraw_rows(data: QueryDict, prefix: str, rows: list) -> RedrawnRows:
    """One inline's posted rows (form prefix `prefix`) drawn again against the rows that
    exist now (`rows`, in order): see the module's docstring."""
    try:
        total = int(data[f"{prefix}-{TOTAL_FORM_COUNT}"])
    except (KeyError, ValueError):
        return RedrawnRows(data)  # no usable management form: Django reports it
    current = {str(row.pk): row for row in rows}
    kept, restored, added, seen = [], [], [], set()
    result = RedrawnRows(data)
    for i in range(total):
        start = f"{prefix}-{i}-"
        fields = {key[len(start) :]: data.getlist(key) for key in data if key.startswith(start)}
        pk, deleting = (
            _first(fields.get("id", [])),
            bool(_first(fields.get(DELETION_FIELD_NAME, []))),
        )
        if pk in current:
            kept.append(fields)
            seen.add(pk)
        elif pk and not deleting:  # deleted by the other editor, kept by this one
            restored.append({**fields, "id": [""]})
            result.theirs_deleted += 1
        elif not pk:
            added.append(fields)
    for pk, row in current.items():
        if pk not in seen:  # added by the other editor
            fields = {name: [_as_posted(value)] for name, value in model_to_dict(row).items()}
            fields.update({"id": [pk], DELETION_FIELD_NAME: ["on"]})
            kept.append(fields)
            result.theirs_added += 1
    # Number every row again in the order the editor saw (rows the other editor added at
    # their own place): a restored row keeps its place instead of going last as new ones do.
    ordered = sorted(kept + restored + added, key=_place)
    for number, fields in enumerate(ordered, start=1):
        fields[ORDER] = [str(number)]
    redrawn = QueryDict(mutable=True)
    for key, values in data.lists():
        if not key.startswith(f"{prefix}-") or not key[len(prefix) + 1 :][:1].isdigit():
            redrawn.setlist(key, values)
    for i, fields in enumerate(kept + restored + added):
        for name, values in fields.items():
            redrawn.setlist(f"{prefix}-{i}-{name}", values)
    redrawn[f"{prefix}-{TOTAL_FORM_COUNT}"] = str(len(kept) + len(restored) + len(added))
    redrawn[f"{prefix}-{INITIAL_FORM_COUNT}"] = str(len(kept))
    result.data = redrawn
    return result


def redraw_all_rows(data: QueryDict, exercise) -> list[RedrawnRows]:
    """`redraw_rows` for every section's rows (an inline's prefix is its relation's name)."""
    return [
        redraw_rows(data, relation, list(getattr(exercise, relation).all()))
        for relation in row_relations()
    ]


def _rows_note(added: int, deleted: int) -> str:
    notes = []
    if added:
        rows, verb, them = ("row", "is", "it") if added == 1 else ("rows", "are", "them")
        notes.append(
            f"{added} {rows} they added {verb} ticked for deletion (untick to keep {them})"
        )
    if deleted:
        rows = "row" if deleted == 1 else "rows"
        notes.append(f"{deleted} {rows} they deleted will be added again")
    return f" In the lists below, {' and '.join(notes)}." if notes else ""


def conflict_message(exercise, data, editor) -> str:
    """Who saved the exercise after this form was opened, and what Save does now."""
    latest = Version.objects.get_for_object(exercise).select_related("revision__user").first()
    moment = latest.revision.date_created if latest else exercise.updated_at
    at = when(moment)
    user = latest.revision.user if latest else None
    if user is not None and editor is not None and user.pk == editor.pk:
        head = f"You saved this exercise in another tab at {at}, after you opened it here."
        theirs, mine = "the other tab's version", "this one"
    elif user is not None:
        name = user.get_full_name() or user.get_username()
        head = f"{name} saved this exercise at {at}, after you opened it."
        theirs, mine = "their version", "yours"
    else:
        comment = latest.revision.get_comment().rstrip(".") if latest else ""
        head = f"This exercise was changed at {at}{f' ({comment})' if comment else ''}, "
        head += "after you opened it."
        theirs, mine = "that version", "yours"
    redrawn = redraw_all_rows(data, exercise)
    rows_note = _rows_note(
        sum(r.theirs_added for r in redrawn), sum(r.theirs_deleted for r in redrawn)
    )
    return (
        f"{head} Your changes have NOT been saved, so that {theirs} is not lost; your edits "
        f"are still in the form below. Open the exercise in a new tab to see {theirs}, then "
        f"either bring your changes across there, or press Save here again to replace "
        f"{theirs} with {mine}, whole.{rows_note}"
    )
