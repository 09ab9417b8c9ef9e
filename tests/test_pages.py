"""The public pages: the exercise page's sections, drafts, browsing, filters and errors."""

from datetime import UTC, datetime
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.models import BodyPart, Equipment, Exercise, Faq, Muscle, Step, Tip
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


def make_in(body_part, name, **fields):
    """make_exercise() files everything under Back; move it to another body part."""
    exercise = make_exercise(name=name, **fields)
    exercise.body_part = body_part
    exercise.save()
    return exercise


def get_soup(client, url, status=HTTPStatus.OK):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def section_ids(soup):
    return [s["id"] for s in soup.select(".exercise__sections > section")]


def toc_targets(soup):
    return [a["href"].lstrip("#") for a in soup.select("nav.toc a")]


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)


# ---- The exercise page ------------------------------------------------------------------


def test_exercise_page_shows_every_section_in_order_with_a_table_of_contents(client):
    exercise = make_exercise(
        children=2, setup_tip="Pad the knees.", equipment_tip="Gear is optional."
    )
    soup = get_soup(client, exercise.get_absolute_url())
    expected = ["overview", "sets-reps", "setup", "execution", "tips", "faq", "equipment"]
    assert section_ids(soup) == expected
    assert toc_targets(soup) == expected
    for section in soup.select(".exercise__sections > section"):
        assert section.find("h2"), f"section {section['id']} has no heading"
    assert "Pad the knees." in soup.select_one("#setup").text
    assert "Gear is optional." in soup.select_one("#equipment").text
    assert "Add a pause before adding range." in soup.select_one("#sets-reps").text


def test_sections_without_content_are_left_out_of_the_page_and_its_contents(client):
    exercise = make_exercise(name="Plain Steps Stretch", children=0, progression_rule="")
    Step.objects.create(exercise=exercise, order=0, text="Stand tall.")
    Tip.objects.create(exercise=exercise, order=0, text="Breathe.")
    soup = get_soup(client, exercise.get_absolute_url())
    assert section_ids(soup) == ["overview", "execution", "tips"]
    assert toc_targets(soup) == ["overview", "execution", "tips"]
    assert soup.select_one("#tips h2").text.strip() == "Tips & Tricks"


def test_a_section_whose_note_is_blank_and_has_no_rows_is_not_shown(client):
    exercise = make_exercise(name="Blank Note Stretch", children=0, progression_rule="  \n ")
    Step.objects.create(exercise=exercise, order=0, text="Stand tall.")
    soup = get_soup(client, exercise.get_absolute_url())
    assert section_ids(soup) == toc_targets(soup) == ["overview", "execution"]


def test_every_section_of_every_demo_guide_shows_more_than_its_heading(client, demo):
    for exercise in Exercise.objects.published():
        soup = get_soup(client, exercise.get_absolute_url())
        for section in soup.select(".exercise__sections > section"):
            heading = section.find("h2").get_text(" ", strip=True)
            body = section.get_text(" ", strip=True).removeprefix(heading).strip()
            assert body, f"{exercise.slug}: '{heading}' has nothing under it"
        if soup.select_one("#sets-reps"):
            assert soup.select("#sets-reps tbody tr"), f"{exercise.slug}: no goals in Sets & Reps"


def test_tips_section_is_called_pro_tips_and_common_mistakes_when_it_has_mistakes(client):
    exercise = make_exercise()
    soup = get_soup(client, exercise.get_absolute_url())
    assert soup.select_one("#tips h2").text.strip() == "Pro Tips & Common Mistakes"
    assert "Don't 0." in soup.select_one("#tips .tips--avoid").text
    assert "Tip 0." in soup.select_one("#tips .tips--do").text


def test_steps_are_ordered_lists_in_the_editors_order(client):
    exercise = make_exercise(children=0)
    for order, text in [(3, "Third."), (1, "First."), (2, "Second.")]:
        Step.objects.create(exercise=exercise, order=order, text=text)
    Step.objects.create(exercise=exercise, order=0, phase="setup", label="Kneel", text="Down.")
    soup = get_soup(client, exercise.get_absolute_url())
    steps = [li.text.strip() for li in soup.select("#execution ol > li")]
    assert steps == ["First.", "Second.", "Third."]
    assert soup.select_one("#setup ol > li").text.strip() == "Kneel: Down."
    assert soup.select_one("#setup ol > li strong").text == "Kneel:"


