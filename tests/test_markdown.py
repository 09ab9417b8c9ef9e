"""Markdown to safe HTML: ordinary text comes out as it always has, nothing scripted gets
through, and no text, however it is built, can hold up a page."""

import signal
from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.urls import reverse

from exercises.markdown import markdown_to_text, render_markdown
from exercises.markdown_parser import QUOTES_PER_PARAGRAPH, RAW_HTML_TAGS
from tests.admin_forms import errors_on_page, form_data
from tests.markdown_inputs import PATHOLOGICAL

# The longest field text the site means to accept.
LONGEST = 20_000
# Far beyond what any render takes: only there so that a regression fails the test instead
# of hanging the suite. Speed is measured in bench/markdown_render.py.
GUARD_SECONDS = 120


@contextmanager
def fails_if_still_running():
    def give_up(signum, frame):
        pytest.fail(f"still running after {GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, GUARD_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rendered(text: str) -> str:
    with fails_if_still_running():
        return str(render_markdown(text))


def test_ordinary_markdown_is_kept():
    html = render_markdown(
        "Some **bold**, *italic* and a [link](https://example.com).\n\n- one\n- two"
    )
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert 'href="https://example.com"' in html
    assert "<li>one</li>" in html


def test_tables_survive():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<img src="x.png" onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">x</a>',
        "![x](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<svg onload=alert(1)>",
    ],
)
def test_script_paths_are_removed(attack):
    html = render_markdown(attack).lower()
    for dangerous in ("<script", "javascript:", "data:", "onerror", "onclick", "onload",
                      "<iframe", "style=", "<svg"):  # fmt: skip
        assert dangerous not in html


def test_script_content_does_not_survive_as_text():
    assert "alert" not in render_markdown("<script>alert(1)</script>")


def test_links_get_safe_rel():
    assert 'rel="noopener noreferrer"' in render_markdown("[x](https://example.com)")


def test_empty_text_renders_empty():
    assert render_markdown("") == ""


def test_one_text_leaves_nothing_behind_for_the_next():
    """Link definitions and the limits on raw HTML belong to the text they are in."""
    first = render_markdown(
        "See [the guide].\n\n[the guide]: https://example.com/guide\n\n" + "<b>" * RAW_HTML_TAGS
    )
    assert 'href="https://example.com/guide"' in first
    second = render_markdown("See [the guide]. Press <kbd>Ctrl</kbd>.")
    assert second == "<p>See [the guide]. Press <kbd>Ctrl</kbd>.</p>"


def test_long_texts_are_sanitised_too():
    long_text = "word " * 3000 + "<script>alert(1)</script> [x](javascript:alert(1))"
    html = render_markdown(long_text).lower()
    assert "<script" not in html and "javascript:" not in html
    assert html.count("word") == 3000


# What the Python-Markdown renderer (extra, sane_lists, smarty) made of ordinary text,
# byte for byte; pages keep it.
AS_BEFORE = [
    (
        "It's the 'best' stretch, isn't it? She said \"breathe\".",
        "<p>It’s the ‘best’ stretch, isn’t it? She said “breathe”.</p>",
    ),
    (
        "Hold 20--30 seconds---gently... then (c) relax, +- 2 reps.",
        "<p>Hold 20–30 seconds—gently… then (c) relax, +- 2 reps.</p>",
    ),
    ("Line one  \nLine two\nLine three", "<p>Line one<br>\nLine two\nLine three</p>"),
    ("3. Third\n4. Fourth", '<ol start="3">\n<li>Third</li>\n<li>Fourth</li>\n</ol>'),
    (
        "- one\n    - one a\n    - one b\n- two",
        "<ul>\n<li>one<ul>\n<li>one a</li>\n<li>one b</li>\n</ul>\n</li>\n<li>two</li>\n</ul>",
    ),
    (
        "1. First step.\n\n    More about it.\n\n2. Second step.",
        "<ol>\n<li>\n<p>First step.</p>\n<p>More about it.</p>\n</li>\n"
        "<li>\n<p>Second step.</p>\n</li>\n</ol>",
    ),
    (
        "| Goal | Sets |\n|:---|---:|\n| **Warm-up** | 1–2 |",
        "<table>\n<thead>\n<tr>\n<th>Goal</th>\n<th>Sets</th>\n</tr>\n</thead>\n<tbody>\n"
        "<tr>\n<td><strong>Warm-up</strong></td>\n<td>1–2</td>\n</tr>\n</tbody>\n</table>",
    ),
    (
        "> A quote\n> over two lines.",
        "<blockquote>\n<p>A quote\nover two lines.</p>\n</blockquote>",
    ),
    ("## Heading two\n\n# Heading one", "<h2>Heading two</h2>\nHeading one"),
    ("```python\nprint('hi')\n```", "<pre><code>print('hi')\n</code></pre>"),
    (
        '![Cat-Cow, step 1](/media/markdownx/cat.png "Cow")',
        '<p><img alt="Cat-Cow, step 1" src="/media/markdownx/cat.png" title="Cow"></p>',
    ),
    (
        # A link whose address is not allowed is its text, not a dead link.
        '[click](javascript:alert(1)) and [site](https://example.com/a--b "T")',
        '<p>click and <a href="https://example.com/a--b"'
        ' title="T" rel="noopener noreferrer">site</a></p>',
    ),
    (
        "<https://example.com/a--b>",
        '<p><a href="https://example.com/a--b" rel="noopener noreferrer">'
        "https://example.com/a--b</a></p>",
    ),
    (
        'Press <kbd>Ctrl</kbd>, not <span style="color:red">this</span>.',
        "<p>Press <kbd>Ctrl</kbd>, not this.</p>",
    ),
    ("Above\n\n---\n\nBelow", "<p>Above</p>\n<hr>\n<p>Below</p>"),
]


