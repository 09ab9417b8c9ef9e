"""What search engines show of a page: its title and description, kept to what fits.

Result pages show about 60 characters of a title and about 155 of a description; longer
ones are cut off mid-word. The site's own texts are kept within those lengths, texts taken
from an editor's intro end at a whole sentence, and the admin warns the editor when their
title or description will not fit (`length_warnings`).
"""

import re

SITE_NAME = "StretchSite"
TITLE_LENGTH = 60
DESCRIPTION_LENGTH = 155
TITLE_SEPARATOR = " · "

# A sentence ends at . ! ? or … (perhaps inside quotes or brackets), before a space and a
# capital or a digit: "e.g. the hips" does not end one.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?= [\"'“‘(\[]?[A-Z0-9])")


def document_title(page_title: str) -> str:
    """The <title>: "Page · StretchSite" when that fits, else the page's own title alone."""
    if not page_title:
        return SITE_NAME
    with_site = f"{page_title}{TITLE_SEPARATOR}{SITE_NAME}"
    return with_site if len(with_site) <= TITLE_LENGTH else page_title


def sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    parts, start = [], 0
    for end in SENTENCE_END.finditer(text):
        parts.append(text[start : end.end()])
        start = end.end() + 1  # the one space between sentences
    parts.append(text[start:])
    return [part for part in parts if part]


def leading_sentences(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """As many whole sentences from the start of `text` as fit in `limit` characters, and
    always the first: a summary ends where a sentence does, never with "…" mid-phrase."""
    parts = sentences(text)
    if not parts:
        return ""
    summary = parts[0]
    for part in parts[1:]:
        if len(summary) + 1 + len(part) > limit:
            break
        summary = f"{summary} {part}"
    return summary


def length_warnings(title: str, description: str, description_is_the_intros: bool) -> list[str]:
    """What an editor should hear about an exercise's title and description, if anything."""
    warnings = []
    if len(title) > TITLE_LENGTH:
        warnings.append(
            f"The page title “{title}” is {len(title)} characters long; search engines show "
            f"about {TITLE_LENGTH}, so its end may be cut off. Write a shorter SEO title "
            "(under “Search engines and sharing”)."
        )
    if len(description) > DESCRIPTION_LENGTH:
        source = (
            "There is no meta description, so search engines get the intro's first sentence, "
            if description_is_the_intros
            else "The meta description is "
        )
        warnings.append(
            f"{source}{len(description)} characters long; search engines show about "
            f"{DESCRIPTION_LENGTH}, so its end may be cut off. Write a shorter meta description "
            "(under “Search engines and sharing”)."
        )
    return warnings