def test_overview_is_a_table_with_row_headers(client):
    exercise = make_exercise(difficulty="intermediate", difficulty_note="Needs some balance.")
    soup = get_soup(client, exercise.get_absolute_url())
    rows = {
        tr.th.text.strip(): " ".join(tr.td.text.split()) for tr in soup.select("#overview table tr")
    }
    assert all(th["scope"] == "row" for th in soup.select("#overview table th"))
    assert rows == {
        "Body Part": "Back",
        "Primary Muscle(s)": "Latissimus dorsi",
        "Secondary Muscle(s)": "Rhomboids",
        "Equipment": "None needed (optional: exercise mat)",
        "Difficulty": "Intermediate Needs some balance.",
    }
    assert soup.select_one("#overview a[href='/muscles/latissimus-dorsi/']")


def test_every_faq_entry_is_a_details_element_with_its_own_anchor(client):
    exercise = make_exercise(children=3)
    soup = get_soup(client, exercise.get_absolute_url())
    entries = soup.select("#faq details")
    assert [d["id"] for d in entries] == ["faq-question-0", "faq-question-1", "faq-question-2"]
    assert entries[0].summary.text.strip() == "Question 0?"
    assert entries[0].select_one("em").text == "0"  # the answer's Markdown is rendered
    faq = Faq.objects.get(exercise=exercise, order=1)
    assert faq.get_absolute_url().endswith("#faq-question-1")


