"""What search engines and link previews see: meta tags, JSON-LD, sitemap, robots, feed."""

import json
from datetime import timedelta
from http import HTTPStatus
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.utils import timezone

from exercises.models import Exercise, Step
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return {
        data["@type"]: data
        for data in (
            json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')
        )
    }


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_exercise_page_has_title_description_canonical_and_open_graph(client):
    exercise = make_exercise(
        seo_title="Kneeling Back Stretch: How To", meta_description="Ease a stiff back."
    )
    soup = soup_of(client, exercise.get_absolute_url() + "?utm_source=news")
    assert soup.title.text == "Kneeling Back Stretch: How To · StretchSite"
    assert meta(soup, name="description") == "Ease a stiff back."
    canonical = "http://testserver/exercises/kneeling-back-stretch/"
    assert soup.select_one('link[rel="canonical"]')["href"] == canonical
    assert meta(soup, property="og:title") == "Kneeling Back Stretch: How To"
    assert meta(soup, property="og:description") == "Ease a stiff back."
    assert meta(soup, property="og:url") == canonical
    assert meta(soup, property="og:type") == "article"


def test_description_falls_back_to_the_intros_first_whole_sentences(client):
    exercise = make_exercise(intro="Sets & reps: sit back **slowly**, breathe out. " * 20)
    description = meta(soup_of(client, exercise.get_absolute_url()), name="description")
    sentence = "Sets & reps: sit back slowly, breathe out."
    assert description == " ".join([sentence] * 3)  # as many as fit in 155 characters
    assert "…" not in description and "**" not in description


def test_a_long_first_sentence_is_kept_whole_and_the_card_shows_it_too(client):
    first = "Kneel down, " + "and then slowly lean back " * 8 + "until you feel the stretch."
    exercise = make_exercise(intro=f"{first} Then come back up. Repeat.")
    description = meta(soup_of(client, exercise.get_absolute_url()), name="description")
    assert description == first
    card = soup_of(client, "/exercises/").select_one(".card__summary").text
    assert card == first


def test_card_summary_is_the_editors_description_in_full(client):
    written = "A gentle stretch for stiff backs, " + "easy to do anywhere, " * 10 + "daily."
    make_exercise(meta_description=written)
    assert soup_of(client, "/").select_one(".card__summary").text == written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", "One. Two."),
        ("Hold it, e.g. for 20 s. Then rest.", "Hold it, e.g. for 20 s. Then rest."),
        ("Stop! “Quoted.” (Aside.) 3 more.", "Stop! “Quoted.” (Aside.) 3 more."),
        ("No full stop at all", "No full stop at all"),
        ("", ""),
    ],
)
def test_leading_sentences_split_only_where_a_sentence_ends(text, expected):
    from exercises.seo import leading_sentences, sentences

    assert leading_sentences(text) == expected
    assert " ".join(sentences(text)) == text


def test_titles_drop_the_site_name_rather_than_run_past_sixty_characters(client):
    short = make_exercise(name="Cat Cow")
    long_title = "Kneeling Hip Flexor Stretch: How to Do It Right"
    long = make_exercise(name="Long One", seo_title=long_title)
    assert soup_of(client, short.get_absolute_url()).title.text == "Cat Cow · StretchSite"
    title = soup_of(client, long.get_absolute_url()).title.text
    assert title == long_title


@pytest.mark.parametrize(
    "url", ["/", "/exercises/", "/body-parts/", "/muscles/", "/equipment/", "/body-parts/back/"]
)
def test_site_pages_fit_search_results(client, exercise, url):
    soup = soup_of(client, url)
    assert len(soup.title.text) <= 60
    assert 50 <= len(meta(soup, name="description")) <= 155


def test_demo_guides_fit_search_results(client):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    for exercise in Exercise.objects.all():
        soup = soup_of(client, exercise.get_absolute_url())
        assert len(soup.title.text) <= 60, exercise.slug
        assert len(meta(soup, name="description")) <= 155, exercise.slug


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", "Step-by-step stretching and mobility guides · StretchSite"),
        ("/exercises/", "All exercises · StretchSite"),
        ("/body-parts/back/", "Back: exercises and stretches · StretchSite"),
    ],
)
def test_listing_pages_have_their_own_titles_and_canonical_urls(client, exercise, url, title):
    soup = soup_of(client, url)
    assert soup.title.text == title
    assert soup.select_one('link[rel="canonical"]')["href"] == f"http://testserver{url}"
    assert meta(soup, name="description")


def test_exercise_page_json_ld_has_howto_faq_and_breadcrumbs(client):
    exercise = make_exercise(children=2)
    data = json_ld(soup_of(client, exercise.get_absolute_url()))
    assert set(data) == {"Article", "HowTo", "FAQPage", "BreadcrumbList"}
    how_to = data["HowTo"]
    assert how_to["name"] == "Kneeling Back Stretch"
    assert [s["text"] for s in how_to["step"]] == [
        "Setup 0.", "Setup 1.", "Move 0: Go.", "Move 1: Go."
    ]  # fmt: skip
    faq = data["FAQPage"]["mainEntity"]
    assert [q["name"] for q in faq] == ["Question 0?", "Question 1?"]
    assert faq[0]["acceptedAnswer"]["text"] == "Answer 0."
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Exercises", "Back", "Kneeling Back Stretch"]
    assert crumbs[-1]["item"] == "http://testserver/exercises/kneeling-back-stretch/"


