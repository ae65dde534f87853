"""
Write every person's data export (the JSON of /profile/data.json) to a folder, one file each, so two
databases can be compared byte for byte. The export's time stamp is fixed, everything else is as
the person would download it.

    DATABASE_URL=postgres://... .venv/bin/python ops/export_all.py OUTPUT_DIR
"""

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
os.environ.setdefault("DEBUG", "true")  # a command-line tool, not the server: the development key may do

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from planner import exports  # noqa: E402

FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)


def main() -> None:
    output = Path(sys.argv[1])
    output.mkdir(parents=True, exist_ok=True)
    count = 0
    with mock.patch.object(exports.timezone, "now", return_value=FIXED_TIME):
        for user in get_user_model().objects.order_by("pk").iterator():
            data = exports.person_data(user=user)
            # The same serialisation as DataExportView.
            (output / f"{user.pk}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            count += 1
    print(f"{count} exports in {output}")


if __name__ == "__main__":
    main()
