"""Keep derived data in step with the content: the page cache's content generation, and the
shared caches in front, which drop the responses tagged with what a change touched."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import tags
from .cache import bump_content_generation_now_and_on_commit
from .models import BodyPart, Equipment, Exercise, Muscle, Promotion, Synonym
from .purge import purge_after_commit, purging_is_on
from .sections import row_models

CONTENT_MODELS = (
    Exercise,
    *row_models(),  # every section's rows
    BodyPart,
    Muscle,
    Equipment,
    Synonym,  # changes which answers a search finds
    Promotion,  # changes which answer comes first
)


def content_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: fixtures, not an edit
        return
    bump_content_generation_now_and_on_commit()
    if purging_is_on():
        purge_after_commit(tags.changed_by(instance))


def content_links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear" and purging_is_on():
        # Which rows a clear unlinks is only known before it.
        purge_after_commit(tags.links_changed(instance, model, linked(sender, instance, reverse)))
    elif action in ("post_add", "post_remove", "post_clear"):
        bump_content_generation_now_and_on_commit()
        if purging_is_on():
            purge_after_commit(tags.links_changed(instance, model, pk_set or ()))


def linked(through, instance, reverse) -> list[int]:
    """The primary keys `instance` is linked to through the many-to-many table `through`."""
    field = next(f for f in Exercise._meta.many_to_many if f.remote_field.through is through)
    accessor = field.remote_field.get_accessor_name() if reverse else field.name
    return list(getattr(instance, accessor).values_list("pk", flat=True))


def connect() -> None:
    """Called once from ExercisesConfig.ready()."""
    for model in CONTENT_MODELS:
        uid = f"exercises.page-cache.{model.__name__}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}.delete")
    # Every many-to-many link of an exercise, so a new one can't be left out of the cache.
    for field in Exercise._meta.many_to_many:
        m2m_changed.connect(
            content_links_changed,
            sender=field.remote_field.through,
            dispatch_uid=f"exercises.page-cache.{field.name}",
        )
