"""The admin's "Import article" page: paste text or upload a file, check the preview of
every section, then save it as a draft to finish in the normal edit form."""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ..importers.errors import ArticleError
from ..importers.save import save_article
from ..importers.sections import SECTION_TITLES
from ..importers.source import MAX_BYTES, decode, parse_text
from ..models import Status

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
                        "sections": sections(article),
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
        return redirect(reverse("admin:exercises_exercise_change", args=[exercise.pk]))


def sections(article) -> list[dict]:
    """The preview's table of contents: every section, with how many entries it holds."""
    tips, mistakes = len(article.pro_tips), len(article.mistakes)
    paragraphs = len([p for p in article.intro.split("\n\n") if p.strip()])
    overview = sum(
        bool(x)
        for x in (
            article.body_part,
            article.primary_muscles,
            article.secondary_muscles,
            article.equipment or article.optional_equipment,
            article.difficulty,
        )
    )
    return [
        {"id": "intro", "title": "Intro", "count": paragraphs, "unit": "paragraph"},
        {"id": "overview", "title": SECTION_TITLES["overview"], "count": overview,
         "unit": "fact"},
        {"id": "sets-reps", "title": SECTION_TITLES["sets_reps"],
         "count": len(article.sets_reps), "unit": "goal"},
        {"id": "setup", "title": SECTION_TITLES["setup"], "count": len(article.setup_steps),
         "unit": "step"},
        {"id": "execution", "title": SECTION_TITLES["execution"],
         "count": len(article.execution_steps), "unit": "step"},
        {"id": "tips", "title": "Pro tips", "count": tips, "unit": "tip"},
        {"id": "tips", "title": "Common mistakes", "count": mistakes, "unit": "mistake"},
        {"id": "faq", "title": SECTION_TITLES["faq"], "count": len(article.faqs),
         "unit": "question"},
        {"id": "equipment", "title": SECTION_TITLES["equipment"],
         "count": len(article.recommended_equipment), "unit": "item"},
    ]  # fmt: skip
