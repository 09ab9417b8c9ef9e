"""Public pages: home, the exercise list with filters, taxonomy pages, the exercise page."""

from dataclasses import dataclass

from csp.decorators import csp_update
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from . import structured_data
from .filters import ExerciseFilterForm
from .models import BodyPart, Equipment, Exercise, Muscle
from .page import ExercisePage
from .renditions import SHARE_SIZE
from .seo import leading_sentences
from .share_card import card_name
from .tags import tag_response
from .video import FRAME_HOSTS

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
        return super().get_context_data(
            body_parts=BodyPart.objects.with_exercise_counts().order_by("name"),
            exercise_count=Exercise.objects.published().count(),
            page_title="Step-by-step stretching and mobility guides",
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


@dataclass(frozen=True)
class Browse:
    """One way of browsing the exercises: by body part, muscle or equipment."""

    model: type
    kind: str  # what one entry is, as the eyebrow of its page says
    title: str  # the index page's heading
    prefix: str  # the index page is /<prefix>/, an entry's /<prefix>/<slug>/
    nav: str  # the header link this way of browsing belongs to
    lead: str

    @property
    def index_name(self) -> str:
        return "browse_" + self.prefix.replace("-", "_")

    @property
    def url(self) -> str:
        return reverse(f"exercises:{self.index_name}")


BY_BODY_PART = Browse(
    BodyPart,
    "Body part",
    "Body parts",
    "body-parts",
    nav="body-parts",
    lead="Pick the part of the body you want to stretch or loosen up.",
)
BY_MUSCLE = Browse(
    Muscle,
    "Muscle",
    "Muscles",
    "muscles",
    nav="exercises",
    lead="Every muscle our guides work, as a main target or a supporting one.",
)
BY_EQUIPMENT = Browse(
    Equipment,
    "Equipment",
    "Equipment",
    "equipment",
    nav="exercises",
    lead="What you can use, whether a guide needs it or it only makes the stretch easier.",
)
BROWSE = (BY_BODY_PART, BY_MUSCLE, BY_EQUIPMENT)


class TaxonomyIndexView(ListView):
    """Every entry of one vocabulary that published exercises are filed under, with counts."""

    browse: Browse = BY_BODY_PART
    template_name = "exercises/taxonomy_index.html"
    context_object_name = "terms"

    def get_queryset(self):
        return self.browse.model.objects.with_exercise_counts().order_by("name")

    def get_context_data(self, **kwargs):
        browse = self.browse
        return super().get_context_data(
            browse=browse,
            browse_all=BROWSE,
            breadcrumbs=[("Home", reverse("exercises:home")), (browse.title, None)],
            nav=browse.nav,
            page_title=f"{browse.title}: find stretches and mobility exercises",
            page_description=f"{browse.lead} Each links to step-by-step exercise guides.",
            **kwargs,
        )


class TaxonomyExerciseListView(ListView):
    """Exercises filed under one body part, muscle or equipment entry."""

    browse: Browse = BY_BODY_PART
    template_name = "exercises/taxonomy_detail.html"
    context_object_name = "exercises"
    paginate_by = PAGE_SIZE

    def filter_exercises(self, exercises, term):
        raise NotImplementedError

    def get_queryset(self):
        # An entry only drafts are filed under has no public page yet.
        model = self.browse.model
        self.term = get_object_or_404(model.objects.in_use(), slug=self.kwargs["slug"])
        exercises = Exercise.objects.published().for_listing()
        return self.filter_exercises(exercises, self.term)

    def get_context_data(self, **kwargs):
        crumbs = [
            ("Home", reverse("exercises:home")),
            (self.browse.title, self.browse.url),
            (self.term.name, None),
        ]
        return super().get_context_data(
            term=self.term,
            kind=self.browse.kind,
            breadcrumbs=crumbs,
            nav=self.browse.nav,
            page_title=f"{self.term.name}: exercises and stretches",
            page_description=leading_sentences(self.term.description)
            or f"Step-by-step stretches and mobility exercises filed under {self.term.name}.",
            **kwargs,
        )


class BodyPartView(TaxonomyExerciseListView):
    browse = BY_BODY_PART

    def filter_exercises(self, exercises, term):
        return exercises.filter(body_part=term)


class MuscleView(TaxonomyExerciseListView):
    browse = BY_MUSCLE

    def filter_exercises(self, exercises, term):
        return exercises.working(term)


class EquipmentView(TaxonomyExerciseListView):
    browse = BY_EQUIPMENT

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
        tag_response(self.request, page.entries)
        crumbs = [
            ("Home", reverse("exercises:home")),
            ("Exercises", reverse("exercises:list")),
        ]
        if exercise.body_part_id:
            crumbs.append((exercise.body_part.name, exercise.body_part.get_absolute_url()))
        crumbs.append((exercise.name, exercise.get_absolute_url()))
        url = absolute(self.request, exercise.get_absolute_url())
        share = share_image(self.request, page)

        def absolute_url(path):
            return absolute(self.request, path)

        licence_page = absolute(self.request, reverse("exercises:image_licence"))
        images = [
            structured_data.image_object(image, absolute_url, licence_page)
            for image in page.rows("images")
            if not image.decorative
        ]
        json_ld = [
            structured_data.article(page, url, absolute(self.request, "/"), images),
            structured_data.how_to(page, url, images[0]["contentUrl"] if images else ""),
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
            share_image=share,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            # A draft preview is for its editor's eyes only: no cache may keep it (a browser,
            # a shared cache, the service worker); pages for staff are private anyway.
            add_never_cache_headers(response)
        if context["page"].video:
            # The player's frame, from the privacy-enhanced host, on this page only.
            allow_player = csp_update({"frame-src": list(FRAME_HOSTS)})
            return allow_player(lambda request: response)(self.request)
        return response


def share_image(request, page: ExercisePage) -> dict:
    """og:image: the lead image's 1200 × 630 crop, or the exercise's drawn card
    (exercises.share_card)."""
    exercise = page.exercise
    width, height = SHARE_SIZE
    lead = page.lead_image
    if lead is not None and lead.share_url:
        alt = "" if lead.decorative else lead.alt
        return {"url": absolute(request, lead.share_url), "width": width, "height": height,
                "alt": alt}  # fmt: skip
    body_part = f", {exercise.body_part.name}" if exercise.body_part_id else ""
    return {
        "url": absolute(request, default_storage.url(card_name(exercise))),
        "width": width,
        "height": height,
        "alt": f"{exercise.name}{body_part}: a StretchSite guide",
    }


class ImageLicenceView(TemplateView):
    """What readers may do with the images the site made itself."""

    template_name = "exercises/image_licence.html"
    extra_context = {
        "page_title": "Our images and how to use them",
        "page_description": "The exercise illustrations StretchSite makes, and how to ask to "
        "use them.",
        "breadcrumbs": [("Home", "/"), ("Our images", None)],
    }


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