def test_intro_is_rendered_from_markdown_and_sanitised(client):
    exercise = make_exercise(
        intro="Go **slowly**.\n\n<script>alert(1)</script>[x](javascript:alert(1))"
    )
    response = client.get(exercise.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    intro = soup.select_one(".exercise__intro")
    assert intro.strong.text == "slowly"
    assert b"alert(1)</script>" not in response.content
    assert b"javascript:" not in response.content


def without_suggestions(exercise):
    """No muscles, so no exercise is suggested to try instead (which related ones give way
    to): the page's own lists alone."""
    exercise.primary_muscles.clear()
    exercise.secondary_muscles.clear()
    return exercise


def test_page_shows_breadcrumbs_updated_date_related_and_variations(client):
    exercise = without_suggestions(make_exercise())
    related = make_exercise(name="Cat Cow")
    variation = make_exercise(name="Standing Back Stretch")
    hidden = make_exercise(name="Unfinished Stretch", status="draft")
    exercise.related.add(related, hidden)
    exercise.variations.add(variation)
    soup = get_soup(client, exercise.get_absolute_url())
    crumbs = [li.text.strip() for li in soup.select(".breadcrumbs li")]
    assert crumbs == ["Home", "Exercises", "Back", "Kneeling Back Stretch"]
    assert soup.select_one(".breadcrumbs [aria-current=page]").text == "Kneeling Back Stretch"
    assert soup.select_one("time")["datetime"].startswith(exercise.updated_at.date().isoformat())
    related_links = [a.text for a in soup.select("#related-title + ul a")]
    assert related_links == ["Cat Cow"]  # drafts are never linked
    assert [a.text for a in soup.select("#variations-title + ul a")] == ["Standing Back Stretch"]


def test_an_exercise_is_listed_once_even_when_it_is_both_a_variation_and_related(client):
    exercise = without_suggestions(make_exercise())
    standing = make_exercise(name="Standing Back Stretch")
    cat_cow = make_exercise(name="Cat Cow")
    exercise.variations.add(standing)
    exercise.related.add(standing, cat_cow)
    soup = get_soup(client, exercise.get_absolute_url())
    assert [a.text for a in soup.select("#variations-title + ul a")] == ["Standing Back Stretch"]
    assert [a.text for a in soup.select("#related-title + ul a")] == ["Cat Cow"]
    exercise.related.remove(cat_cow)
    cache.clear()
    soup = get_soup(client, exercise.get_absolute_url())
    assert soup.select_one("#related-title") is None  # no empty "Related" heading


def test_updated_time_is_valid_html_without_fractions_of_a_second(client):
    exercise = make_exercise()
    Exercise.objects.filter(pk=exercise.pk).update(
        updated_at=datetime(2026, 3, 14, 9, 30, 5, 123456, tzinfo=UTC)
    )
    time = get_soup(client, exercise.get_absolute_url()).select_one("time")
    assert time["datetime"] == "2026-03-14T09:30:05+00:00"


def test_difficulty_note_starts_with_a_capital_once_the_level_is_taken_off(client):
    exercise = make_exercise(difficulty_note="Beginner: quick to learn.")
    soup = get_soup(client, exercise.get_absolute_url())
    assert soup.select_one("#overview .overview__note").text == "Quick to learn."


def test_updated_date_follows_edits(client):
    exercise = make_exercise()
    Exercise.objects.filter(pk=exercise.pk).update(
        updated_at=datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    )
    assert get_soup(client, exercise.get_absolute_url()).select_one("time").text == "14 March 2026"
    Exercise.objects.filter(pk=exercise.pk).update(
        updated_at=datetime(2026, 5, 2, 9, 30, tzinfo=UTC)
    )
    cache.clear()
    time = get_soup(client, exercise.get_absolute_url()).select_one("time")
    assert (time.text, time["datetime"]) == ("2 May 2026", "2026-05-02T09:30:00+00:00")


def test_draft_is_404_for_anonymous_readers(client, draft):
    response = client.get(draft.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"Secret Draft Stretch" not in response.content


def test_draft_is_404_for_logged_in_readers_who_are_not_staff(client, reader, draft):
    client.force_login(reader)
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_staff_see_a_draft_with_a_preview_banner(client, editor, draft):
    client.force_login(editor)
    soup = get_soup(client, draft.get_absolute_url())
    assert "Draft preview" in soup.select_one(".draft-banner").text
    assert soup.h1.text == "Secret Draft Stretch"
    assert soup.select_one("a.exercise__edit")


def test_published_page_has_no_draft_banner(client, editor, exercise):
    client.force_login(editor)
    assert not get_soup(client, exercise.get_absolute_url()).select(".draft-banner")


def test_unknown_exercise_is_404(client, db):
    get_soup(client, "/exercises/no-such-stretch/", HTTPStatus.NOT_FOUND)


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def test_exercise_page_runs_the_same_few_queries_whatever_the_number_of_children(client):
    small = make_exercise(name="Small", children=5)
    big = make_exercise(name="Big", children=60)
    extra = [make_exercise(name=f"Neighbour {i}", children=0) for i in range(5)]
    big.related.add(*extra)
    big.variations.add(*extra)
    small.related.add(extra[0])
    small.variations.add(extra[0])
    small_count = count_queries(client, small.get_absolute_url())
    big_count = count_queries(client, big.get_absolute_url())
    assert small_count == big_count
    assert big_count <= 15


def test_detail_page_query_bound_holds_with_django_assert_num_queries(
    client, django_assert_num_queries
):
    exercise = make_exercise(children=60)
    # 1 exercise + body part, then one per list (muscles x2, equipment x2, related,
    # variations, sets & reps, steps, tips, FAQ, recommended equipment with its equipment,
    # images with their steps, easier/harder/alternatives with their exercises), and one
    # for the exercises suggested instead.
    with django_assert_num_queries(15):
        assert client.get(exercise.get_absolute_url()).status_code == HTTPStatus.OK


# ---- The demo articles -------------------------------------------------------------------


def test_kneeling_demo_article_has_every_section(client, demo):
    soup = get_soup(client, "/exercises/dynamic-back-stretch-kneeling/")
    assert section_ids(soup) == [
        "overview", "sets-reps", "setup", "execution", "tips", "easier-harder", "try-instead",
        "faq", "equipment",
    ]  # fmt: skip
    assert len(soup.select("#easier-harder li")) == 2
    assert len(soup.select("#sets-reps tbody tr")) == 4
    assert len(soup.select("#setup ol > li")) == 5
    assert len(soup.select("#execution ol > li")) == 6
    assert len(soup.select("#faq details")) == 5


def test_plain_steps_article_shows_them_as_one_numbered_list(client, demo):
    soup = get_soup(client, "/exercises/dynamic-back-stretch-standing/")
    assert section_ids(soup) == ["overview", "sets-reps", "execution", "tips", "try-instead", "faq"]
    assert len(soup.select("#execution ol")) == 1
    assert len(soup.select("#execution ol > li")) == 6
    assert soup.select_one("#tips h2").text.strip() == "Tips & Tricks"


# ---- Home, list and taxonomy pages -------------------------------------------------------


def test_home_shows_recent_exercises_and_body_parts_with_published_exercises(client):
    make_exercise(name="Old One")
    make_exercise(name="Hidden Draft", status="draft")
    chest, _ = BodyPart.objects.get_or_create(name="Chest")
    BodyPart.objects.create(name="Neck")  # nothing published: not offered
    make_in(chest, "Chest Opener")
    soup = get_soup(client, "/")
    cards = [a.text for a in soup.select(".cards .card__title a")]
    assert cards[0] == "Chest Opener"
    assert "Hidden Draft" not in cards
    chips = [" ".join(a.text.split()) for a in soup.select("#body-parts a")]
    assert chips == ["Back 1", "Chest 1"]


def list_names(client, query=""):
    soup = get_soup(client, f"/exercises/{query}")
    return sorted(a.text for a in soup.select(".cards .card__title a"))


@pytest.fixture
def catalogue(db):
    legs = BodyPart.objects.create(name="Legs")
    hamstrings = Muscle.objects.create(name="Hamstrings")
    band = Equipment.objects.create(name="Resistance band")
    back = make_exercise(name="Back Stretch")  # Back, lats/rhomboids, optional mat
    ham = make_in(legs, "Hamstring Stretch", difficulty="intermediate")
    ham.primary_muscles.set([hamstrings])
    ham.secondary_muscles.clear()
    ham.optional_equipment.clear()
    ham.equipment.set([band])
    make_exercise(name="Draft Stretch", status="draft")
    return back, ham


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["Back Stretch", "Hamstring Stretch"]),
        ("?body_part=legs", ["Hamstring Stretch"]),
        ("?muscle=rhomboids", ["Back Stretch"]),  # a secondary muscle counts
        ("?muscle=hamstrings", ["Hamstring Stretch"]),
        ("?equipment=exercise-mat", ["Back Stretch"]),  # optional equipment counts
        ("?equipment=resistance-band", ["Hamstring Stretch"]),
        ("?difficulty=intermediate", ["Hamstring Stretch"]),
        ("?no_equipment=on", ["Back Stretch"]),
        ("?body_part=back&difficulty=intermediate", []),
    ],
)
def test_list_filters(client, catalogue, query, names):
    assert list_names(client, query) == names


