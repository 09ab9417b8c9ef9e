"""The markdownx endpoints the admin editor calls, locked to staff.

Upstream markdownx serves its preview and upload views to anyone and trusts the uploaded
file's declared type; these wrappers require a staff login and check the image bytes.
"""

from functools import wraps

from django import forms
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from markdownx.forms import ImageForm
from markdownx.views import ImageUploadView
from PIL import Image, UnidentifiedImageError

from .markdown import render_markdown

ACCEPTED_IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif",
                          "WEBP": "image/webp"}  # fmt: skip


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
    return HttpResponse(render_markdown(request.POST["content"]))


class VerifiedImageForm(ImageForm):
    """markdownx's form, plus a look at the bytes: the declared type must match a raster
    image that Pillow can read. SVG (which can carry script) never qualifies."""

    def clean(self):
        upload = self.cleaned_data.get("image")
        if upload is not None and upload.content_type not in ACCEPTED_IMAGE_FORMATS.values():
            raise self.unsupported()
        upload = super().clean()  # size limit and "no file" checks
        try:
            with Image.open(upload) as image:
                image.verify()
                detected = ACCEPTED_IMAGE_FORMATS.get(image.format)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            detected = None
        finally:
            upload.seek(0)
        if detected is None or detected != upload.content_type:
            raise self.unsupported()
        return upload

    @staticmethod
    def unsupported():
        return forms.ValidationError(
            "This file is not an image we accept. Upload a JPEG, PNG, GIF or WebP image "
            "(SVG is not accepted because it can carry scripts).",
            code="unsupported_format",
        )


@method_decorator(staff_only, name="dispatch")
class VerifiedImageUploadView(ImageUploadView):
    form_class = VerifiedImageForm
    http_method_names = ["post"]

    def form_invalid(self, form):
        # Upstream renders a template that does not exist for non-AJAX posts: always JSON.
        return JsonResponse(form.errors, status=400)
