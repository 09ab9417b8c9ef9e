from django.contrib import admin

from ..models import Faq, Promotion, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]
    fields = ["terms"]


@admin.register(Promotion)
class PromotionAdmin(admin.ModelAdmin):
    """Answers pinned to a search. The add form takes `?query=` (the insights page's
    "Recommend an answer" link fills it in)."""

    list_display = ["query", "faq", "exercise", "order", "shown"]
    list_select_related = ["faq__exercise"]
    search_fields = ["query", "faq__question"]
    fields = ["query", "faq", "order"]
    autocomplete_fields = ["faq"]

    @admin.display(description="exercise")
    def exercise(self, promotion):
        return promotion.faq.exercise.name

    @admin.display(description="shown to readers", boolean=True)
    def shown(self, promotion):
        return promotion.faq.exercise.is_published


@admin.register(Faq)
class FaqChoiceAdmin(admin.ModelAdmin):
    """Only for choosing an answer to recommend (the promotion form's autocomplete): FAQ
    entries are edited with their exercise, so this has no page of its own, and offers the
    answers readers can see."""

    search_fields = ["question", "exercise__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).published().select_related("exercise")

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Delete stays the editor's own permission: deleting an exercise deletes its entries,
    # and the admin checks that permission for them.