@pytest.mark.parametrize(
    "query",
    ["?body_part=nowhere", "?muscle=%00", "?difficulty=godlike", "?equipment=x&page=1"],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, catalogue, query):
    soup = get_soup(client, f"/exercises/{query}")
    assert "is not one of the choices" in soup.select_one(".filters .notice").text
    assert len(soup.select(".cards .card")) == 2


def test_filter_choices_only_offer_entries_with_published_exercises(client, catalogue):
    Muscle.objects.create(name="Unused muscle")
    draft_only = Muscle.objects.create(name="Draft-only muscle")
    Exercise.objects.get(name="Draft Stretch").primary_muscles.add(draft_only)
    soup = get_soup(client, "/exercises/")
    muscles = [o["value"] for o in soup.select("#id_muscle option")]
    assert muscles == ["", "hamstrings", "latissimus-dorsi", "rhomboids"]
    assert [o["value"] for o in soup.select("#id_body_part option")] == ["", "back", "legs"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5", "%00"])
def test_bad_page_numbers_are_404_not_errors(client, catalogue, page):
    get_soup(client, f"/exercises/?page={page}", HTTPStatus.NOT_FOUND)


def test_list_is_paginated_and_pages_keep_the_filters(client):
    for i in range(26):
        make_exercise(name=f"Stretch {i:02}", children=0)
    soup = get_soup(client, "/exercises/?body_part=back")
    assert len(soup.select(".cards .card")) == 24
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "body_part=back" in next_link and "page=2" in next_link
    soup = get_soup(client, "/exercises/?body_part=back&page=2")
    assert len(soup.select(".cards .card")) == 2
    assert "Page 2 of 2" in soup.select_one(".pagination").text


def test_filtered_lists_are_not_indexed_but_the_plain_list_is(client, catalogue):
    assert not get_soup(client, "/exercises/").select('meta[name="robots"]')
    robots = get_soup(client, "/exercises/?body_part=legs").select_one('meta[name="robots"]')
    assert robots["content"] == "noindex, follow"


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/body-parts/back/", ["Back Stretch"]),
        ("/muscles/hamstrings/", ["Hamstring Stretch"]),
        ("/muscles/rhomboids/", ["Back Stretch"]),
        ("/equipment/exercise-mat/", ["Back Stretch"]),
        ("/equipment/resistance-band/", ["Hamstring Stretch"]),
    ],
)
def test_taxonomy_pages_list_their_published_exercises(client, catalogue, url, names):
    soup = get_soup(client, url)
    assert sorted(a.text for a in soup.select(".cards .card__title a")) == names


