from io import StringIO

import pytest
from django.core.management import call_command

from planner.models import Profile
from planner.services import plan_create
from roles.models import Role


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
        route_slugs=[
            "customer-service-representative",
            "lead-customer-service-representative",
            "customer-service-supervisor",
            "customer-service-manager",
        ],
        by="time",
    )
