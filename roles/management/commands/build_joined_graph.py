import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.graph_file import graph_dumps
from roles.onet import OnetError
from roles.onet.extract import EXTRACT_PATH, load_extract
from roles.onet.joined import JOIN_PATH, JoinError, joined_graph, load_join, without_additions
from roles.sources import SourcesError, check_sources, load_sources


class Command(BaseCommand):
    help = (
        "Write one role graph file: the bundled graph with the O*NET 29.0 occupations joined to it, from the "
        "shipped extract and roles/data/onet_join.json (no database, no ../shared). With --loadable, leave out "
        "the keys today's loader does not read (origin, onet_link, onet_join, onet)."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="The file to write.")
        parser.add_argument("--graph", help="The bundled graph file (default: settings.ROLE_GRAPH_FILE).")
        parser.add_argument("--extract", help=f"The O*NET extract (default: {EXTRACT_PATH}).")
        parser.add_argument("--join", help=f"The join file (default: {JOIN_PATH}).")
        parser.add_argument("--loadable", action="store_true", help="Drop the joined graph's additions.")

    def handle(self, *args, output, graph=None, extract=None, join=None, loadable=False, **options):
        path = Path(graph or settings.ROLE_GRAPH_FILE)
        try:
            bundled = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: cannot be read ({error}); nothing was written.") from None
        try:
            joined = joined_graph(
                bundled,
                load_extract(extract) if extract else load_extract(),
                load_join(join) if join else load_join(),
            )
            problems = check_sources(joined, load_sources())
        except (OnetError, SourcesError) as error:
            raise CommandError(f"{error}; nothing was written.") from None
        except JoinError as error:
            for line in error.errors[:50]:
                self.stderr.write(f"  {line}")
            raise CommandError(f"The join has {len(error.errors)} error(s); nothing was written.") from None
        if problems:
            for line in problems[:50]:
                self.stderr.write(f"  {line}")
            raise CommandError(f"{len(problems)} unknown source key(s); nothing was written.")
        Path(output).write_text(graph_dumps(without_additions(joined) if loadable else joined), encoding="utf-8")
        origins: dict[str, int] = {}
        for move in joined["transitions"]:
            origins[move["origin"]] = origins.get(move["origin"], 0) + 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {len(joined['roles'])} roles, {len(joined['transitions'])} moves "
                f"({', '.join(f'{count} from {origin}' for origin, count in sorted(origins.items()))})."
            )
        )
