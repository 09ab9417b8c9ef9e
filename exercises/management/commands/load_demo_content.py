"""Load the demo exercises (idempotent: running it again updates them in place)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from reversion import create_revision, set_comment

from exercises.demo_content import EXERCISES
from exercises.models import (
    BodyPart,
    Equipment,
    Exercise,
    Faq,
    Muscle,
    RecommendedEquipment,
    SetsReps,
    Step,
    Tip,
)

# Local-only logins, printed by `make run`; refused when DEBUG is off.
DEMO_USERS = [
    {"username": "admin", "password": "stretchsite-admin", "superuser": True},
    {"username": "editor", "password": "stretchsite-editor", "superuser": False},
]
SCALAR_FIELDS = [
    "name", "seo_title", "meta_description", "intro", "difficulty", "difficulty_note",
    "progression_rule", "setup_tip", "execution_tip", "equipment_tip", "status",
]  # fmt: skip


def named(model, names):
    """Find vocabulary entries by name, case-insensitively, creating the missing ones."""
    entries = []
    for name in names:
        entry = model.objects.filter(name__iexact=name).first()
        entries.append(entry or model.objects.create(name=name))
    return entries


class Command(BaseCommand):
    help = "Create or update the demo exercises (and, with --with-demo-users, local logins)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create the local 'admin' and 'editor' logins (refused when DEBUG is off).",
        )

    def handle(self, *args, with_demo_users=False, **options):
        if with_demo_users and not settings.DEBUG:
            raise CommandError("Demo logins are for local development only (DEBUG is off).")
        with transaction.atomic(), create_revision():
            set_comment("Loaded demo content.")
            exercises = {data["slug"]: self.load_exercise(data) for data in EXERCISES}
            for data in EXERCISES:
                exercise = exercises[data["slug"]]
                exercise.related.set(exercises[slug] for slug in data.get("related", []))
                exercise.variations.set(exercises[slug] for slug in data.get("variations", []))
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {len(exercises)} exercises."))
        if with_demo_users:
            self.create_demo_users()

    def load_exercise(self, data):
        exercise, _ = Exercise.objects.update_or_create(
            slug=data["slug"], defaults={field: data.get(field, "") for field in SCALAR_FIELDS}
        )
        exercise.body_part = named(BodyPart, [data["body_part"]])[0]
        exercise.save()
        exercise.primary_muscles.set(named(Muscle, data.get("primary_muscles", [])))
        exercise.secondary_muscles.set(named(Muscle, data.get("secondary_muscles", [])))
        exercise.equipment.set(named(Equipment, data.get("equipment", [])))
        exercise.optional_equipment.set(named(Equipment, data.get("optional_equipment", [])))

        for child in (SetsReps, Step, Tip, Faq, RecommendedEquipment):
            child.objects.filter(exercise=exercise).delete()
        SetsReps.objects.bulk_create(
            SetsReps(exercise=exercise, order=i, **row)
            for i, row in enumerate(data.get("sets_reps", []))
        )
        steps = [(Step.Phase.SETUP, row) for row in data.get("setup", [])]
        steps += [(Step.Phase.EXECUTION, row) for row in data.get("execution", [])]
        Step.objects.bulk_create(
            Step(exercise=exercise, phase=phase, order=i, **row)
            for i, (phase, row) in enumerate(steps)
        )
        Tip.objects.bulk_create(
            Tip(exercise=exercise, order=i, **row) for i, row in enumerate(data.get("tips", []))
        )
        for i, row in enumerate(data.get("faqs", [])):
            Faq.objects.create(exercise=exercise, order=i, **row)  # save() fills the anchor
        for i, row in enumerate(data.get("recommended_equipment", [])):
            RecommendedEquipment.objects.create(exercise=exercise, order=i, **row)
        return exercise

    def create_demo_users(self):
        User = get_user_model()
        editors = Group.objects.get(name="Editors")
        self.stdout.write("\nLog into the editor admin at /admin/ with:")
        for spec in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=spec["username"],
                defaults={"is_staff": True, "is_superuser": spec["superuser"]},
            )
            if created:
                user.set_password(spec["password"])
                user.save()
            if not spec["superuser"]:
                user.groups.add(editors)
            role = "superuser" if spec["superuser"] else "editor (Editors group)"
            note = "" if created else "  (already existed; password left as it was)"
            self.stdout.write(f"  {spec['username']} / {spec['password']}  — {role}{note}")
        self.stdout.write("")
