"""Inputs built to make the site's parsers slow or crash, for every parser the site has:
Markdown (render and sanitise), articles (YAML front matter, Markdown and copied web text),
uploaded images, and search queries. Each is as large as the site accepts.

`tests/test_hostile_input.py` runs every one with a time limit and checks it is either read
or refused with an error meant for people; `bench/hostile_input.py` times them and prints
the slowest.
"""

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from exercises.models.fields import ANSWER_LENGTH, INTRO_LENGTH
from tests.markdown_inputs import PATHOLOGICAL, repeated

ARTICLE_BYTES = 1024 * 1024  # exercises.importers.source.MAX_BYTES
QUERY_CHARS = 500  # the search box's maxlength; longer queries are cut


@dataclass(frozen=True)
class Hostile:
    kind: str  # "markdown", "article", "image" or "search"
    name: str
    make: Callable[[], object]


def article(front: str = "", body: str = "") -> str:
    return f"---\n{front}---\n{body}" if front else body


def deep_yaml(depth: int) -> str:
    return "name: Deep\nprimary_muscles: " + "[" * depth + "x" + "]" * depth + "\n"


def aliases_bomb() -> str:
    """'Billion laughs': each alias refers to ten of the previous one."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    return "name: Laughs\n" + "\n".join(lines) + "\nprimary_muscles: *a9\n"


def png_header(width: int, height: int, extra: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + extra
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def text_chunk_bomb() -> bytes:
    """A PNG whose compressed text chunk would inflate to 20 MB (readers allow one)."""
    inflated = zlib.compress(b"A" * 20_000_000, 9)
    chunk_data = b"Comment\x00\x00" + inflated
    body = b"zTXt" + chunk_data
    chunk = struct.pack(">I", len(chunk_data)) + body + struct.pack(">I", zlib.crc32(body))
    return png_header(8, 8, chunk)


def truncated_jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(buffer, "JPEG")
    return buffer.getvalue()[:2000]


def filled(start: str, unit: str) -> Callable[[], str]:
    """An article that opens with `start`, then repeats `unit` to the largest size accepted."""
    return lambda: start + repeated(unit, ARTICLE_BYTES - len(start))


def at_length(make: Callable[[int], str], length: int) -> Callable[[], str]:
    return lambda: make(length)


MARKDOWN = [
    Hostile(
        "markdown", f"{name} (intro, {INTRO_LENGTH:,} characters)", at_length(make, INTRO_LENGTH)
    )
    for name, make in PATHOLOGICAL.items()
] + [
    Hostile("markdown", f"{name} (answer, {ANSWER_LENGTH:,})", at_length(make, ANSWER_LENGTH))
    for name, make in list(PATHOLOGICAL.items())[:3]
]

ARTICLES = [
    Hostile("article", "front matter nested 1,000 deep", lambda: article(deep_yaml(1000))),
    Hostile("article", "front matter nested 100,000 deep", lambda: article(deep_yaml(100_000))),
    Hostile("article", "front matter alias bomb", lambda: article(aliases_bomb())),
    Hostile("article", "front matter of 20,000 keys",
            lambda: article("name: Keys\n" + "".join(f"k{n}: v\n" for n in range(20_000)))),
    Hostile("article", "one 1 MB line", filled("", "a")),
    Hostile("article", "1 MB of labels", filled("Title\n\n", "a: ")),
    Hostile("article", "1 MB of bold openers", filled("Title\n\n", "**")),
    Hostile("article", "1 MB of table pipes", filled("Title\n\n", "|")),
    Hostile("article", "1 MB of sets × reps", filled("Title\nSets\n- ", "1-2 x ")),
    Hostile("article", "1 MB of questions", filled("Title\nFAQ\n", "Why?\n")),
    Hostile("article", "1 MB of section titles",
            filled("Huge\n\n", "Execution\n- step\nTips\n- tip\n")),
    Hostile("article", "1 MB of '## ' headings", filled("# Title\n\n", "## Execution\n")),
    Hostile("article", "1 MB of nested list markers",
            filled("# Title\n\n## Execution\n\n", "- " * 50 + "x\n")),
    Hostile("article", "1 MB of code fences", filled("# Title\n\n## FAQ\n\n", "```\n### Q?\n")),
]  # fmt: skip

IMAGES = [
    Hostile("image", "PNG claiming 20000 × 20000 pixels", lambda: png_header(20_000, 20_000)),
    Hostile("image", "PNG claiming 88 megapixels", lambda: png_header(11_000, 8_000)),
    Hostile("image", "PNG claiming 2**31 pixels wide", lambda: png_header(2**31 - 1, 1)),
    Hostile("image", "PNG with a text-chunk bomb", text_chunk_bomb),
    Hostile("image", "truncated JPEG", truncated_jpeg),
    Hostile("image", "PNG whose pixel data stops short", lambda: png_header(640, 480)),
    Hostile("image", "SVG with a script",
            lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    Hostile("image", "1 MB of zero bytes", lambda: b"\x00" * ARTICLE_BYTES),
]  # fmt: skip

SEARCHES = [
    Hostile("search", "500 quotes", lambda: '"' * QUERY_CHARS),
    Hostile("search", "250 excluded words", lambda: repeated("-a ", QUERY_CHARS)),
    Hostile("search", "a 500-letter word", lambda: "x" * QUERY_CHARS),
    Hostile("search", "500 letters of typos", lambda: repeated("hamstrnig ", QUERY_CHARS)),
    Hostile("search", "database syntax", lambda: repeated("NEAR( AND OR * : ' -- ; ", QUERY_CHARS)),
    Hostile("search", "a 100,000-character query", lambda: repeated("knee ", 100_000)),
]  # fmt: skip

ALL = MARKDOWN + ARTICLES + IMAGES + SEARCHES


def run(hostile: Hostile) -> str:
    """Give the input to the parser that reads it, as the site does: "read", or "refused:"
    and the message people would see. (Articles and searches need the database.)"""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from exercises import renditions
    from exercises.editor_views import VerifiedImageForm
    from exercises.importers.errors import ArticleError
    from exercises.importers.save import save_article
    from exercises.importers.source import parse_text
    from exercises.markdown import render_markdown
    from exercises.search import search

    value = hostile.make()
    try:
        if hostile.kind == "markdown":
            render_markdown(value)
        elif hostile.kind == "article":
            save_article(parse_text(value), source="hostile", dry_run=True)
        elif hostile.kind == "image":
            # As the admin's image rows and the importer read it, then as the Markdown
            # editor's upload does.
            upload = SimpleUploadedFile("upload.png", value, content_type="image/png")
            renditions.store_upload(upload)
            form = VerifiedImageForm(files={"image": upload})
            if not form.is_valid():
                raise ValidationError([m for messages in form.errors.values() for m in messages])
        elif hostile.kind == "search":
            results = search(value)
            results.count()
            results[:10]
    except ArticleError as error:
        return f"refused: {error}"
    except ValidationError as error:
        return f"refused: {' '.join(error.messages)}"
    return "read"
