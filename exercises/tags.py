"""Tags: what a public response shows, and what a content change touches, in one vocabulary.

A shared cache in front (Varnish, a CDN) keeps each public response with its tags
(`exercises.cache` sends them in the headers each cache reads); after a change commits,
`exercises.signals` asks it to drop the responses tagged with what the change touched
(`exercises.purge`). The tags:

- `exercise-<pk>`, `bodypart-<pk>`, `muscle-<pk>`, `equipment-<pk>`: a response that shows
  this entry: the exercise page and its JSON carry the exercise's own tag, its vocabulary
  entries' tags and the tags of the exercises it links to (drafts too: the page shows a
  draft neighbour as soon as it is published).
- `lists`: a response that shows which exercises are published, in some order or number:
  the home page, the list and its filters, the body part, muscle and equipment pages, the
  API's list, the sitemap and the feed (declared with `cached_page(..., tags=...)`).
- `search`: search results, which depend on every exercise's words and on the synonyms.

What each change purges (`changed_by`, `links_changed`): an exercise's save or delete: its
tag (its page, and every other page that shows or links to it), `lists` and `search`.
A section row: its exercise's tag and `search`. A vocabulary entry: its tag, `lists` and
`search`. A synonym: `search`. A link added or removed: the exercises on both ends,
`lists` and `search`. So an edit to one exercise leaves every other exercise's page cached
unless that page shows it.
"""

from collections.abc import Iterable

from django.db import models
from django.http import HttpRequest

from .models import BodyPart, Equipment, Exercise, Muscle, Promotion, Synonym
from .sections import row_models

LISTS = "lists"
SEARCH = "search"

VOCABULARIES = (BodyPart, Muscle, Equipment)


def tag_for(entry: models.Model) -> str:
    """The tag of one exercise or vocabulary entry: `exercise-12`, `muscle-3`."""
    return f"{entry._meta.model_name}-{entry.pk}"


def tag_response(request: HttpRequest, entries: Iterable[models.Model]) -> None:
    """Add the tags of the entries a view shows to its response's tags (used by
    `exercises.cache.PageCacheMiddleware` when the response is public)."""
    if not hasattr(request, "cache_tags"):
        request.cache_tags = set()
    request.cache_tags.update(tag_for(entry) for entry in entries)


def changed_by(instance: models.Model) -> set[str]:
    """The tags of every response that a save or delete of `instance` may change."""
    if isinstance(instance, Exercise):
        return {tag_for(instance), LISTS, SEARCH}
    if isinstance(instance, VOCABULARIES):
        return {tag_for(instance), LISTS, SEARCH}
    if isinstance(instance, tuple(row_models())):
        return {f"exercise-{instance.exercise_id}", SEARCH}
    if isinstance(instance, (Synonym, Promotion)):
        return {SEARCH}
    return {LISTS, SEARCH}  # a kind of content this list has not heard of: purge widely


def links_changed(instance: models.Model, model: type, pks: Iterable[int]) -> set[str]:
    """The tags to purge when `instance` was linked to or unlinked from `model` rows `pks`
    (an exercise's muscles, equipment, related exercises...)."""
    tags = {LISTS, SEARCH}
    if isinstance(instance, Exercise):
        tags.add(tag_for(instance))
    if model is Exercise:
        tags.update(f"exercise-{pk}" for pk in pks)
    return tags
