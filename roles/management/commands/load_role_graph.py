from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.graph_file import GraphFileError, graph_load, read_graph_file
from roles.services import job_titles_rebuild


class Command(BaseCommand):
    help = (
        "Load the role graph from FILE (the bundled graph when no FILE is given). Idempotent: a second run "
        "changes nothing. A bad file is rejected whole, with every error listed by its path in the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A role graph JSON file (default: the bundled graph).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and show what would change, without changing it."
        )

    def handle(self, *args, file=None, dry_run=False, verbosity=1, **options):
        path = file or settings.ROLE_GRAPH_FILE
        try:
            parsed = read_graph_file(path)
        except GraphFileError as error:
            for line in error.errors:
                self.stderr.write(f"  {line}")
            raise CommandError(f"{path}: {len(error.errors)} error(s); nothing was changed.") from None
        result = graph_load(parsed, dry_run=dry_run)
        prefix = "Dry run, nothing changed. Would have " if dry_run else ""
        summary = result.summary()
        if verbosity >= 2:
            for bucket in ("added", "changed", "archived"):
                for kind, labels in sorted(getattr(result, bucket).items()):
                    for label in labels:
                        self.stdout.write(f"  {bucket} {kind}: {label}")
        self.stdout.write(self.style.SUCCESS(f"{path}: {prefix}{summary}"))
        if not dry_run:
            # The title search reads a table derived from the roles: refill it after every load.
            self.stdout.write(f"Job titles: {job_titles_rebuild()} for the title search.")
