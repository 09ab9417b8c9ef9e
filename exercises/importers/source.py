"""From bytes to an Article: size, encoding and binary checks, then the right reader and
the builder."""

from __future__ import annotations

import codecs
from pathlib import Path

from .article import Article
from .builder import build
from .errors import ArticleError
from .grammar import normalise_newlines
from .images import read_image_files
from .reader_markdown import looks_like_markdown, read_markdown
from .reader_webcopy import read_webcopy

MAX_BYTES = 1024 * 1024
ARTICLE_SUFFIXES = {".md", ".markdown", ".txt", ".text"}


def decode(data: bytes) -> str:
    """UTF-8 text with Unix line endings, or an ArticleError that says what is wrong."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ArticleError("The file is UTF-16 text; save it as UTF-8 and import it again.", 1)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ArticleError("This is a binary file, not a text article.", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ArticleError(
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read). "
            "Save it as UTF-8 and import it again.",
            line,
        ) from None
    return normalise(text)


def too_large(size: int) -> ArticleError:
    return ArticleError(
        f"The file is {size / (1024 * 1024):.1f} MB; an article can be at most 1 MB.", 1
    )


def normalise(text: str) -> str:
    return normalise_newlines(text.lstrip("\ufeff"))


def parse_text(text: str) -> Article:
    """Format A when the text opens with YAML front matter or a '# Title' over '##'
    sections; Format B (web copy) otherwise."""
    text = normalise(text)
    if not text.strip():
        raise ArticleError("The text is empty.", 1)
    return build(read_markdown(text) if looks_like_markdown(text) else read_webcopy(text))


def read_file(path: Path) -> Article:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # refuse before reading it all into memory
            raise too_large(size)
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"The file cannot be read: {error.strerror or error}.", 1) from None
    article = parse_text(decode(data))
    read_image_files(article, path.parent)  # they travel beside the article
    return article


def collect_files(paths: list[str]) -> list[tuple[Path, ArticleError | None]]:
    """Every article file named, with folders searched recursively (hidden entries and
    files of other types skipped). Missing paths come back with their error."""
    found: list[tuple[Path, ArticleError | None]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in ARTICLE_SUFFIXES:
                    found.append((child, None))
        elif path.is_file():
            found.append((path, None))
        else:
            found.append((path, ArticleError("No such file or folder.", 1)))
    return found
