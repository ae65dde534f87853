"""
Four simultaneous recomputes of one plan on a SQLite database file, run as a child process by
tests/planner/test_concurrency.py (``DATABASE_URL`` names the file). Prints the outcome as JSON.
"""

from __future__ import annotations

import json
import os
from io import StringIO

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from planner.models import PlanRole, Profile  # noqa: E402
from planner.selectors import person_from_profile  # noqa: E402
from planner.services import plan_create  # noqa: E402
from roles import engine  # noqa: E402
from roles.models import Role  # noqa: E402
from roles.selectors import graph_get  # noqa: E402
from tests.concurrency import logged_in_clients, run_together  # noqa: E402
from tests.factories import UserFactory  # noqa: E402
from tests.planner.conftest import ROUTE  # noqa: E402


def main() -> None:
    assert connection.vendor == "sqlite", "run on a SQLite database file"
    setup_test_environment()
    # As in tests/conftest.py: static files from the finders, no collectstatic manifest.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages).enable()
    call_command("migrate", verbosity=0)
    call_command("load_role_graph", stdout=StringIO())
    user = UserFactory()
    profile = Profile.objects.create(
        user=user, current_role=Role.objects.get(slug="customer-service-representative"), years_experience=1
    )
    plan = plan_create(owner=user, profile=profile, route_slugs=ROUTE, by="time")
    clients = logged_in_clients(user, 4)
    url = reverse("planner:plan-recompute", args=[plan.pk])

    results = run_together(4, lambda index: clients[index].post(url).status_code)

    G = graph_get()
    best = engine.k_best_routes(
        G, plan.start_role_id, plan.target_role_id, k=1, by=plan.ranking, person=person_from_profile(profile)
    )[0]
    live = PlanRole.objects.filter(plan=plan, retired_at__isnull=True).order_by("position")
    print(
        json.dumps(
            {
                "statuses": [result if isinstance(result, int) else repr(result) for result in results],
                "live_moves": list(live.values_list("role_id", flat=True)),
                "best_route_roles": list(best.role_ids),
            }
        )
    )


if __name__ == "__main__":
    main()
