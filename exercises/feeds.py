"""An Atom feed of newly published exercises."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Exercise
from .page import summary

FEED_SIZE = 20


class PlainTextSummaryAtomFeed(Atom1Feed):
    """Atom with each entry's summary marked as the plain text it is. Django's Atom feed
    marks it `type="html"`, which tells feed readers to run whatever markup the text
    contains once unescaped."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class NewExercisesFeed(Feed):
    feed_type = PlainTextSummaryAtomFeed
    title = "StretchSite: new exercise guides"
    subtitle = "Newly published stretches and mobility exercises, with step-by-step guides."
    # Atom needs an author for the feed or for every entry; the guides are the site's.
    author_name = "StretchSite"
    # The pages' language (base.html), so feed readers and search engines agree on it.
    language = settings.LANGUAGE_CODE

    def link(self):
        return reverse("exercises:list")

    def feed_url(self):
        return reverse("exercises:feed")

    def items(self):
        return Exercise.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, exercise):
        return exercise.name

    def item_description(self, exercise):
        return summary(exercise)

    def item_pubdate(self, exercise):
        return exercise.published_at

    def item_updateddate(self, exercise):
        return exercise.updated_at

    def item_categories(self, exercise):
        return [exercise.body_part.name] if exercise.body_part_id else []
