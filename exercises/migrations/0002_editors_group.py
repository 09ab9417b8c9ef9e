"""The "Editors" group: create, edit, publish and delete content and see its history, but
not manage users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTENT_MODELS = [
    "exercise", "setsreps", "step", "tip", "faq", "recommendedequipment",
    "bodypart", "muscle", "equipment",
]  # fmt: skip


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="exercises", content_type__model__in=CONTENT_MODELS
        )
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
