"""The markdownx endpoints the admin editor calls, locked to staff.

Upstream markdownx serves its preview and upload views to anyone and trusts the uploaded
file's declared type; these wrappers require a staff login and check the image bytes.
"""

from functools import wraps
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView

from . import images
from .markdown import removed_when_shown, render_markdown


def staff_only(view):
    """403 with a JSON message for anyone who is not logged-in staff (AJAX callers can't
    follow a redirect to the login page)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return JsonResponse({"error": "Staff login required."}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


@staff_only
@require_POST
def markdown_preview(request):
    if "content" not in request.POST:
        return HttpResponseBadRequest("Missing 'content'.")
    text = request.POST["content"]
    removed = removed_when_shown(text)
    note = ""
    if removed:
        # Said in the preview itself, where the editor is looking, as the save message does.
        note = format_html(
            '<p class="sanitiser-note" role="status">Not shown to readers, as unsafe: {}.</p>',
            format_html_join("; ", "{}", ((what,) for what in removed)),
        )
    return HttpResponse(note + render_markdown(text))


class VerifiedImageForm(ImageForm):
    """markdownx's upload form, checking what the file really is (exercises.images) and
    storing a clean copy of it instead of the bytes that were sent."""

    def clean(self):
        upload = self.cleaned_data.get("image")
        if upload is None:
            return super().clean()  # markdownx's "no file" message
        self.facts = images.inspect_upload(upload)
        if upload.content_type != self.facts.content_type:
            raise images.unsupported()
        # Decoded here, not in save(), so that damaged pixels are a message, not an error.
        self.copy = images.clean_copy(upload, self.facts, max_width=settings.MARKDOWN_IMAGE_WIDTH)
        return self.cleaned_data

    def save(self, commit=True):
        path = str(PurePosixPath(settings.MARKDOWNX_MEDIA_PATH) / images.stored_name(self.facts))
        return default_storage.url(default_storage.save(path, ContentFile(self.copy)))


@method_decorator(staff_only, name="dispatch")
class VerifiedImageUploadView(ImageUploadView):
    form_class = VerifiedImageForm
    http_method_names = ["post"]

    def form_invalid(self, form):
        # Upstream renders a template that does not exist for non-AJAX posts: always JSON.
        return JsonResponse(form.errors, status=400)