@pytest.mark.parametrize(("markdown", "html"), AS_BEFORE)
def test_ordinary_markdown_renders_as_before(markdown, html):
    assert render_markdown(markdown) == html


def test_sixteen_thousand_brackets_are_plain_text():
    assert rendered("[" * 16_000 + "x") == "<p>" + "[" * 16_000 + "x</p>"


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_text_built_to_be_slow_renders_to_html_in_proportion(name):
    text = PATHOLOGICAL[name](LONGEST)
    html = rendered(text)
    assert len(html) < 20 * len(text)
    assert "<script" not in html


@pytest.mark.parametrize(
    "unit", ["a_ ", "_a ", "*a_ ", "a]", "[a", "[ a_", "[a](b", "[a](<b", "![", "&#"]
)
def test_unmatched_markers_stay_as_written(unit):
    text = unit * (LONGEST // len(unit))
    escaped = text.strip().replace("&", "&amp;").replace("<", "&lt;")
    assert rendered(text) == f"<p>{escaped}</p>"


def test_deeply_nested_emphasis_keeps_every_level():
    text = "*a **a " * 1000 + "b" + " a** a*" * 1000
    expected = "<em>a <strong>a " * 1000 + "b" + " a</strong> a</em>" * 1000
    assert rendered(text) == f"<p>{expected}</p>"


@pytest.mark.parametrize("marker", ["> ", "* ", "1. ", "> - "])
def test_deep_nesting_stops_at_a_sane_depth(marker):
    html = rendered(marker * (LONGEST // len(marker)) + "a")
    for tag in ("blockquote", "ul", "ol"):
        assert html.count(f"<{tag}") == html.count(f"</{tag}>") <= 20


def test_backtick_runs_of_every_length_stay_text():
    text = "".join("e" + "`" * length for length in range(1, 199))  # 19,899 characters
    assert rendered(text) == f"<p>{text}</p>"


def test_table_cells_stop_at_the_texts_length_and_the_rest_stays_text():
    header = "|" + " a |" * 100
    text = header + "\n|" + "---|" * 100 + "\n" + "row\n" * 300
    html = rendered(text)
    assert 0 < html.count("<td") + html.count("<th") <= len(text)
    assert html.count("row") == 300  # the rows past the limit are a paragraph


def test_an_ordinary_long_table_keeps_every_cell():
    text = "| Goal | Sets | Reps |\n|---|---|---|\n" + "| Mobility | 2 | 10 |\n" * 200
    assert rendered(text).count("<td>") == 600


def test_raw_html_past_the_limit_shows_as_text():
    text = "<kbd>x</kbd>" * (RAW_HTML_TAGS // 2) + "<kbd>y</kbd><script>alert(1)</script>"
    html = rendered(text)
    assert html.count("<kbd>x</kbd>") == RAW_HTML_TAGS // 2
    assert "&lt;kbd&gt;y&lt;/kbd&gt;&lt;script&gt;" in html
    assert "<script" not in html


def test_quotes_stay_straight_only_in_a_paragraph_with_too_many():
    crowded = "'a' " * (QUOTES_PER_PARAGRAPH // 2 + 1)
    html = rendered(f"{crowded}\n\nIt's fine.")
    assert html == f"<p>{crowded.strip()}</p>\n<p>It’s fine.</p>"


@pytest.mark.django_db
def test_editor_previews_and_replaces_an_answer_of_sixteen_thousand_brackets(
    client, editor, exercise
):
    # Longer than an answer may be now, as one saved before the limit could be.
    answer = "[" * 16_000 + "x"
    exercise.faqs.update(answer=answer)
    change = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    client.force_login(editor)
    with fails_if_still_running():
        data = form_data(client.get(change))
        preview = client.post("/admin/markdownx/markdownify/", {"content": answer})
        data["faqs-0-answer"] = "[" * 9_999 + "x"  # the longest an answer may be
        saved = client.post(change, data)
    assert preview.content.decode() == f"<p>{answer}</p>"
    assert saved.status_code == HTTPStatus.FOUND, errors_on_page(saved)
    assert exercise.faqs.get().answer == "[" * 9_999 + "x"


@pytest.mark.django_db
def test_page_and_api_answer_with_sixteen_thousand_brackets(client, exercise):
    answer = "[" * 16_000 + "x"
    exercise.faqs.update(answer=answer)
    with fails_if_still_running():
        page = client.get(exercise.get_absolute_url())
        api = client.get(f"/api/exercises/{exercise.slug}/")
    assert page.status_code == HTTPStatus.OK
    assert answer in page.content.decode()
    assert api.status_code == HTTPStatus.OK
    assert api.json()["faqs"][0]["answer_html"] == f"<p>{answer}</p>"


def test_markdown_as_plain_text_is_what_a_reader_reads_on_one_line():
    text = markdown_to_text(
        "Keep the **knee** soft.\n\n[Read more](https://example.com) &amp; <x>\n\n- one\n- two"
    )
    assert text == "Keep the knee soft. Read more & one two"
    assert markdown_to_text("Plain words, nothing to render.") == "Plain words, nothing to render."