@pytest.mark.parametrize(
    ("url", "heading", "chips"),
    [
        ("/body-parts/", "Body parts", ["Back", "Legs"]),
        ("/muscles/", "Muscles", ["Hamstrings", "Latissimus dorsi", "Rhomboids"]),
        ("/equipment/", "Equipment", ["Exercise mat", "Resistance band"]),
    ],
)
def test_browse_pages_list_every_entry_with_published_exercises_and_their_counts(
    client, catalogue, url, heading, chips
):
    make_exercise(name="Draft Only", status="draft").primary_muscles.add(
        Muscle.objects.create(name="Soleus")
    )
    soup = get_soup(client, url)
    assert soup.h1.text == heading
    links = soup.select(".chips a")
    # Screen readers hear "Back (1 guide)"; the count is a badge on screen.
    assert [" ".join(a.text.split()) for a in links] == [f"{name} (1 guide)" for name in chips]
    first = get_soup(client, links[0]["href"])  # each chip leads to that entry's page
    assert first.h1.text == chips[0]
    browse = [a.text for a in soup.select("nav.browse-nav a")]
    assert browse == ["Body parts", "Muscles", "Equipment"]
    assert soup.select_one("nav.browse-nav [aria-current=page]").text == heading


def test_an_exercise_filed_twice_under_one_muscle_counts_once(client, catalogue):
    back = Exercise.objects.get(name="Back Stretch")
    back.primary_muscles.add(Muscle.objects.get(name="Rhomboids"))  # also secondary
    chips = [" ".join(a.text.split()) for a in get_soup(client, "/muscles/").select(".chips a")]
    assert "Rhomboids (1 guide)" in chips


def test_header_body_parts_link_goes_to_the_browse_page(client, catalogue):
    soup = get_soup(client, "/")
    link = soup.find("nav", attrs={"aria-label": "Main"}).find("a", string="Body parts")
    assert link["href"] == "/body-parts/"


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/", None),
        ("/exercises/", "Exercises"),
        ("/exercises/?body_part=legs", "Exercises"),
        ("/exercises/back-stretch/", None),
        ("/body-parts/", "Body parts"),
        ("/body-parts/legs/", None),
        ("/muscles/", None),
    ],
)
def test_main_navigation_marks_only_the_page_you_are_on_as_current(client, catalogue, url, current):
    soup = get_soup(client, url)
    marked = soup.select('nav[aria-label="Main"] [aria-current]')
    assert [a.text for a in marked] == ([current] if current else [])
    assert all(a["aria-current"] == "page" for a in marked)


def test_taxonomy_page_breadcrumbs_lead_back_to_its_browse_page(client, catalogue):
    soup = get_soup(client, "/muscles/hamstrings/")
    crumbs = [(a.text, a.get("href")) for a in soup.select(".breadcrumbs a")]
    assert crumbs == [("Home", "/"), ("Muscles", "/muscles/")]


@pytest.mark.parametrize("kind", ["body-parts", "muscles", "equipment"])
def test_unknown_taxonomy_entry_is_404(client, db, kind):
    get_soup(client, f"/{kind}/nothing-here/", HTTPStatus.NOT_FOUND)


# ---- Errors and page hygiene --------------------------------------------------------------


def test_404_page_is_styled_and_helpful(client, db):
    soup = get_soup(client, "/no/such/page/", HTTPStatus.NOT_FOUND)
    assert soup.h1.text == "We can’t find that page"
    assert soup.select_one('link[rel="stylesheet"]')
    assert soup.select_one(f'a[href="{reverse("exercises:list")}"]')


def test_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.text == "Something went wrong on our side"
    assert soup.select_one('link[rel="stylesheet"]')


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/exercises/",
        "/exercises/?body_part=nowhere",
        "/exercises/dynamic-back-stretch-kneeling/",
        "/body-parts/back/",
        "/no-such-page/",
    ],
)
def test_public_pages_have_no_inline_styles_or_scripts_and_no_other_hosts(client, demo, url):
    response = client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select("[style]")
    assert not soup.find_all("style")
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
    for tag in soup.select("[src], link[href]"):
        address = tag.get("src") or tag["href"]
        assert address.startswith("/") or address.startswith("http://testserver/"), address
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)


def test_exercise_cards_do_not_query_per_card(client):
    for i in range(10):
        make_exercise(name=f"Stretch {i}", children=0)
    few = count_queries(client, "/exercises/?page=1")
    Exercise.objects.filter(name__startswith="Stretch 1").delete()
    assert count_queries(client, "/exercises/?page=1") == few


@pytest.mark.parametrize(
    "url", ["/body-parts/back/", "/muscles/latissimus-dorsi/", "/equipment/exercise-mat/"]
)
def test_vocabulary_used_only_by_drafts_has_no_public_page(client, draft, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"Latissimus" not in response.content
    draft.status = "published"
    draft.save()
    assert client.get(url).status_code == HTTPStatus.OK
