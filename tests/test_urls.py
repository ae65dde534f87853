import pytest
from django.urls import resolve, reverse

from roles.models import Role
from roles.views import public as views


@pytest.mark.parametrize(
    ("name", "kwargs", "path", "view_class"),
    [
        ("home", {}, "/", views.HomeView),
        ("roles:role-list", {}, "/roles/", views.RoleListView),
        ("roles:role-graph", {}, "/roles/graph/", views.RoleGraphView),
        ("roles:role-graph-json", {}, "/roles/graph.json", views.RoleGraphJsonView),
        (
            "roles:role-detail",
            {"slug": "customer-service-manager"},
            "/roles/customer-service-manager/",
            views.RoleDetailView,
        ),
    ],
)
def test_named_urls_reverse_and_resolve(name, kwargs, path, view_class):
    assert reverse(name, kwargs=kwargs) == path
    match = resolve(path)
    assert match.view_name == name
    assert match.func.view_class is view_class
    assert match.kwargs == kwargs


def test_graph_is_not_read_as_a_role_slug():
    assert resolve("/roles/graph/").view_name == "roles:role-graph"


def test_admin_url():
    assert reverse("admin:index") == "/admin/"
    assert resolve("/admin/").app_name == "admin"


def test_role_absolute_url_points_at_its_page():
    assert Role(slug="account-manager").get_absolute_url() == "/roles/account-manager/"
