"""Public pages. The foundation keeps these minimal; the public-pages work fills them out."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import BodyPart, Equipment, Exercise, Muscle


class HomeView(ListView):
    template_name = "exercises/home.html"
    context_object_name = "exercises"

    def get_queryset(self):
        return Exercise.objects.published().for_listing()[:12]


class ExerciseListView(ListView):
    template_name = "exercises/exercise_list.html"
    context_object_name = "exercises"
    paginate_by = 24

    def get_queryset(self):
        return Exercise.objects.published().for_listing()


class ExerciseDetailView(DetailView):
    template_name = "exercises/exercise_detail.html"
    context_object_name = "exercise"

    def get_queryset(self):
        return Exercise.objects.visible_to(self.request.user).for_detail_page()


class TaxonomyExerciseListView(ListView):
    """Exercises filed under one body part, muscle or equipment entry."""

    model = None
    template_name = "exercises/taxonomy_detail.html"
    context_object_name = "exercises"
    paginate_by = 24

    def get_term(self):
        return get_object_or_404(self.model, slug=self.kwargs["slug"])

    def filter_exercises(self, exercises, term):
        raise NotImplementedError

    def get_queryset(self):
        self.term = self.get_term()
        exercises = Exercise.objects.published().for_listing()
        return self.filter_exercises(exercises, self.term).distinct()

    def get_context_data(self, **kwargs):
        return super().get_context_data(term=self.term, **kwargs)


class BodyPartView(TaxonomyExerciseListView):
    model = BodyPart

    def filter_exercises(self, exercises, term):
        return exercises.filter(body_part=term)


class MuscleView(TaxonomyExerciseListView):
    model = Muscle

    def filter_exercises(self, exercises, term):
        from django.db.models import Q

        return exercises.filter(Q(primary_muscles=term) | Q(secondary_muscles=term))


class EquipmentView(TaxonomyExerciseListView):
    model = Equipment

    def filter_exercises(self, exercises, term):
        from django.db.models import Q

        return exercises.filter(Q(equipment=term) | Q(optional_equipment=term))
