from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roles.graph_file import graph_dumps, graph_export


class Command(BaseCommand):
    help = "Write the whole role graph as JSON to FILE (standard output when no FILE is given)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the JSON (default: standard output).")

    def handle(self, *args, file=None, **options):
        text = graph_dumps(graph_export())
        if not file or file == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{file}: cannot be written ({error.strerror})") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote the role graph to {file}."))
