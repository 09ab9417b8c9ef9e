"""CompiledQuery must give exactly what the queryset it was built from gives, every time."""

import pytest
from django.db import DatabaseError, connection
from django.db.models import Count
from django.db.models.signals import post_init

from exercises.compiled_query import CompiledQuery, run_together
from exercises.models import BodyPart, Exercise, Faq, Muscle, RecommendedEquipment
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


def test_rows_match_the_orm_and_each_call_uses_its_own_value():
    first = make_exercise(name="First", children=3)
    second = make_exercise(name="Second", children=1)
    faqs = CompiledQuery(lambda pk: Faq.objects.filter(exercise_id=pk).order_by("-order"))
    for exercise in (first, second, first):
        expected = list(Faq.objects.filter(exercise=exercise).order_by("-order"))
        loaded = faqs(exercise.pk)
        assert loaded == expected
        assert [faq.question for faq in loaded] == [faq.question for faq in expected]
    assert faqs(-1) == []


def test_values_come_back_as_python_types(django_assert_num_queries):
    exercise = make_exercise()
    by_slug = CompiledQuery(lambda slug: Exercise.objects.filter(slug=slug))
    with django_assert_num_queries(1):
        (loaded,) = by_slug(exercise.slug)
    # On SQLite the database returns text: the field's converters must still run.
    assert loaded.updated_at == Exercise.objects.get(pk=exercise.pk).updated_at
    assert loaded.updated_at.tzinfo is not None
    assert loaded.version == 1


def test_select_related_object_is_loaded_or_none(django_assert_num_queries):
    with_part = make_exercise(name="With Part")
    without_part = make_exercise(name="Without Part")
    Exercise.objects.filter(pk=without_part.pk).update(body_part=None)
    by_slug = CompiledQuery(
        lambda slug: Exercise.objects.select_related("body_part").filter(slug=slug)
    )
    back = BodyPart.objects.get(slug="back")
    with django_assert_num_queries(2):
        (loaded,) = by_slug(with_part.slug)
        (empty,) = by_slug(without_part.slug)
        assert loaded.body_part == back
        assert loaded.body_part.name == "Back"
        assert empty.body_part is None


def test_only_defers_the_other_fields():
    exercise = make_exercise()
    names = CompiledQuery(lambda slug: Exercise.objects.only("name").filter(slug=slug))
    (loaded,) = names(exercise.slug)
    assert loaded.name == exercise.name
    assert loaded.get_deferred_fields() >= {"intro", "status"}
    assert loaded.intro == exercise.intro  # loaded on demand, as Django does


def test_related_manager_queries_and_foreign_keys_to_other_tables():
    exercise = make_exercise(children=2)
    muscles = CompiledQuery(lambda pk: Exercise(pk=pk).primary_muscles.all())
    assert muscles(exercise.pk) == [Muscle.objects.get(name="Latissimus dorsi")]
    items = CompiledQuery(
        lambda pk: RecommendedEquipment.objects.filter(exercise_id=pk).select_related("equipment")
    )
    assert [item.equipment.name for item in items(exercise.pk)] == ["Exercise mat"] * 2


def test_queries_run_together_give_what_each_gives_alone(django_assert_num_queries):
    exercise = make_exercise(children=2)
    queries = {
        "faqs": CompiledQuery(lambda pk: Faq.objects.filter(exercise_id=pk).order_by("order")),
        "muscles": CompiledQuery(lambda pk: Exercise(pk=pk).primary_muscles.all()),
    }
    alone = {name: query(exercise.pk) for name, query in queries.items()}
    with django_assert_num_queries(2):
        together = run_together(queries, exercise.pk)
    assert together == alone
    with pytest.raises(ValueError):
        run_together({**queries, "other": CompiledQuery(queries["faqs"].build, using="x")}, 1)


def test_database_errors_come_back_as_djangos(db):
    faqs = CompiledQuery(lambda pk: Faq.objects.filter(exercise_id=pk))
    assert faqs(1) == []  # compiled while the table exists
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {Faq._meta.db_table}")  # undone with the test's transaction
    with pytest.raises(DatabaseError):  # Django's class, not the driver's own
        faqs(1)


def test_loaded_instances_behave_like_the_orms():
    exercise = make_exercise(children=2)
    faqs = CompiledQuery(lambda pk: Faq.objects.filter(exercise_id=pk).order_by("order"))
    loaded = faqs(exercise.pk)[0]
    assert loaded._state.adding is False
    assert loaded._state.db == "default"
    assert loaded.exercise == exercise  # the foreign key loads on demand
    loaded.question = "Edited?"
    loaded.save()  # an UPDATE of the same row, not a new one
    assert Faq.objects.filter(exercise=exercise).count() == 2
    assert Faq.objects.get(pk=loaded.pk).question == "Edited?"


def test_init_signal_receivers_still_run():
    exercise = make_exercise(children=1)
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.question)

    post_init.connect(receiver, sender=Faq)
    try:
        (loaded,) = CompiledQuery(lambda pk: Faq.objects.filter(exercise_id=pk))(exercise.pk)
    finally:
        post_init.disconnect(receiver, sender=Faq)
    assert seen == [loaded.question]


def test_other_parameters_and_percent_signs_are_kept():
    make_exercise(name="Cat-cow 50% range", slug="cat-cow")
    make_exercise(name="Cat-cow full range", slug="cat-cow-full")
    query = CompiledQuery(
        lambda slug: (
            Exercise.objects.filter(slug=slug, name__contains="50%")
            # A literal percent sign written into the SQL itself ("%%" in Django's SQL).
            .extra(where=["exercises_exercise.name LIKE '%%range'"])
            .order_by("slug")
        )
    )
    assert [exercise.slug for exercise in query("cat-cow")] == ["cat-cow"]
    assert query("cat-cow-full") == []  # no "50%" in its name


@pytest.mark.parametrize(
    "build",
    [
        lambda pk: Exercise.objects.filter(pk=pk).annotate(faq_count=Count("faqs")),
        lambda pk: Exercise.objects.filter(pk=pk).values("name"),
        lambda pk: Exercise.objects.filter(pk=pk).prefetch_related("faqs"),
        lambda pk: RecommendedEquipment.objects.select_related("exercise__body_part").filter(
            exercise_id=pk
        ),
        # The value reaches the database changed ("%...%"), so it can't simply be swapped.
        lambda slug: Exercise.objects.filter(slug__icontains=slug),
    ],
    ids=["annotation", "values", "prefetch", "nested select_related", "transformed value"],
)
def test_queries_it_cannot_reproduce_are_refused(build):
    exercise = make_exercise()
    query = CompiledQuery(build)
    value = exercise.slug if "slug" in build.__code__.co_varnames else exercise.pk
    with pytest.raises(ValueError):
        query(value)


def test_only_ints_and_strings_are_accepted():
    with pytest.raises(TypeError):
        CompiledQuery(lambda pk: Exercise.objects.filter(pk=pk))(1.5)
