from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from roles.graph_file import GraphFileError, graph_dumps, graph_export, graph_load, parse_graph
from roles.onet import OnetError, merge_graph, onet_graph, read_onet
from roles.services import job_titles_rebuild


class _Conflict(Exception):
    """The graph changed between the export and the load: roll back rather than archive."""


def default_directory() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "datasets" / "onet"


class Command(BaseCommand):
    help = (
        "Import the O*NET 29.0 related-occupations graph from DIR (default: ../shared/datasets/onet) "
        "as roles and moves of their own, merged with the current graph so nothing there is archived "
        "or changed. Idempotent: a second run changes nothing. With --output, write the merged graph "
        "file instead of loading it."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="The O*NET folder (tab-separated .txt files).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check everything and show what would change, without changing it."
        )
        parser.add_argument(
            "--output", metavar="FILE", help="Write the merged role graph file to FILE; the database is not changed."
        )

    def handle(self, *args, directory=None, dry_run=False, output=None, verbosity=1, **options):
        if dry_run and output:
            raise CommandError("--dry-run and --output do not go together: --output changes nothing already.")
        folder = Path(directory) if directory else default_directory()
        try:
            data = read_onet(folder)
        except OnetError as error:
            raise CommandError(f"{error}; nothing was changed.") from None
        onet = onet_graph(data)
        wages = (
            "no wage file"
            if data.wages is None
            else f"{sum(bool(r['salary_facts']) for r in onet['roles'])} with OEWS wages"
        )
        self.stdout.write(
            f"{folder}: {len(onet['roles'])} occupations with related-occupation links ({wages}), "
            f"{len(onet['transitions'])} moves."
        )
        if data.skipped:
            self.stderr.write(f"Skipped {len(data.skipped)} link(s):")
            for line in data.skipped[:20]:
                self.stderr.write(f"  {line}")

        try:
            with transaction.atomic():
                merged = merge_graph(graph_export(), onet, replace_wages=data.wages is not None)
                parsed = self._parse(merged)
                if output:
                    Path(output).write_text(graph_dumps(merged), encoding="utf-8")
                    self.stdout.write(self.style.SUCCESS(f"Wrote {output}; the database was not changed."))
                    return
                result = graph_load(parsed, dry_run=dry_run)
                if result.archived:
                    raise _Conflict
        except _Conflict:
            raise CommandError(
                "The role graph changed while importing (the load would have archived something); "
                "nothing was changed. Run the import again."
            ) from None

        if verbosity >= 2:
            for bucket in ("added", "changed", "archived"):
                for kind, labels in sorted(getattr(result, bucket).items()):
                    for label in labels:
                        self.stdout.write(f"  {bucket} {kind}: {label}")
        summary = result.summary()
        if dry_run:
            summary = f"Dry run, nothing changed. Would have {summary}" if result.has_changes else f"Dry run. {summary}"
        self.stdout.write(self.style.SUCCESS(f"O*NET import: {summary}"))
        if not dry_run:
            self.stdout.write(f"Job titles: {job_titles_rebuild()} for the title search.")

    def _parse(self, merged: dict):
        try:
            return parse_graph(merged)
        except GraphFileError as error:
            for line in error.errors[:50]:
                self.stderr.write(f"  {line}")
            raise CommandError(
                f"The merged role graph has {len(error.errors)} error(s); nothing was changed."
            ) from None
