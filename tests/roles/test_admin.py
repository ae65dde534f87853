import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import (
    Certification,
    GraphRevision,
    Role,
    SalaryFact,
    Skill,
    Transition,
)
from tests.factories import (
    RoleCertificationFactory,
    RoleSkillFactory,
    SalaryFactFactory,
    TransitionStepFactory,
)

pytestmark = pytest.mark.django_db

EDITABLE_MODELS = [Role, Transition, Skill, Certification, SalaryFact]


@pytest.fixture
def graph():
    """One of everything, so every change page has an object to open."""
    step = TransitionStepFactory()
    role = step.transition.source_role
    RoleSkillFactory(role=role)
    RoleCertificationFactory(role=role)
    fact = SalaryFactFactory(role=role)
    revision, _ = GraphRevision.objects.get_or_create(id=1)
    return {
        Role: role,
        Transition: step.transition,
        Skill: step.transition.source_role.role_skills.get().skill,
        Certification: role.role_certifications.get().certification,
        SalaryFact: fact,
        GraphRevision: revision,
    }


def _url(model, action, *args):
    return reverse(f"admin:roles_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", [*EDITABLE_MODELS, GraphRevision])
def test_staff_open_every_changelist_and_change_page(client, staff_user, graph, model):
    client.force_login(staff_user)
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "change", graph[model].pk)).status_code == 200


@pytest.mark.parametrize("model", EDITABLE_MODELS)
def test_staff_open_every_add_page(client, staff_user, model):
    client.force_login(staff_user)
    assert client.get(_url(model, "add")).status_code == 200


def test_graph_revision_is_read_only(client, staff_user, graph):
    client.force_login(staff_user)
    assert client.get(_url(GraphRevision, "add")).status_code == 403
    response = client.post(_url(GraphRevision, "change", 1), {"number": 99})
    assert response.status_code == 403
    assert GraphRevision.objects.get().number == graph[GraphRevision].number


@pytest.mark.parametrize("model", EDITABLE_MODELS)
def test_changelist_search_and_filters_work(client, staff_user, graph, model):
    client.force_login(staff_user)
    assert client.get(_url(model, "changelist"), {"q": "Role"}).status_code == 200


def _changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(model, "changelist")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", [Role, Transition, SalaryFact])
def test_changelist_queries_do_not_grow_with_rows(client, staff_user, model):
    client.force_login(staff_user)
    for _ in range(3):
        TransitionStepFactory()
        SalaryFactFactory()
    few = _changelist_queries(client, model)
    for _ in range(30):
        TransitionStepFactory()
        SalaryFactFactory()
    assert _changelist_queries(client, model) == few <= 12


def test_archive_action_archives_instead_of_deleting(client, staff_user, graph):
    client.force_login(staff_user)
    role = graph[Role]
    response = client.post(
        _url(Role, "changelist"), {"action": "archive_selected", "_selected_action": [role.pk]}, follow=True
    )
    assert response.status_code == 200
    role.refresh_from_db()
    assert role.archived


def test_autocomplete_for_roles_answers_staff(client, staff_user, graph):
    client.force_login(staff_user)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "roles", "model_name": "transition", "field_name": "source_role", "term": "Role"},
    )
    assert response.status_code == 200
    assert response.json()["results"]


@pytest.mark.parametrize("model", EDITABLE_MODELS)
def test_anonymous_is_sent_to_the_admin_login(client, graph, model):
    for url in (_url(model, "changelist"), _url(model, "add"), _url(model, "change", graph[model].pk)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", EDITABLE_MODELS)
def test_non_staff_user_cannot_use_the_admin(client, user, graph, model):
    client.force_login(user)
    for url in (_url(model, "changelist"), _url(model, "add"), _url(model, "change", graph[model].pk)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    response = client.post(_url(model, "delete", graph[model].pk), {"post": "yes"})
    assert response.status_code == 302
    assert model.objects.filter(pk=graph[model].pk).exists()
