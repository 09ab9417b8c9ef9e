"""The admin's "Search insights": what readers searched for, what found nothing and what
nobody opened, each with the editor's next step one click away."""

from django.contrib import admin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from ..models import Exercise, SearchRecord
from ..search import search
from ..search.insights import insights
from ..search.text import MAX_QUERY_CHARS
from .inlines import NEW_QUESTION

PERIODS = {7: "the last 7 days", 30: "the last 30 days", 90: "the last 90 days"}
DEFAULT_PERIOD = 30
CHOICES = 10  # exercises offered for a new answer


def new_answer_url(exercise: Exercise, question: str) -> str:
    """The exercise's form with a new FAQ entry asking `question` (exercise.FaqInline)."""
    change = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    return f"{change}?{urlencode({NEW_QUESTION: question})}"


def chosen_period(request) -> int:
    try:
        days = int(request.GET.get("days", DEFAULT_PERIOD))
    except ValueError:
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


@admin.register(SearchRecord)
class SearchInsightsAdmin(admin.ModelAdmin):
    """Its list page is the insights page; records are never added or edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        own = [
            path(
                "answer/",
                self.admin_site.admin_view(self.add_answer_view),
                name="exercises_searchrecord_answer",
            )
        ]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)  # refuses, as usual
        days = chosen_period(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Search insights",
            "insights": insights(days),
            "periods": PERIODS,
            "days": days,
        }
        return TemplateResponse(request, "admin/exercises/searchrecord/insights.html", context)

    def add_answer_view(self, request):
        """Which exercise should answer a search? Those its current results come from first,
        then the others, by name."""
        query = request.GET.get("q", "")[:MAX_QUERY_CHARS]
        if not self.has_view_permission(request):
            return super().changelist_view(request)
        picked = request.GET.get("exercise", "")
        chosen = Exercise.objects.filter(pk=picked).first() if picked.isdigit() else None
        if chosen is not None:
            return redirect(new_answer_url(chosen, query))
        found = [
            (exercise, new_answer_url(exercise, query))
            for exercise in dict.fromkeys(hit.exercise for hit in search(query)[:30])
        ][:CHOICES]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Answer “{query}” in which exercise?",
            "query": query,
            "found": found,
            "exercises": Exercise.objects.guides().order_by("name"),
        }
        return TemplateResponse(request, "admin/exercises/searchrecord/add_answer.html", context)
