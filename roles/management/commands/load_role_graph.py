import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.graph_file import GraphFileError, ParsedGraph, graph_load, parse_graph, read_graph_file
from roles.onet import OnetError
from roles.onet.extract import load_extract
from roles.onet.joined import JoinError, joined_graph, load_join
from roles.services import job_titles_rebuild


class Command(BaseCommand):
    help = (
        "Load the role graph. With no FILE: the bundled customer service graph joined with the shipped O*NET 29.0 "
        "extract (roles/data/onet/, roles/data/onet_join.json) into one graph; with --bundled-only, the bundled "
        "graph alone; with FILE, that file. Idempotent: a second run changes nothing. A bad file is rejected whole, "
        "with every error listed by its path in the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A role graph JSON file (default: the joined graph).")
        parser.add_argument(
            "--bundled-only",
            action="store_true",
            help="Load only the bundled customer service graph, without the O*NET occupations.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and show what would change, without changing it."
        )

    def handle(self, *args, file=None, bundled_only=False, dry_run=False, verbosity=1, **options):
        if file and bundled_only:
            raise CommandError("Give a FILE or --bundled-only, not both.")
        label = file or (str(settings.ROLE_GRAPH_FILE) if bundled_only else "the joined graph (bundled + O*NET 29.0)")
        try:
            parsed = read_graph_file(file or settings.ROLE_GRAPH_FILE) if file or bundled_only else self._joined()
        except GraphFileError as error:
            for line in error.errors[:100]:
                self.stderr.write(f"  {line}")
            raise CommandError(f"{label}: {len(error.errors)} error(s); nothing was changed.") from None
        result = graph_load(parsed, dry_run=dry_run)
        prefix = "Dry run, nothing changed. Would have " if dry_run else ""
        summary = result.summary()
        if verbosity >= 2:
            for bucket in ("added", "changed", "archived"):
                for kind, labels in sorted(getattr(result, bucket).items()):
                    for label_ in labels:
                        self.stdout.write(f"  {bucket} {kind}: {label_}")
        self.stdout.write(self.style.SUCCESS(f"{label}: {prefix}{summary}"))
        if not dry_run:
            # The title search reads a table derived from the roles: refill it after every load.
            self.stdout.write(f"Job titles: {job_titles_rebuild()} for the title search.")

    def _joined(self) -> ParsedGraph:
        """The bundled graph joined with the shipped O*NET extract, checked like any graph file."""
        path = Path(settings.ROLE_GRAPH_FILE)
        try:
            bundled = json.loads(path.read_text(encoding="utf-8"))
            return parse_graph(joined_graph(bundled, load_extract(), load_join()))
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: cannot be read ({error}); nothing was changed.") from None
        except OnetError as error:
            raise CommandError(f"{error}; nothing was changed.") from None
        except JoinError as error:
            raise GraphFileError(error.errors) from None
