"""Images, the muscle map, the video and link previews: what editors and readers notice."""

import io
import json
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exercises.models import Exercise, Muscle, Status, Step
from exercises.share_card import card_name
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise, photo, stored_image

pytestmark = pytest.mark.django_db


def soup_of(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup) -> dict:
    found = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    return {data["@type"]: data for data in found}


# ----- uploads in the admin -------------------------------------------------------------


def change_url(exercise) -> str:
    return f"/admin/exercises/exercise/{exercise.pk}/change/"


def post_image(client, exercise, upload, **fields):
    data = form_data(client.get(change_url(exercise)))
    data.update({"images-TOTAL_FORMS": "1", "images-0-file": upload,
                 "images-0-licence": "stretchsite", "images-0-order": "0"})  # fmt: skip
    data.update({f"images-0-{key}": value for key, value in fields.items()})
    return client.post(change_url(exercise), data)


def test_an_uploaded_photo_is_stored_upright_without_its_gps_position(client, editor):
    exercise = make_exercise(status="draft")
    client.force_login(editor)
    upload = SimpleUploadedFile("holiday.jpg", photo(), content_type="image/jpeg")
    response = post_image(client, exercise, upload, alt="Kneeling on all fours")
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    image = exercise.images.get()
    assert (image.width, image.height) == (750, 1000)  # the EXIF rotation applied
    with default_storage.open(image.file.name) as stored:
        data = stored.read()
    assert b"Exif" not in data and b"GPS" not in data
    assert Image.open(io.BytesIO(data)).getexif() == {}
    kinds = {entry["type"] for entry in image.renditions["sources"]}
    assert kinds == {"image/avif", "image/webp"}
    assert [e["width"] for e in image.renditions["fallback"]] == [480, 750]
    for entry in image.renditions["sources"] + image.renditions["fallback"]:
        with default_storage.open(entry["name"]) as rendition:
            assert Image.open(rendition).size == (entry["width"], entry["height"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "SVG"),
        ("fake.jpg", b"GIF89a not really", "not an image we accept"),
    ],
)
def test_svg_and_fake_images_are_refused_with_a_message(client, editor, name, content, message):
    exercise = make_exercise(status="draft")
    client.force_login(editor)
    response = post_image(client, exercise, SimpleUploadedFile(name, content), alt="x")
    assert response.status_code == HTTPStatus.OK
    assert any(message in error for error in errors_on_page(response))
    assert not exercise.images.exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client, editor, settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    exercise = make_exercise(status="draft")
    client.force_login(editor)
    bomb = SimpleUploadedFile("bomb.png", photo((2000, 2000), "PNG", gps=False))
    response = post_image(client, exercise, bomb, alt="x")
    assert any("megapixels" in error for error in errors_on_page(response))
    assert not exercise.images.exists()


def test_publishing_is_refused_while_an_image_lacks_alt_text_and_says_which(client, editor):
    exercise = make_exercise(status="draft")
    stored_image(exercise, alt="")
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["status"] = Status.PUBLISHED
    response = client.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.OK
    assert any("Add alt text to the lead image" in error for error in errors_on_page(response))
    exercise.refresh_from_db()
    assert exercise.status == Status.DRAFT

    data["images-0-decorative"] = "on"  # or say it is decorative
    assert client.post(change_url(exercise), data).status_code == HTTPStatus.FOUND
    exercise.refresh_from_db()
    assert exercise.status == Status.PUBLISHED


