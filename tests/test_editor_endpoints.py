"""The markdownx preview and upload endpoints that the admin editor calls."""

import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/markdownx/markdownify/"
UPLOAD = "/admin/markdownx/upload/"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_anonymous_cannot_preview_or_upload(client, media_root):
    assert client.post(PREVIEW, {"content": "**x**"}).status_code == HTTPStatus.FORBIDDEN
    upload = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    assert client.post(UPLOAD, {"image": upload}, **AJAX).status_code == HTTPStatus.FORBIDDEN
    assert list(media_root.rglob("*.png")) == []


def test_logged_in_reader_cannot_preview(client, reader):
    client.force_login(reader)
    assert client.post(PREVIEW, {"content": "**x**"}).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_staff_preview_is_rendered_and_sanitised(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(PREVIEW, {"content": "**bold** <script>alert(1)</script>"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "script" not in html


def test_preview_without_content_is_a_bad_request(client, editor):
    client.force_login(editor)
    assert client.post(PREVIEW, {}).status_code == HTTPStatus.BAD_REQUEST


def test_preview_is_post_only(client, editor):
    client.force_login(editor)
    assert client.get(PREVIEW).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_editor_uploads_a_png(client, editor, media_root):
    client.force_login(editor)
    upload = SimpleUploadedFile("pose.png", png_bytes(), content_type="image/png")
    response = client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == HTTPStatus.OK
    assert response.json()["image_code"].startswith("![](")
    assert len(list(media_root.rglob("*.png"))) == 1


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("evil.svg", SVG, "image/svg+xml"),
        ("evil.png", SVG, "image/png"),  # SVG pretending to be a PNG
        ("notes.png", b"just some text", "image/png"),
    ],
)
def test_svg_and_fake_images_are_refused(client, editor, media_root, name, content, declared):
    client.force_login(editor)
    upload = SimpleUploadedFile(name, content, content_type=declared)
    response = client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Upload a JPEG, PNG, GIF or WebP image" in str(response.json())
    assert list(media_root.rglob("*.*")) == []


def test_upload_without_ajax_header_answers_json_not_a_crash(client, editor, media_root):
    client.force_login(editor)
    upload = SimpleUploadedFile("evil.svg", SVG, content_type="image/svg+xml")
    response = client.post(UPLOAD, {"image": upload})
    assert response.status_code == HTTPStatus.BAD_REQUEST
