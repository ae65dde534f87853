import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roles.management.commands.import_onet import default_directory
from roles.onet import OnetError
from roles.onet.extract import EXTRACT_PATH, build_extract, write_extract


class Command(BaseCommand):
    help = (
        "Build the compact O*NET 29.0 extract the repository ships (roles/data/onet/onet-29.0.json.gz) from "
        "the raw O*NET files and the BLS OEWS May 2024 workbook in DIR (default: ../shared/datasets/onet). "
        "Building twice gives identical bytes; a bad file set is refused and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="The folder of raw O*NET files.")
        parser.add_argument("--output", metavar="PATH", help=f"Where to write the extract (default: {EXTRACT_PATH}).")

    def handle(self, *args, directory=None, output=None, **options):
        folder = Path(directory) if directory else default_directory()
        path = Path(output) if output else EXTRACT_PATH
        started = time.perf_counter()
        try:
            extract = build_extract(folder)
        except OnetError as error:
            raise CommandError(f"{error}; nothing was written.") from None
        size = write_extract(extract, path)
        occupations = extract["occupations"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path} ({size:,} bytes) in {time.perf_counter() - started:.1f} s: "
                f"{len(occupations)} occupations, "
                f"{sum(len(o['related']) for o in occupations.values())} related-occupation links, "
                f"{sum(len(o['alternate_titles']) for o in occupations.values())} alternate titles, "
                f"{sum(bool(o['skills']) for o in occupations.values())} with skills, "
                f"{sum(bool(o['education']) for o in occupations.values())} with education shares, "
                f"{sum(len(o['technology']) for o in occupations.values())} technology skills, "
                f"{len(extract['wages'])} OEWS wage rows."
            )
        )
