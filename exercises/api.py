"""The read-only JSON API: /api/exercises/ (paginated) and /api/exercises/<slug>/.

Published exercises only, whoever asks. Lists keep the order editors gave them.
"""

from http import HTTPStatus

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .filters import ExerciseFilterForm
from .markdown import render_markdown
from .models import Exercise
from .page_queries import load_exercise_page
from .sections import ExercisePage, summary

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def error(message: str, status: HTTPStatus) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def term(entry) -> dict | None:
    if entry is None:
        return None
    return {"slug": entry.slug, "name": entry.name}


def terms(entries) -> list[dict]:
    return [term(entry) for entry in entries]


def exercise_summary(request, exercise: Exercise) -> dict:
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "title": exercise.title,
        "description": summary(exercise),
        "url": request.build_absolute_uri(exercise.get_absolute_url()),
        "api_url": request.build_absolute_uri(
            reverse("exercises:api_detail", args=[exercise.slug])
        ),
        "body_part": term(exercise.body_part),
        "difficulty": exercise.difficulty,
        "published_at": exercise.published_at.isoformat() if exercise.published_at else None,
        "updated_at": exercise.updated_at.isoformat(),
    }


def step(s) -> dict:
    return {"label": s.label, "text": s.text}


def exercise_detail(request, page: ExercisePage) -> dict:
    ex = page.exercise

    def link(other):
        return {
            "slug": other.slug,
            "name": other.name,
            "url": request.build_absolute_uri(other.get_absolute_url()),
        }

    return {
        **exercise_summary(request, ex),
        "intro_html": str(page.intro_html),
        "primary_muscles": terms(page.primary_muscles),
        "secondary_muscles": terms(page.secondary_muscles),
        "equipment": terms(page.equipment),
        "optional_equipment": terms(page.optional_equipment),
        "difficulty_label": ex.get_difficulty_display(),
        "difficulty_note": ex.difficulty_note,
        "sets_reps": [
            {"goal": s.goal, "sets": s.sets, "reps": s.reps, "guidance": s.guidance}
            for s in page.sets_reps
        ],
        "progression_rule": ex.progression_rule,
        "setup": [step(s) for s in page.setup_steps],
        "setup_tip": ex.setup_tip,
        "execution": [step(s) for s in page.execution_steps],
        "execution_tip": ex.execution_tip,
        "tips": [{"kind": t.kind, "label": t.label, "text": t.text} for t in page.all_tips],
        "faqs": [
            {
                "question": f.question,
                "answer_html": str(render_markdown(f.answer)),
                "anchor": f.anchor,
                "url": request.build_absolute_uri(f"{ex.get_absolute_url()}#faq-{f.anchor}"),
            }
            for f in page.faqs
        ],
        "recommended_equipment": [
            {
                "name": r.display_name,
                "equipment": term(r.equipment) if r.equipment_id else None,
                "why": r.why,
                "link": r.url,
            }
            for r in page.recommended_equipment
        ],
        "equipment_tip": ex.equipment_tip,
        "related": [link(other) for other in page.related],
        "variations": [link(other) for other in page.variations],
    }


@require_safe
def exercise_list(request):
    form = ExerciseFilterForm(request.GET)
    problems = form.problems()
    if problems:
        return error(" ".join(problems), HTTPStatus.BAD_REQUEST)
    try:
        size = min(max(int(request.GET.get("page_size", PAGE_SIZE)), 1), MAX_PAGE_SIZE)
    except ValueError:
        return error("page_size must be a whole number.", HTTPStatus.BAD_REQUEST)
    exercises = form.filter(Exercise.objects.published().for_listing())
    paginator = Paginator(exercises, size)
    try:
        current = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return error("page must be a whole number.", HTTPStatus.BAD_REQUEST)
    except EmptyPage:
        return error(f"There is no page {request.GET.get('page')}.", HTTPStatus.NOT_FOUND)

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "page": current.number,
            "num_pages": paginator.num_pages,
            "next": page_url(current.next_page_number()) if current.has_next() else None,
            "previous": (
                page_url(current.previous_page_number()) if current.has_previous() else None
            ),
            "results": [exercise_summary(request, ex) for ex in current.object_list],
        }
    )


@require_safe
def exercise_detail_view(request, slug):
    page = load_exercise_page(slug)
    if page is None:
        return error(f"No published exercise has the slug “{slug}”.", HTTPStatus.NOT_FOUND)
    return JsonResponse(exercise_detail(request, page))
