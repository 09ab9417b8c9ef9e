"""The results page and the JSON endpoint on the demo content (loaded once per module)."""

import pytest

from exercises.models import BodyPart, Faq
from tests.search.helpers import PAGE, api, soup

pytestmark = pytest.mark.django_db


def test_results_show_question_exercise_snippet_and_anchor_link(client, demo):
    page = soup(client.get(PAGE, {"q": "herniated disc"}))
    first = page.select_one(".search-hit")
    link = first.select_one(".search-hit__question a")
    assert link.get_text() == "Is Cat-Cow safe with a herniated disc?"
    faq = Faq.objects.get(question="Is Cat-Cow safe with a herniated disc?")
    assert link["href"] == faq.get_absolute_url() == f"/exercises/cat-cow/#faq-{faq.anchor}"
    assert first.select_one(".search-hit__exercise a").get_text() == "Cat-Cow"
    assert first.select_one(".search-hit__snippet mark") is not None
    assert "found" in page.select_one("[role=status]").get_text()


def test_exercises_whose_name_matches_come_above_answers(client, demo):
    page = soup(client.get(PAGE, {"q": "cat cow"}))
    headings = [h.get_text() for h in page.select("h2")]
    assert headings.index("Exercises") < headings.index("Answers")
    assert page.select_one(".search-exercises a")["href"] == "/exercises/cat-cow/"


def test_body_part_filter_narrows_results(client, demo):
    everything = api(client, q="stretch")["count"]
    hips = BodyPart.objects.get(name="Hips")
    only_hips = api(client, q="stretch", part=hips.slug)
    assert 0 < only_hips["count"] < everything
    assert {r["exercise"] for r in only_hips["results"]} == {"kneeling-hip-flexor-stretch"}
    page = soup(client.get(PAGE, {"q": "stretch", "part": hips.slug}))
    assert page.select_one("#search-part option[selected]")["value"] == hips.slug


def test_typo_is_corrected_and_suggested(client, demo):
    page = soup(client.get(PAGE, {"q": "herniatd disk"}))
    assert page.select_one(".search-hit__question a").get_text().endswith("herniated disc?")
    suggestion = page.select_one(".search-suggestion")
    assert " ".join(suggestion.get_text().split()) == (
        "Showing results for herniated disk. Search for “herniatd disk” instead."
    )
    assert suggestion.select_one("em").get_text() == "herniated disk"
    instead = suggestion.select_one("a")["href"]
    assert instead == "?q=herniatd%20disk&spelling=as-typed"
    data = api(client, q="herniatd disk")
    assert data["suggestion"] == "herniated disk"


def test_the_words_as_typed_are_searched_when_asked(client, demo):
    page = soup(client.get(PAGE, {"q": "herniatd disk", "spelling": "as-typed"}))
    assert page.select_one(".search-suggestion") is None
    assert page.select_one("#site-search")["value"] == "herniatd disk"
    assert api(client, q="herniatd disk", spelling="as-typed")["suggestion"] is None


def test_contractions_are_words_not_a_lone_t(client, demo):
    page = soup(client.get(PAGE, {"q": "why don't I feel it in my hip"}))
    marked = {mark.get_text().lower() for mark in page.select(".search-hit mark")}
    assert marked and not marked & {"t", "don"}
    assert page.select_one(".search-hit__question a").get_text() == (
        "Why don't I feel it in the front of my hip?"
    )
    only_contractions = soup(client.get(PAGE, {"q": "can't won't isn't"}))
    assert "only has very common words" in only_contractions.select_one("[role=status]").get_text()


def test_an_unclosed_quote_says_how_the_query_was_read(client, demo):
    page = soup(client.get(PAGE, {"q": 'cat cow "lower back'}))
    assert page.select_one(".search-reading").get_text() == (
        "The closing quote was missing: “lower back” was searched as one phrase."
    )
    assert soup(client.get(PAGE, {"q": '"lower back"'})).select_one(".search-reading") is None


def test_stemming_finds_other_word_forms(client, demo):
    questions = [r["question"] for r in api(client, q="hurting")["results"]]
    assert "What can I do if kneeling hurts my knees?" in questions
    assert api(client, q="hurting")["suggestion"] is None


def test_zero_results_say_so_and_offer_a_way_forward(client, demo):
    page = soup(client.get(PAGE, {"q": "trampoline"}))
    assert "No answers matched “trampoline”" in page.select_one("[role=status]").get_text()
    assert page.select_one(".search-empty a[href='/exercises/']") is not None
    assert len(page.select(".search-popular li")) == 5


def test_empty_search_explains_what_to_do(client, demo):
    page = soup(client.get(PAGE))
    assert "Type a word" in page.select_one("[role=status]").get_text()
    assert not page.select(".search-hit")


def test_json_has_exactly_the_documented_shape(client, demo):
    data = api(client, q="hamstrings")
    assert data["query"] == "hamstrings"
    assert data["suggestion"] is None
    assert data["count"] == len(data["results"]) > 0
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    first = data["results"][0]
    assert set(first) == {
        "exercise",
        "exercise_name",
        "question",
        "snippet",
        "url",
        "score",
        "recommended",
    }
    assert first["exercise"] == "standing-hamstring-stretch"
    assert first["url"].startswith("/exercises/standing-hamstring-stretch/#faq-")
    assert isinstance(first["score"], float)


def test_page_has_no_inline_script_or_style(client, demo):
    page = soup(client.get(PAGE, {"q": "stretch"}))
    assert all(script.get("src") for script in page.find_all("script"))
    assert page.find("style") is None and page.find(style=True) is None


def test_the_search_page_has_one_search_box_holding_the_query(client, demo):
    page = soup(client.get(PAGE, {"q": "hamstrings", "part": "legs"}))
    boxes = page.select("input[name=q]")
    assert len(boxes) == 1 and boxes[0]["id"] == "site-search"  # the header's box
    assert boxes[0]["value"] == "hamstrings"
    # The body part filter submits with the header's box.
    assert page.select_one("#search-part")["form"] == "site-search-form"
    assert page.select_one("#site-search-form").has_attr("data-search-form")
    elsewhere = soup(client.get("/exercises/"))
    assert not elsewhere.select_one("#site-search").has_attr("value")
    assert not elsewhere.select_one("#site-search-form").has_attr("data-search-form")


def test_title_and_og_title_follow_the_site_pattern(client, demo):
    from exercises.seo import TITLE_SEPARATOR

    page = soup(client.get(PAGE, {"q": "hamstrings"}))
    assert page.title.get_text() == f"Search: hamstrings{TITLE_SEPARATOR}StretchSite"
    assert page.select_one("meta[property='og:title']")["content"] == "Search: hamstrings"
    empty = soup(client.get(PAGE))
    assert empty.title.get_text() == f"Search the answers{TITLE_SEPARATOR}StretchSite"
