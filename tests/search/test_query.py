"""Turning what readers type into words: no database needed."""

import pytest

from exercises.search.query import MAX_CLAUSES, SynonymIndex, parse
from exercises.search.text import (
    allowed_typos,
    edit_distance,
    marked_snippet,
    words,
)

SYNONYMS = SynonymIndex([["low back", "lower back", "lumbar"], ["hammies", "hamstrings"]])


def alternatives(query):
    return [clause.alternatives for clause in query.clauses]


def test_stop_words_are_dropped_and_words_folded():
    query = parse("How do I stretch my Hamstrings?")
    assert alternatives(query) == [(("stretch",),), (("hamstrings",),)]


def test_quoted_phrase_keeps_its_words_together_even_stop_words():
    query = parse('"warm up" knee')
    assert alternatives(query) == [(("warm", "up"),), (("knee",),)]


def test_an_unclosed_quote_runs_to_the_end():
    assert alternatives(parse('knee "lower back')) == [(("knee",),), (("lower", "back"),)]


def test_leading_minus_excludes_a_word_but_a_hyphen_joins_nothing():
    query = parse("stretch -knee warm-up")
    assert query.excluded == [("knee",)]
    assert alternatives(query) == [(("stretch",),), (("warm",),)]  # "up" is a stop word


def test_synonym_groups_match_the_longest_phrase():
    query = parse("low back pain", SYNONYMS)
    assert alternatives(query) == [
        (("low", "back"), ("lower", "back"), ("lumbar",)),
        (("pain",),),
    ]


def test_single_word_synonym():
    assert alternatives(parse("tight hammies", SYNONYMS))[1] == (("hammies",), ("hamstrings",))


@pytest.mark.parametrize(
    "raw",
    ['"', '""', "AND", "(", "OR(", "*", "-", ":", "^", "%", "\\", "{% %}", "\x00", "😀"],
)
def test_syntax_characters_leave_no_clause(raw):
    assert not parse(raw)


def test_query_syntax_words_become_plain_words():
    query = parse("knee AND (hip OR NOT foo:bar) NEAR* ^x% back\\slash")
    flat = [phrase for clause in query.clauses for phrase in clause.alternatives]
    assert flat == [
        ("knee",),
        ("hip",),
        ("foo",),
        ("bar",),
        ("near",),
        ("x",),
        ("back",),
        ("slash",),
    ]


def test_very_long_query_is_cut_to_a_few_clauses():
    query = parse(" ".join(f"word{i}" for i in range(3000)))
    assert len(query.clauses) == MAX_CLAUSES
    assert query.truncated


def test_non_latin_scripts_and_accents():
    assert words("Café Übung колено 膝") == ["cafe", "ubung", "колено", "膝"]


def test_suggestion_replaces_only_the_misspelt_words():
    query = parse("Herniatd disk")
    query.corrections = {"herniatd": "herniated"}
    assert query.suggestion == "herniated disk"


@pytest.mark.parametrize(
    ("word", "typos"), [("disk", 0), ("knees", 1), ("herniatd", 1), ("hamstrings", 2)]
)
def test_typos_allowed_grow_with_word_length(word, typos):
    assert allowed_typos(word) == typos


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("herniatd", "herniated", 1),
        ("hamstrngs", "hamstrings", 1),
        ("sciatcia", "sciatica", 1),  # neighbours swapped
        ("stretch", "strength", 3),
        ("knee", "knee", 0),
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, limit=3) == distance


def test_edit_distance_stops_at_the_limit():
    assert edit_distance("abcdefgh", "zzzzzzzz", limit=2) == 3


def test_snippet_is_escaped_before_marks_are_added():
    raw = '<script>alert("x")</script> \ue000knee\ue001 & <b>'
    html = str(marked_snippet(raw))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>knee</mark>" in html


def test_unpaired_marker_is_dropped_rather_than_left_open():
    assert str(marked_snippet("\ue000knee")) == "knee"


def test_quoted_or_excluded_stop_words_alone_are_ignored():
    query = parse('"or" knee -the -"and or"')
    assert alternatives(query) == [(("knee",),)]
    assert query.excluded == []