def test_the_publish_action_skips_exercises_whose_images_lack_alt_text(client, editor):
    exercise = make_exercise(status="draft")
    step = exercise.steps.get(phase="setup")
    stored_image(exercise, step=step, alt="")
    ready = make_exercise(name="Ready Stretch", status="draft")
    client.force_login(editor)
    response = client.post(
        "/admin/exercises/exercise/",
        {"action": "publish", "_selected_action": [exercise.pk, ready.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "was not published" in text and "the image of setup step" in text
    assert Exercise.objects.get(pk=exercise.pk).status == Status.DRAFT
    assert Exercise.objects.get(pk=ready.pk).status == Status.PUBLISHED


# ----- what readers see -----------------------------------------------------------------


def test_lead_image_is_a_picture_with_sizes_and_high_priority(client):
    exercise = make_exercise()
    stored_image(exercise, caption="The start.", credit="Jane Doe", licence="cc-by-4.0",
                 source_url="https://example.com/photo")  # fmt: skip
    figure = soup_of(client, exercise.get_absolute_url()).select_one(".figure--lead")
    img = figure.img
    assert img["alt"] == "Kneeling with a flat back"
    assert (img["width"], img["height"]) == ("750", "1000")
    assert img["fetchpriority"] == "high" and not img.get("loading")
    assert [s["type"] for s in figure.select("source")] == ["image/avif", "image/webp"]
    assert "480w" in figure.source["srcset"] and figure.source["sizes"]
    caption = figure.figcaption.get_text(" ", strip=True)
    assert "The start." in caption and "Jane Doe" in caption and "CC BY 4.0" in caption
    assert figure.select_one('a[rel="license"]')["href"].startswith("https://creativecommons")


def test_a_step_picture_is_shown_in_its_step_and_loads_lazily(client):
    exercise = make_exercise(children=2)
    step = exercise.steps.filter(phase="execution").last()
    stored_image(exercise, step=step, alt="The end position")
    soup = soup_of(client, exercise.get_absolute_url())
    items = soup.select("#execution ol.steps > li")
    assert items[0].img is None
    assert items[1].img["alt"] == "The end position"
    assert items[1].img["loading"] == "lazy"
    assert soup.select_one(".figure--lead") is None


def test_a_decorative_image_has_empty_alt(client):
    exercise = make_exercise()
    stored_image(exercise, alt="ignored", decorative=True)
    img = soup_of(client, exercise.get_absolute_url()).select_one(".figure--lead img")
    assert img["alt"] == ""


def test_the_api_lists_each_image_with_renditions_alt_credit_and_licence(client):
    exercise = make_exercise()
    stored_image(exercise, credit="Jane Doe", licence="cc-by-sa-4.0")
    data = client.get(f"/api/exercises/{exercise.slug}/").json()
    [image] = data["images"]
    assert image["alt"] == "Kneeling with a flat back" and image["step"] is None
    assert image["credit"] == "Jane Doe"
    assert image["licence"]["name"] == "CC BY-SA 4.0"
    assert image["licence"]["url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    urls = [r["url"] for r in image["renditions"]]
    assert all(url.startswith("http://testserver/media/images/") for url in urls)
    assert {r["type"] for r in image["renditions"]} == {"image/avif", "image/webp", "image/jpeg"}


def test_link_previews_use_the_lead_image_cropped_to_1200_by_630(client):
    exercise = make_exercise()
    image = stored_image(exercise)
    soup = soup_of(client, exercise.get_absolute_url())
    url = soup.select_one('meta[property="og:image"]')["content"]
    assert url.endswith(image.renditions["share"])
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    with default_storage.open(image.renditions["share"]) as share:
        assert Image.open(share).size == (1200, 630)


def test_an_exercise_without_a_lead_image_gets_a_drawn_card_once_per_change(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        exercise = make_exercise()
    name = card_name(exercise)
    assert default_storage.exists(name)
    with default_storage.open(name) as card:
        assert Image.open(card).size == (1200, 630)
    soup = soup_of(client, exercise.get_absolute_url())
    assert soup.select_one('meta[property="og:image"]')["content"].endswith(name)

    modified = default_storage.get_modified_time(name)
    with django_capture_on_commit_callbacks(execute=True):
        exercise.difficulty_note = "Not on the card."
        exercise.save()
    assert default_storage.get_modified_time(name) == modified  # not drawn again
    with django_capture_on_commit_callbacks(execute=True):
        exercise.name = "Renamed Stretch"
        exercise.save()
    assert card_name(exercise) != name and default_storage.exists(card_name(exercise))


def test_json_ld_has_an_article_and_image_licence_details(client):
    exercise = make_exercise()
    stored_image(exercise, credit="Jane Doe", licence="cc-by-4.0",
                 source_url="https://example.com/photo")  # fmt: skip
    data = json_ld(soup_of(client, exercise.get_absolute_url()))
    article = data["Article"]
    assert article["headline"] == "Kneeling Back Stretch"
    assert article["publisher"] == {
        "@type": "Organization", "name": "StretchSite", "url": "http://testserver/"
    }  # fmt: skip
    assert article["datePublished"] and article["dateModified"]
    [image] = article["image"]
    assert image["@type"] == "ImageObject"
    assert image["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert image["acquireLicensePage"] == "https://example.com/photo"
    assert image["creditText"] == "Jane Doe"
    assert image["creator"] == {"@type": "Person", "name": "Jane Doe"}


def test_our_own_images_point_to_the_page_about_them(client):
    exercise = make_exercise()
    stored_image(exercise)
    image = json_ld(soup_of(client, exercise.get_absolute_url()))["Article"]["image"][0]
    assert image["license"] == image["acquireLicensePage"] == "http://testserver/about/images/"
    assert soup_of(client, "/about/images/").h1.text == "Our images and how to use them"


def test_howto_lists_no_supplies_when_the_page_says_none_are_needed(client):
    exercise = make_exercise()  # optional equipment only: "None needed (optional: mat)"
    how_to = json_ld(soup_of(client, exercise.get_absolute_url()))["HowTo"]
    assert "supply" not in how_to and "tool" not in how_to


def test_there_is_no_howto_without_steps(client):
    exercise = make_exercise(children=0)
    assert set(json_ld(soup_of(client, exercise.get_absolute_url()))) == {
        "Article", "BreadcrumbList"
    }  # fmt: skip


# ----- the video ------------------------------------------------------------------------


def test_a_video_shows_a_still_and_only_its_page_may_frame_the_player(client):
    exercise = make_exercise(video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    response = client.get(exercise.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    still = soup.select_one(".video__still")
    assert still["data-embed"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert soup.select("iframe") == []
    assert not [tag for tag in soup.find_all(src=True) if "youtube" in tag["src"]]
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy
    other = make_exercise(name="No Video")
    assert "frame-src" not in client.get(other.get_absolute_url())["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "player.vimeo.com/video/76979871"),
    ],
)
def test_video_addresses_become_privacy_enhanced_players(url, embed):
    exercise = make_exercise(video_url=url)
    exercise.full_clean()
    from exercises.video import parse_video

    assert embed in parse_video(url).embed_url


@pytest.mark.parametrize(
    "url", ["https://example.com/video.mp4", "https://www.youtube.com/watch?v=short"]
)
def test_other_video_addresses_are_refused(url):
    from django.core.exceptions import ValidationError

    exercise = make_exercise(video_url=url)
    with pytest.raises(ValidationError, match="YouTube or Vimeo"):
        exercise.full_clean()


# ----- the muscle map -------------------------------------------------------------------


def test_the_muscle_map_highlights_primary_and_secondary_muscles_with_links(client):
    exercise = make_exercise()  # primary: latissimus dorsi; secondary: rhomboids
    figure = soup_of(client, exercise.get_absolute_url()).select_one("#overview .muscle-map")
    primary = figure.select("svg a.mm--primary")
    secondary = figure.select("svg a.mm--secondary")
    assert {a["href"] for a in primary} == {"/muscles/latissimus-dorsi/"}
    assert {a["href"] for a in secondary} == {"/muscles/rhomboids/"}
    assert figure.svg["aria-hidden"] == "true"
    assert all(a["tabindex"] == "-1" for a in figure.select("svg a"))
    legend = figure.figcaption.get_text(" ", strip=True)
    assert "Primary (solid): Latissimus dorsi" in legend
    assert "Secondary (hatched): Rhomboids" in legend


def test_a_muscle_the_drawing_does_not_show_is_named_in_words(client):
    exercise = make_exercise()
    exercise.secondary_muscles.add(Muscle.objects.create(name="Multifidus"))
    exercise.secondary_muscles.add(Muscle.objects.create(name="Brand new muscle"))
    figure = soup_of(client, exercise.get_absolute_url()).select_one(".muscle-map")
    note = figure.select_one(".muscle-map__note").get_text(" ", strip=True)
    assert note == "Not shown on the drawing: Brand new muscle, Multifidus."


def test_step_pictures_follow_their_step_when_steps_are_reordered(client):
    exercise = make_exercise(children=2)
    first, second = exercise.steps.filter(phase="setup")
    stored_image(exercise, step=first, alt="First position")
    Step.objects.filter(pk=first.pk).update(order=50)
    items = soup_of(client, exercise.get_absolute_url()).select("#setup ol.steps > li")
    assert items[1].img["alt"] == "First position" and items[0].img is None
