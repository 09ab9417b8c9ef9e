"""Write every exercise as a Format A Markdown file (`<slug>.md`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exercises.importers.export import MissingImage, export_to_folder


class Command(BaseCommand):
    help = (
        "Write every exercise (drafts included) to DIR as <slug>.md in the Markdown format "
        "that import_articles reads. Existing files of the same name are replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="Folder to write into (created).")

    def handle(self, *args, folder, **options):
        target = Path(folder)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{target} exists and is not a folder.")
        try:
            written = export_to_folder(target)
        except MissingImage as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Cannot write to {target}: {error.strerror or error}.") from None
        noun = "exercise" if len(written) == 1 else "exercises"
        self.stdout.write(self.style.SUCCESS(f"Exported {len(written)} {noun} to {target}/."))
