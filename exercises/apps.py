from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise guides"

    def ready(self):
        from . import revisions  # noqa: F401  (registers models with django-reversion)
        from .search import signals as search_signals  # noqa: F401  (keeps the index in step)
        from .share_card import connect as connect_share_cards
        from .signals import connect as connect_cache_signals

        connect_cache_signals()
        connect_share_cards()
