"""Keep derived data in step with the content: here, the page cache's content generation."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_content_generation_now_and_on_commit
from .models import BodyPart, Equipment, Exercise, Muscle, Synonym
from .sections import row_models

CONTENT_MODELS = (
    Exercise,
    *row_models(),  # every section's rows
    BodyPart,
    Muscle,
    Equipment,
    Synonym,  # changes which answers a search finds
)


def content_changed(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: fixtures, not an edit
        return
    bump_content_generation_now_and_on_commit()


def content_links_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump_content_generation_now_and_on_commit()


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
