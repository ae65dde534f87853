from io import StringIO

import pytest
from django.core.management import call_command

from planner import coaching as services
from planner.models import Profile
from planner.services import plan_create
from roles.models import Role
from tests.factories import UserFactory

ROUTE = [
    "customer-service-representative",
    "lead-customer-service-representative",
    "customer-service-supervisor",
    "customer-service-manager",
]


@pytest.fixture
def graph(db):
    """The bundled role graph, loaded into the test database."""
    call_command("load_role_graph", stdout=StringIO())
    return {role.slug: role for role in Role.objects.all()}


@pytest.fixture
def profile(user, graph):
    return Profile.objects.create(user=user, current_role=graph["customer-service-representative"], years_experience=1)


@pytest.fixture
def plan(user, profile, graph):
    return plan_create(
        owner=user,
        profile=profile,
        route_slugs=ROUTE,
        by="time",
    )


@pytest.fixture
def coach(db, staff_user):
    """An approved coach."""
    person = UserFactory(username="coach-carol")
    services.coach_make(user=person, by=staff_user)
    return person


@pytest.fixture
def coaching(user, coach, plan):
    """The user's active coaching by ``coach``, sharing all plans."""
    coaching = services.coaching_invite_coach(client=user, email=coach.email)
    return services.coaching_accept(coaching=coaching, by=coach)
