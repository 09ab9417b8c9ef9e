"""The admin's "Import article" page: paste text or upload a file, check the preview of
every section, then save it as a draft to finish in the normal edit form."""

import hashlib
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst

from .. import sections as declaration
from ..importers.article import RowItem, has_own_form
from ..importers.errors import ArticleError
from ..importers.mapping import filtered_on, row_model, table_fields
from ..importers.save import save_article
from ..importers.source import MAX_BYTES, decode, parse_text
from ..models import Exercise, Status

PASTED = "pasted text"


class ImportArticleForm(forms.Form):
    text = forms.CharField(
        label="Paste the article",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "import-text", "spellcheck": "false"}),
        help_text="Text copied from a web page, or Markdown with front matter. The first line "
        "is the exercise's name.",
    )
    upload = forms.FileField(
        label="Or upload a file",
        required=False,
        help_text=".md or .txt, UTF-8, at most 1 MB. Its text replaces what is pasted above.",
        widget=forms.ClearableFileInput(attrs={"accept": ".md,.markdown,.txt,text/plain"}),
    )
    source = forms.CharField(widget=forms.HiddenInput, required=False)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    f"“{upload.name}” is {upload.size / (1024 * 1024):.1f} MB; an article can "
                    "be at most 1 MB."
                )
            try:
                cleaned["text"] = decode(upload.read())
            except ArticleError as error:
                raise forms.ValidationError(
                    f"“{upload.name}”, line {error.line}: {error.message}"
                ) from None
            cleaned["source"] = upload.name
        elif not cleaned.get("source"):
            cleaned["source"] = PASTED
        if not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Paste an article into the box, or choose a file.")
        return cleaned


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class ImportArticleMixin:
    """Adds /admin/exercises/exercise/import/ and the "Import article" button."""

    change_list_template = "admin/exercises/exercise/change_list.html"

    def get_urls(self):
        import_url = path(
            "import/",
            self.admin_site.admin_view(self.import_article_view),
            name="exercises_exercise_import",
        )
        return [import_url, *super().get_urls()]

    def has_import_permission(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_article_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        preview = None
        if request.method == "POST":
            form = ImportArticleForm(request.POST, request.FILES)
            if form.is_valid():
                text, source = form.cleaned_data["text"], form.cleaned_data["source"]
                if not form.cleaned_data.get("upload") and form.cleaned_data["previewed"] != digest(
                    text
                ):
                    source = PASTED  # new or edited text, no longer the uploaded file's
                try:
                    article = parse_text(text)
                    if "save" in request.POST and form.cleaned_data["previewed"] == digest(text):
                        return self.save_import(request, article, source)
                    if "save" in request.POST:
                        messages.warning(
                            request,
                            "The text changed after the preview. Check the new preview below, "
                            "then save.",
                        )
                    plan = save_article(article, source=source, status=Status.DRAFT, dry_run=True)
                except ArticleError as error:
                    form.add_error("text", f"Line {error.line}: {error.message}")
                else:
                    preview = {
                        "article": article,
                        "plan": plan,
                        "source": source,
                        "intro_paragraphs": len(
                            [p for p in article.intro.split("\n\n") if p.strip()]
                        ),
                        "sections": preview_sections(article),
                    }
                # Show the text that was read (an upload lands in the box), ready to save.
                data = request.POST.copy()
                data.update({"text": text, "source": source})
                data["previewed"] = digest(text) if preview else ""
                errors = form.errors
                form = ImportArticleForm(data)
                form.is_valid()
                for field, field_errors in errors.items():
                    for error in field_errors:
                        form.add_error(field if field != "__all__" else None, error)
        else:
            form = ImportArticleForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import article",
            "form": form,
            "preview": preview,
            "max_size_mb": MAX_BYTES // (1024 * 1024),
        }
        return TemplateResponse(request, "admin/exercises/exercise/import_article.html", context)

    def save_import(self, request, article, source):
        """Save the previewed article. An ArticleError (the database changed since the
        preview) goes back to the form, which still holds the text."""
        result = save_article(article, source=source, user=request.user, status=Status.DRAFT)
        exercise = result.exercise
        verb = "imported" if result.created else "updated from the import"
        messages.success(
            request,
            f"“{exercise.name}” was {verb} as a draft. Check it below, then publish it.",
        )
        for notice in result.notices:
            messages.warning(request, f"Line {notice.line}: {notice.message}")
        for attribute, slugs in result.pending.items():
            label = "Related exercises" if attribute == "related" else "Variations"
            messages.warning(request, f"{label} not found, left unlinked: {', '.join(slugs)}.")
        for pending in result.pending_rows:
            messages.warning(request, pending.warning())
        return redirect(reverse("admin:exercises_exercise_change", args=[exercise.pk]))


