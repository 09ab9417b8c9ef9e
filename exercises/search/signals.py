"""Keep the search index in step with the content, inside the same transaction: a save
that rolls back leaves the index as it was, and a committed one is searchable at once.

Raw saves (fixtures, restoring a revision) are indexed too: the receivers read the saved
rows back from the database instead of trusting the instance.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from ..cache import without_cache_on_failure
from ..models import Exercise, Faq, Synonym
from . import index


@receiver(post_save, sender=Exercise, dispatch_uid="search_exercise_saved")
def exercise_saved(sender, instance, **kwargs):
    # Covers publish, unpublish, a new name (indexed with each entry) and the body part.
    index.reindex_exercise(instance.pk)


@receiver(post_delete, sender=Exercise, dispatch_uid="search_exercise_deleted")
def exercise_deleted(sender, instance, **kwargs):
    # Its FAQ entries are deleted first, each through faq_deleted.
    index.remove_exercise(instance.pk)


@receiver(post_save, sender=Faq, dispatch_uid="search_faq_saved")
def faq_saved(sender, instance, **kwargs):
    index.reindex_faq(instance.pk)


@receiver(post_delete, sender=Faq, dispatch_uid="search_faq_deleted")
def faq_deleted(sender, instance, **kwargs):
    index.remove_faq(instance.pk)


@receiver(post_save, sender=Synonym, dispatch_uid="search_synonym_saved")
@receiver(post_delete, sender=Synonym, dispatch_uid="search_synonym_deleted")
def synonyms_changed(sender, **kwargs):
    from .service import SYNONYMS_CACHE_KEY

    without_cache_on_failure(lambda: cache.delete(SYNONYMS_CACHE_KEY))


@receiver(post_migrate, dispatch_uid="search_index_after_migrate")
def index_after_migrate(sender, app_config, **kwargs):
    # `flush` (run by transactional tests and by hand) empties the content tables but not
    # the index, then sends post_migrate: rebuild when the two no longer agree.
    if app_config.label == "exercises":
        index.rebuild_if_out_of_step()
