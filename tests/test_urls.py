import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from roles.models import Role
from roles.views import public as views
from tests import access_inventory
from tests.api import test_access as api_access
from tests.careerpath import test_access as careerpath_access
from tests.coaching import test_access as coaching_access
from tests.coaching import test_plan_bin_access as plan_bin_access
from tests.planner import test_access as planner_access
from tests.planner import test_views as planner_views
from tests.roles import test_titles as roles_titles


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


# --- The URL inventory: every named URL has a test of who may use it --------------------------

# Modules that declare ACCESS_TESTED: the URL names whose access they test.
ACCESS_TEST_MODULES = [
    access_inventory,
    api_access,
    careerpath_access,
    coaching_access,
    planner_access,
    planner_views,
    plan_bin_access,
    roles_titles,
]

# URLs left out of the inventory, each for a reason:
NOT_INVENTORIED_NAMESPACES = {
    # Django's admin checks staff and model permissions itself on every page; the project's own
    # admin pages are tested in tests/roles/test_admin.py and tests/coaching/test_views.py.
    "admin",
}
# Static files have no URL pattern here: whitenoise serves them before URL resolution.


def _named_urls(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in NOT_INVENTORIED_NAMESPACES:
                continue
            yield from _named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"


def test_every_url_has_an_access_test():
    covered = set().union(*(set(module.ACCESS_TESTED) for module in ACCESS_TEST_MODULES))

    missing = set(_named_urls(get_resolver())) - covered

    assert not missing, f"No access test declares these URLs: {sorted(missing)}"


def test_the_inventory_names_only_urls_that_exist():
    covered = set().union(*(set(module.ACCESS_TESTED) for module in ACCESS_TEST_MODULES))

    assert covered <= set(_named_urls(get_resolver()))
