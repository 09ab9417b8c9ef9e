"""Editors maintain the search synonyms; start them off with common gym shorthand."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
STARTERS = [
    "abs, abdominals, abdominal muscles",
    "disc, disk",
    "glutes, gluteus, buttocks",
    "hammies, hamstrings",
    "lats, latissimus dorsi",
    "low back, lower back, lumbar",
    "pecs, pectorals, chest muscles",
    "quads, quadriceps",
    "traps, trapezius",
    "warm-up, warmup, warm up",
]


def add_synonym_permissions_and_starters(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="exercises", content_type__model="synonym"
        )
    )
    Synonym = apps.get_model("exercises", "Synonym")
    for terms in STARTERS:
        Synonym.objects.get_or_create(terms=terms)


def remove_synonym_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="exercises", content_type__model="synonym"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0003_synonym"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_synonym_permissions_and_starters, remove_synonym_permissions)
    ]