def test_howto_steps_without_a_label_are_named_by_their_first_ten_words(client):
    exercise = make_exercise(children=0)
    long_text = "Kneel on the mat with your knees under your hips and your hands below you."
    Step.objects.create(exercise=exercise, order=1, phase="setup", text=long_text)
    Step.objects.create(exercise=exercise, order=2, phase="setup", text="Breathe out\nslowly.")
    steps = json_ld(soup_of(client, exercise.get_absolute_url()))["HowTo"]["step"]
    assert [step["name"] for step in steps] == [
        "Kneel on the mat with your knees under your hips…",
        "Breathe out slowly.",
    ]
    assert steps[0]["text"] == long_text


def test_exercise_without_faq_has_no_faqpage(client):
    exercise = make_exercise(children=0)
    assert "FAQPage" not in json_ld(soup_of(client, exercise.get_absolute_url()))


def test_json_ld_cannot_be_broken_out_of(client):
    exercise = make_exercise(
        name="Reader’s stretch </script><script>alert(1)</script>",
        slug="evil",
        meta_description="</script><b>&amp;",
    )
    response = client.get(exercise.get_absolute_url())
    assert b"<script>alert(1)" not in response.content
    soup = BeautifulSoup(response.content, "html.parser")
    assert json_ld(soup)["HowTo"]["name"] == "Reader’s stretch </script><script>alert(1)</script>"


def test_sitemap_lists_published_pages_with_accurate_lastmod(client):
    exercise = make_exercise()
    draft = make_exercise(name="Secret Draft", status="draft")
    old = timezone.now() - timedelta(days=40)
    Exercise.objects.filter(pk=exercise.pk).update(updated_at=old)
    cache.clear()  # update() sends no signal
    response = client.get("/sitemap.xml")
    assert response.status_code == HTTPStatus.OK
    root = ElementTree.fromstring(response.content)
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    base = "http://testserver"
    assert entries[f"{base}/exercises/kneeling-back-stretch/"] == old.date().isoformat()
    assert entries[f"{base}/"] == old.date().isoformat()
    assert entries[f"{base}/body-parts/back/"] == old.date().isoformat()
    assert entries[f"{base}/muscles/rhomboids/"] == old.date().isoformat()
    assert entries[f"{base}/equipment/exercise-mat/"] == old.date().isoformat()
    assert f"{base}{draft.get_absolute_url()}" not in entries


def test_sitemap_leaves_out_vocabulary_with_only_drafts(client, draft):
    response = client.get("/sitemap.xml")
    assert b"/body-parts/back/" not in response.content
    assert b"/exercises/" in response.content  # the list page itself


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_atom_feed_lists_newly_published_exercises_newest_first(client):
    first = make_exercise(name="First Stretch")
    Exercise.objects.filter(pk=first.pk).update(published_at=timezone.now() - timedelta(days=2))
    make_exercise(name="Second Stretch")
    make_exercise(name="Draft Stretch", status="draft")
    cache.clear()
    response = client.get("/feed/")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    titles = [
        e.findtext("atom:title", namespaces=ATOM_NS) for e in root.findall("atom:entry", ATOM_NS)
    ]
    assert titles == ["Second Stretch", "First Stretch"]
    link = root.find("atom:entry/atom:link", ATOM_NS).get("href")
    assert link == "http://testserver/exercises/second-stretch/"


def test_atom_feed_has_an_author_and_the_pages_language(client, exercise):
    root = ElementTree.fromstring(client.get("/feed/").content)
    assert root.findtext("atom:author/atom:name", namespaces=ATOM_NS) == "StretchSite"
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    assert language == soup_of(client, "/").html["lang"] == "en-gb"
    for entry in root.findall("atom:entry", ATOM_NS):  # what RFC 4287 requires of each
        for element in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"atom:{element}", namespaces=ATOM_NS), element


def test_feed_summaries_are_plain_text_so_markup_in_them_is_never_run(client):
    make_exercise(
        name="Script Stretch",
        meta_description='Lean back <script>alert("x")</script><img src=x onerror=alert(1)>',
    )
    root = ElementTree.fromstring(client.get("/feed/").content)
    summary = root.find("atom:entry/atom:summary", ATOM_NS)
    assert summary.get("type") == "text"
    assert summary.text == 'Lean back <script>alert("x")</script><img src=x onerror=alert(1)>'


def test_pages_advertise_the_feed_and_a_favicon(client, exercise):
    soup = soup_of(client, "/")
    assert soup.select_one('link[type="application/atom+xml"]')["href"] == "/feed/"
    assert soup.select_one('link[rel="icon"][type="image/svg+xml"]')


def test_favicon_ico_is_served(client, db):
    response = client.get("/favicon.ico", follow=False)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith(".ico")
    assert finders.find("favicon.ico")
    assert finders.find("favicon.svg")


def test_json_ld_text_is_plain_text_not_html(client):
    exercise = make_exercise(children=0)
    exercise.faqs.create(question="Sets & reps?", answer="Two *sets* & ten reps.")
    faq = json_ld(soup_of(client, exercise.get_absolute_url()))["FAQPage"]["mainEntity"][0]
    assert faq["name"] == "Sets & reps?"
    assert faq["acceptedAnswer"]["text"] == "Two sets & ten reps."


def test_canonical_url_keeps_the_page_number_but_drops_other_parameters(client):
    for i in range(25):
        make_exercise(name=f"Stretch {i:02}", children=0)
    soup = soup_of(client, "/exercises/?page=2&utm_source=x")
    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/exercises/?page=2"
    soup = soup_of(client, "/exercises/?page=1")
    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/exercises/"


def test_search_results_are_not_indexed_but_the_search_page_is(client, exercise):
    assert meta(soup_of(client, "/search/?q=back"), name="robots") == "noindex, follow"
    assert meta(soup_of(client, "/search/"), name="robots") is None
