"""The markdownx preview and upload endpoints that the admin editor calls."""

import io
import struct
import zlib
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
    assert "<script" not in html and "alert(1)" not in html
    # The preview says what readers will not see.
    assert "Not shown to readers, as unsafe: a &lt;script&gt; element." in html


def test_preview_says_nothing_about_ordinary_markdown(client, editor):
    client.force_login(editor)
    text = "**bold**, [a link](https://example.com/), a table:\n\n| a | b |\n|--:|:-|\n| 1 | 2 |"
    html = client.post(PREVIEW, {"content": text}).content.decode()
    assert "Not shown to readers" not in html


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
    assert "Upload a JPEG, PNG, WebP or AVIF image" in str(response.json())
    assert list(media_root.rglob("*.*")) == []


def test_upload_without_ajax_header_answers_json_not_a_crash(client, editor, media_root):
    client.force_login(editor)
    upload = SimpleUploadedFile("evil.svg", SVG, content_type="image/svg+xml")
    response = client.post(UPLOAD, {"image": upload})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels: what a decompression bomb looks like
    before anything decodes it (the pixel data itself compresses to almost nothing)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1) * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (11_000, 8_000)])
def test_images_with_too_many_pixels_are_refused_before_decoding(
    client, editor, media_root, width, height
):
    client.force_login(editor)
    upload = SimpleUploadedFile("big.png", png_header_only(width, height), "image/png")
    response = client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "megapixels" in str(response.json())
    assert list(media_root.rglob("*.*")) == []


def test_a_stored_image_takes_the_extension_of_its_real_format_and_loses_its_text(
    client, editor, media_root
):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG", pnginfo=info)
    client.force_login(editor)
    upload = SimpleUploadedFile("c.html", buffer.getvalue(), content_type="image/png")
    response = client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == HTTPStatus.OK
    [stored] = media_root.rglob("*.*")
    assert stored.suffix == ".png"
    assert b"<script>" not in stored.read_bytes()
    with Image.open(stored) as image:
        assert image.info.get("Comment") is None


def test_photos_lose_their_gps_position_and_stay_upright(client, editor, media_root):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotated 90° clockwise
    exif[0x8825] = {2: (51.0, 30.0, 0.0), 1: "N"}  # a GPS position
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(buffer, format="JPEG", exif=exif)
    client.force_login(editor)
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")
    assert client.post(UPLOAD, {"image": upload}, **AJAX).status_code == HTTPStatus.OK
    [stored] = media_root.rglob("*.jpg")
    with Image.open(stored) as image:
        assert not image.getexif()
        assert image.size == (20, 40)


def test_gif_is_not_accepted(client, editor, media_root):
    buffer = io.BytesIO()
    Image.new("P", (4, 4)).save(buffer, format="GIF", comment=b"<script>x</script>")
    client.force_login(editor)
    upload = SimpleUploadedFile("c.html", buffer.getvalue(), content_type="image/gif")
    response = client.post(UPLOAD, {"image": upload}, **AJAX)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(media_root.rglob("*.*")) == []
