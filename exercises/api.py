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
from .models import Exercise, ExerciseImage, Faq, RecommendedEquipment, SetsReps, Step, Tip
from .page import ExercisePage, summary
from .sections import SECTIONS
from .tags import tag_response

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


def link(request, other: Exercise) -> dict:
    return {
        "slug": other.slug,
        "name": other.name,
        "url": request.build_absolute_uri(other.get_absolute_url()),
    }


# How the rows of each kind of section appear in the API. A kind of section added later
# without an entry here lists its rows' own fields (see `row_fields`).
ROW_SHAPES = {
    SetsReps: lambda request, s: {
        "goal": s.goal,
        "sets": s.sets,
        "reps": s.reps,
        "guidance": s.guidance,
    },
    Step: lambda request, s: {"label": s.label, "text": s.text},
    Tip: lambda request, t: {"kind": t.kind, "label": t.label, "text": t.text},
    Faq: lambda request, f: {
        "question": f.question,
        "answer_html": str(render_markdown(f.answer)),
        "anchor": f.anchor,
        "url": request.build_absolute_uri(f.get_absolute_url()),
    },
    RecommendedEquipment: lambda request, r: {
        "name": r.display_name,
        "equipment": term(r.equipment) if r.equipment_id else None,
        "why": r.why,
        "link": r.url,
    },
    ExerciseImage: lambda request, picture: image(request, picture),
}


def image(request, picture: ExerciseImage) -> dict:
    """An image with every rendition's address, its text and its licence."""
    step = picture.step

    def rendition(entry):
        url = request.build_absolute_uri(picture.url(entry["name"]))
        return {"type": entry["type"], "width": entry["width"], "height": entry["height"],
                "url": url}  # fmt: skip

    renditions = picture.renditions
    return {
        "step": {"phase": step.phase, "label": step.label, "text": step.text} if step else None,
        "alt": "" if picture.decorative else picture.alt,
        "decorative": picture.decorative,
        "caption": picture.caption,
        "credit": picture.credit,
        "licence": {
            "code": picture.licence,
            "name": picture.get_licence_display(),
            "url": picture.licence_url or None,
            "note": picture.licence_note,
        },
        "source_url": picture.source_url,
        "width": picture.width,
        "height": picture.height,
        "src": request.build_absolute_uri(picture.src),
        "renditions": [
            rendition(entry)
            for entry in [*renditions.get("sources", []), *renditions.get("fallback", [])]
        ],  # fmt: skip
    }


def row_fields(request, row) -> dict:
    """A row as its editable fields; an exercise it links to as a link."""
    shown = {}
    for field in row._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in ("exercise", "order"):
            continue
        value = getattr(row, field.name)
        if isinstance(value, Exercise):
            value = link(request, value)
        elif field.many_to_one:
            value = term(value)
        shown[field.name] = value
    return shown


def exercise_detail(request, page: ExercisePage) -> dict:
    ex = page.exercise
    sections = {}
    for section in SECTIONS:
        if section.api_key:
            rows = page.rows(section.anchor)
            sections[section.api_key] = [
                ROW_SHAPES.get(type(row), row_fields)(request, row) for row in rows
            ]
        if section.note:
            sections[section.note] = getattr(ex, section.note)
    return {
        **exercise_summary(request, ex),
        "intro_html": str(page.intro_html),
        "primary_muscles": terms(page.primary_muscles),
        "secondary_muscles": terms(page.secondary_muscles),
        "equipment": terms(page.equipment),
        "optional_equipment": terms(page.optional_equipment),
        "difficulty_label": ex.get_difficulty_display(),
        "difficulty_note": ex.difficulty_note,
        "video": (
            {
                "host": page.video.host,
                "url": page.video.watch_url,
                "embed_url": page.video.embed_url,
            }
            if page.video
            else None
        ),
        **sections,
        "related": [link(request, other) for other in page.related],
        "variations": [link(request, other) for other in page.variations],
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
    exercise = Exercise.objects.published().for_detail_page().filter(slug=slug).first()
    if exercise is None:
        return error(f"No published exercise has the slug “{slug}”.", HTTPStatus.NOT_FOUND)
    page = ExercisePage(exercise)
    tag_response(request, page.entries)
    return JsonResponse(exercise_detail(request, page))
