"""Publish and unpublish what is due (publish and unpublish times set in the admin)."""

from django.core.management.base import BaseCommand

from exercises.publishing import apply_schedule


class Command(BaseCommand):
    help = (
        "Publish the exercises and drafts of live guides whose publish time has come, and "
        "unpublish those whose unpublish time has come. Safe to run every minute, and twice "
        "at once (from cron or a systemd timer: docs/deploy.md); prints what it did."
    )

    def handle(self, *args, **options):
        done = apply_schedule()
        for line in done:
            self.stdout.write(line)
        if options["verbosity"] > 1 and not done:
            self.stdout.write("Nothing due.")
