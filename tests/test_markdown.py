"""Markdown to safe HTML: ordinary text comes out as it always has, and nothing scripted
gets through."""

import pytest

from exercises.markdown import render_markdown


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
    """Link definitions belong to the text they are in."""
    first = render_markdown("See [the guide].\n\n[the guide]: https://example.com/guide")
    assert 'href="https://example.com/guide"' in first
    second = render_markdown("See [the guide].")
    assert second == "<p>See [the guide].</p>"


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
        '[click](javascript:alert(1)) and [site](https://example.com/a--b "T")',
        '<p><a rel="noopener noreferrer">click</a> and <a href="https://example.com/a--b"'
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
