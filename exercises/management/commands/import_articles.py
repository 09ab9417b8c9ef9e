"""Import exercise articles: Markdown with front matter (Format A) or copied web text
(Format B). See docs/content-format.md."""

from contextlib import suppress

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from exercises.importers.errors import ArticleError
from exercises.importers.save import link_pending, save_article, slug_for
from exercises.importers.source import collect_files, read_file
from exercises.models import Exercise, Status


class Command(BaseCommand):
    help = (
        "Import exercise articles from files or folders (.md, .markdown, .txt). Each file is "
        "saved in its own transaction; re-importing updates the exercise with the same slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created or changed, and save nothing.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported exercises (default: drafts, unless a file says "
            "'status: published').",
        )

    def handle(self, *args, paths, dry_run=False, publish=False, **options):
        failures, results, source_of = 0, [], {}
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        parsed = []
        for path, error in collect_files(paths):
            try:
                if error:
                    raise error
                parsed.append((path, read_file(path)))
            except ArticleError as problem:
                failures += 1
                self.stderr.write(self.style.ERROR(problem.located(str(path))))
        run_slugs = set()
        for _path, article in parsed:
            with suppress(ArticleError):  # reported when the file is saved
                run_slugs.add(slug_for(article))

        for path, article in parsed:
            source = str(path)
            try:
                result = save_article(
                    article,
                    source=source,
                    status=Status.PUBLISHED if publish else None,
                    dry_run=dry_run,
                )
            except ArticleError as problem:
                failures += 1
                self.stderr.write(self.style.ERROR(problem.located(source)))
                continue
            source_of[result.slug] = source
            outcome = "created" if result.created else "updated" if result.changes else "unchanged"
            counts[outcome] += 1
            results.append(result)
            self.report(result, article, outcome, source, dry_run)

        if dry_run:
            warnings = self.missing_relations(results, run_slugs, source_of)
        else:
            warnings = link_pending([r for r in results if r.exercise], source_of)
        for warning in warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))

        verb = "would be " if dry_run else ""
        summary = ", ".join(f"{n} {verb}{label}" for label, n in counts.items())
        self.stdout.write(f"{summary}, {failures} failed.")
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
        if failures:
            total = failures + len(results)
            raise CommandError(f"{failures} of {total} files could not be imported.")

    def report(self, result, article, outcome, source, dry_run):
        prefix = "would " if dry_run and outcome != "unchanged" else ""
        verb = {"created": "create", "updated": "update"}.get(outcome) if prefix else outcome
        detail = article.summary() if result.created else ", ".join(result.changes)
        line = f"{prefix}{verb} '{result.slug}' ({result.status}) from {source}"
        if detail and outcome != "unchanged":
            line += f": {detail}"
        style = self.style.SUCCESS if outcome != "unchanged" else (lambda text: text)
        self.stdout.write(style(line))
        for vocabulary in result.new_vocabulary:
            self.stdout.write(f"  {'would add' if dry_run else 'added'} new {vocabulary}")
        for notice in result.notices:
            self.stdout.write(self.style.WARNING(f"  {notice.located(source)}"))

    def missing_relations(self, results, run_slugs, source_of):
        warnings = []
        for result in results:
            for pending in result.pending_rows:
                if slugify(pending.name) not in run_slugs:
                    warnings.append(pending.warning(source_of[result.slug]))
            for attribute, slugs in result.pending.items():
                known = run_slugs | set(Exercise.objects.filter(slug__in=slugs).values_list(
                    "slug", flat=True))  # fmt: skip
                for slug in slugs:
                    if slug not in known:
                        label = "related exercise" if attribute == "related" else "variation"
                        warnings.append(
                            f"{source_of[result.slug]}: {label} '{slug}' matches no exercise; "
                            "it would be left unlinked."
                        )
        return warnings
