"""Editors read the search insights (and may delete records) and recommend answers for
searches."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"


def insight_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="exercises",
        content_type__model__in=["searchrecord", "promotion"],
    )


def add_permissions(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    group.permissions.add(*insight_permissions(apps))


def remove_permissions(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(*insight_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("exercises", "0013_search_insights_and_promotions"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
