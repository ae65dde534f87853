"""
Make the data the drills need, in the database DATABASE_URL names: a few people with a profile and a
plan each (the bundled graph must be loaded). Idempotent. Prints "username password plan-path" per person.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_prod_serve .venv/bin/python ops/drill_data.py --people 5
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
os.environ.setdefault("DEBUG", "true")  # a command-line tool, not the server: the development key may do

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from planner.access import profile_get_or_create_for_user  # noqa: E402
from planner.models import Plan  # noqa: E402
from planner.services import plan_create, routes_for_person  # noqa: E402
from roles.models import Role  # noqa: E402

PASSWORD = "drill passphrase not for production"
TARGET = "customer-service-manager"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--people", type=int, default=5)
    args = parser.parse_args()
    start = Role.objects.get(slug="customer-service-representative")
    for n in range(args.people):
        user, created = get_user_model().objects.get_or_create(
            username=f"drill{n}", defaults={"email": f"drill{n}@example.com"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        profile = profile_get_or_create_for_user(user=user)
        if profile.current_role_id != start.pk:
            profile.current_role = start
            profile.years_experience = 2
            profile.save()
        plan = Plan.objects.filter(owner=user).first()
        if plan is None:
            _, _, routes = routes_for_person(profile=profile, target=Role.objects.get(slug=TARGET), by="time", k=1)
            slugs = Role.objects.in_bulk(routes[0].role_ids)
            route_slugs = [slugs[role_id].slug for role_id in routes[0].role_ids]
            plan = plan_create(owner=user, profile=profile, route_slugs=route_slugs, by="time")
        print(user.username, PASSWORD, plan.get_absolute_url())


if __name__ == "__main__":
    main()