INCLUDES = "admin/exercises/exercise/includes"


@dataclass
class PreviewSection:
    """One declared section as the import read it, for the preview and its contents."""

    anchor: str
    title: str
    count: int
    items: list
    templates: list[str]  # its own preview template, else the generic table
    unit: str = ""  # what is counted, when it is not rows (the overview's facts)
    kind: models.Field | None = None  # a field that sorts the rows into kinds (tips)
    columns: list | None = None  # the generic table's fields
    note: str = ""
    note_label: str = ""

    @property
    def kinds(self) -> str:
        """'Tip: 3, Common mistake: 2'."""
        if self.kind is None:
            return ""
        counts = Counter(value for value, _label, _item in self.labelled)
        return ", ".join(f"{label}: {counts[v]}" for v, label in self.kind.choices if counts[v])

    @property
    def labelled(self) -> list[tuple[str, str, object]]:
        """(kind, the kind's label, row) for each row."""
        labels = dict(self.kind.choices)
        found = []
        for item in self.items:
            value = item.values.get(self.kind.name) if isinstance(item, RowItem) else None
            value = value or getattr(item, self.kind.name, "")
            found.append((value, labels.get(value, value), item))
        return found

    @property
    def rows(self) -> list[list[str]]:
        """The generic table's cells."""
        return [[item.values.get(f.name, "") for f in self.columns] for item in self.items]


def preview_sections(article) -> list[PreviewSection]:
    """Every declared section (exercises.sections), in page order, with what it holds."""
    return [preview_section(article, section) for section in declaration.SECTIONS]


def preview_section(article, section) -> PreviewSection:
    items = article.items(section)
    preview = PreviewSection(
        anchor=section.anchor,
        title=section.title_for(items),
        count=len(items),
        items=items,
        templates=[f"{INCLUDES}/import_rows.html"],
    )
    if section.rows:
        preview.kind = kind_field(section)
    else:  # the quick overview: facts of the exercise itself
        preview.count, preview.unit = overview_facts(article), "fact"
    if has_own_form(section):
        name = row_model(section)._meta.model_name if section.rows else section.anchor
        own = [f"{INCLUDES}/import_{section.anchor}.html", f"{INCLUDES}/import_{name}.html"]
        preview.templates[:0] = own
    else:
        preview.columns = table_fields(section)
    if section.note:
        preview.note = getattr(article, section.note, "")
        preview.note_label = capfirst(Exercise._meta.get_field(section.note).verbose_name)
    return preview


def overview_facts(article) -> int:
    facts = (
        article.body_part,
        article.primary_muscles,
        article.secondary_muscles,
        article.equipment or article.optional_equipment,
        article.difficulty,
    )
    return sum(bool(fact) for fact in facts)


def kind_field(section) -> models.Field | None:
    """A field with choices that the section does not fix: the kind of each tip."""
    fixed = filtered_on(section)
    fields = row_model(section)._meta.concrete_fields
    return next((f for f in fields if f.choices and f.name != fixed), None)
