"""Public pages: home, the exercise list with filters, taxonomy pages, the exercise page."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from . import structured_data
from .filters import ExerciseFilterForm
from .models import BodyPart, Equipment, Exercise, Muscle, published_q
from .page import ExercisePage

PAGE_SIZE = 24
RECENT_ON_HOME = 6


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


class HomeView(ListView):
    template_name = "exercises/home.html"
    context_object_name = "exercises"

    def get_queryset(self):
        return Exercise.objects.published().for_listing()[:RECENT_ON_HOME]

    def get_context_data(self, **kwargs):
        published = published_q("exercises__")
        body_parts = (
            BodyPart.objects.annotate(exercise_count=Count("exercises", filter=published))
            .filter(exercise_count__gt=0)
            .order_by("name")
        )
        return super().get_context_data(
            body_parts=body_parts,
            exercise_count=Exercise.objects.published().count(),
            page_title="Clear guides to stretches and mobility exercises",
            **kwargs,
        )


class ExerciseListView(ListView):
    template_name = "exercises/exercise_list.html"
    context_object_name = "exercises"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filter_form = ExerciseFilterForm(self.request.GET)
        return self.filter_form.filter(Exercise.objects.published().for_listing())

    def get_context_data(self, **kwargs):
        form = self.filter_form
        filtered = bool(form.usable())
        crumbs = [("Home", reverse("exercises:home")), ("Exercises", None)]
        return super().get_context_data(
            filter_form=form,
            filter_problems=form.problems(),
            filtered=filtered,
            breadcrumbs=crumbs,
            nav="exercises",
            page_title="Matching exercises" if filtered else "All exercises",
            page_description="Every StretchSite exercise guide, filterable by body part, "
            "muscle, equipment and difficulty.",
            # Filter combinations are for readers; search engines get the taxonomy pages.
            robots_noindex=filtered,
            **kwargs,
        )


class TaxonomyExerciseListView(ListView):
    """Exercises filed under one body part, muscle or equipment entry."""

    model = None
    kind = ""
    template_name = "exercises/taxonomy_detail.html"
    context_object_name = "exercises"
    paginate_by = PAGE_SIZE

    def filter_exercises(self, exercises, term):
        raise NotImplementedError

    def get_queryset(self):
        # An entry only drafts are filed under has no public page yet.
        self.term = get_object_or_404(self.model.objects.in_use(), slug=self.kwargs["slug"])
        exercises = Exercise.objects.published().for_listing()
        return self.filter_exercises(exercises, self.term)

    def get_context_data(self, **kwargs):
        crumbs = [
            ("Home", reverse("exercises:home")),
            ("Exercises", reverse("exercises:list")),
            (self.term.name, None),
        ]
        return super().get_context_data(
            term=self.term,
            kind=self.kind,
            breadcrumbs=crumbs,
            nav="exercises",
            page_title=f"{self.term.name}: exercises and stretches",
            page_description=self.term.description
            or f"Step-by-step stretches and mobility exercises filed under {self.term.name}.",
            **kwargs,
        )


class BodyPartView(TaxonomyExerciseListView):
    model = BodyPart
    kind = "Body part"

    def filter_exercises(self, exercises, term):
        return exercises.filter(body_part=term)


class MuscleView(TaxonomyExerciseListView):
    model = Muscle
    kind = "Muscle"

    def filter_exercises(self, exercises, term):
        return exercises.working(term)


class EquipmentView(TaxonomyExerciseListView):
    model = Equipment
    kind = "Equipment"

    def filter_exercises(self, exercises, term):
        return exercises.using_equipment(term)


class ExerciseDetailView(DetailView):
    template_name = "exercises/exercise_detail.html"
    context_object_name = "exercise"

    def get_queryset(self):
        return Exercise.objects.visible_to(self.request.user).for_detail_page()

    def get_context_data(self, **kwargs):
        exercise = self.object
        page = ExercisePage(exercise)
        crumbs = [
            ("Home", reverse("exercises:home")),
            ("Exercises", reverse("exercises:list")),
        ]
        if exercise.body_part_id:
            crumbs.append((exercise.body_part.name, exercise.body_part.get_absolute_url()))
        crumbs.append((exercise.name, exercise.get_absolute_url()))
        url = absolute(self.request, exercise.get_absolute_url())
        json_ld = [
            structured_data.how_to(page, url),
            structured_data.faq_page(page, url),
            structured_data.breadcrumb_list(
                [(name, absolute(self.request, path)) for name, path in crumbs]
            ),
        ]
        return super().get_context_data(
            page=page,
            breadcrumbs=[*crumbs[:-1], (exercise.name, None)],
            json_ld=[data for data in json_ld if data],
            nav="exercises",
            page_title=exercise.title,
            page_description=page.description,
            og_type="article",
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class DraftPreviewView(ExerciseDetailView):
    """A draft of a live guide as readers will see it once it is published: the guide's
    own page and templates, with a banner. Staff only; "not found" for everybody else."""

    def get_queryset(self):
        user = self.request.user
        if not (user.is_authenticated and user.is_staff):
            return Exercise.objects.none()
        return Exercise.objects.pending_drafts().for_detail_page()

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, draft_of__slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(robots_noindex=True, **kwargs)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "",
        f"Sitemap: {absolute(request, reverse('exercises:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    # Browsers and crawlers ask for /favicon.ico; the icon itself is a hashed static file.
    return HttpResponseRedirect(staticfiles_storage.url("favicon.ico"))
