"""Load the demo exercises (idempotent: running it again updates them in place).

The demo content is a folder of Format A articles (docs/content-format.md) that goes through
the same import path as any editor's files, so it is also a worked example of the format.
"""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "demo"

# Local-only logins, printed by `make run`; refused when DEBUG is off.
DEMO_USERS = [
    {"username": "admin", "password": "stretchsite-admin", "superuser": True},
    {"username": "editor", "password": "stretchsite-editor", "superuser": False},
]


class Command(BaseCommand):
    help = "Create or update the demo exercises (and, with --with-demo-users, local logins)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create the local 'admin' and 'editor' logins (refused when DEBUG is off).",
        )

    def handle(self, *args, with_demo_users=False, verbosity=1, **options):
        if with_demo_users and not settings.DEBUG:
            raise CommandError("Demo logins are for local development only (DEBUG is off).")
        # The per-file import report is noise here unless asked for with -v 2.
        report = self.stdout if verbosity > 1 else StringIO()
        call_command("import_articles", str(DEMO_ARTICLES), stdout=report)
        if verbosity:
            count = len(list(DEMO_ARTICLES.glob("*.md")))
            self.stdout.write(self.style.SUCCESS(f"Demo content ready: {count} exercises."))
        if with_demo_users:
            self.create_demo_users()

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
