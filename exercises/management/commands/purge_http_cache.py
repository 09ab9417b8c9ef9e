"""Purge the shared HTTP caches in front: everything (after a deploy), or some tags."""

from django.core.management.base import BaseCommand, CommandError

from exercises.purge import caches, purge_with_retries


class Command(BaseCommand):
    help = (
        "Drop pages from the shared caches in front (Varnish, Cloudflare, Fastly; the "
        "DJANGO_PURGE_* settings): everything, e.g. after a deploy that changes templates, "
        "or only the responses with the tags given (exercise-12 lists search)."
    )

    def add_arguments(self, parser):
        parser.add_argument("tags", nargs="*", help="only responses with these tags")

    def handle(self, *args, tags=(), **options):
        targets = caches()
        if not targets:
            self.stdout.write("No shared cache is configured (DJANGO_PURGE_*): nothing to purge.")
            return
        what = " ".join(sorted(tags)) if tags else "everything"
        failed = []
        for cache in targets:
            if purge_with_retries(cache, sorted(tags) if tags else None):
                self.stdout.write(self.style.SUCCESS(f"Purged {what} at {cache}."))
            else:
                failed.append(str(cache))
        if failed:
            raise CommandError(f"Could not purge {what} at {', '.join(failed)}: see above.")
