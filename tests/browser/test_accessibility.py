"""axe-core over one page of every kind, in light and dark colour modes: no serious or critical issue.

Headings out of order are only "moderate" to axe, but they break how screen reader users skim a
page, so they count too.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ["light", "dark"]

RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((violation) => ["serious", "critical"].includes(violation.impact) || violation.id === "heading-order")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.slice(0, 4).map((node) => node.target.join(" ") + " | " + node.failureSummary),
    }));
}"""


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is added as a script of the page; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


def _report(found: dict) -> str:
    return "\n".join(
        f"{path} [{v['impact']}] {v['rule']}: {node}" for path, vs in found.items() for v in vs for node in v["nodes"]
    )


def _violations(page: Page, live_server, paths: list[str], scheme: str) -> dict:
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("data-bs-theme") == scheme
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[path] = violations
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_public_pages(page: Page, live_server, loaded_graph, scheme):
    paths = [
        "/",
        "/roles/",
        "/roles/customer-service-manager/",
        "/roles/graph/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    found = _violations(page, live_server, paths, scheme)
    assert not found, _report(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_seeker_pages(page: Page, live_server, log_in, seeker_plan, scheme):
    log_in(page, seeker_plan.owner)
    paths = ["/profile/", "/plans/", "/plans/new/", seeker_plan.get_absolute_url(), "/coaching/", "/notifications/"]
    found = _violations(page, live_server, paths, scheme)
    assert not found, _report(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_coach_pages(page: Page, live_server, log_in, seeker_plan, coach_with_client, scheme):
    log_in(page, coach_with_client)
    paths = ["/coach/", f"/coach/plans/{seeker_plan.pk}/", f"/coach/clients/{seeker_plan.owner.pk}/"]
    found = _violations(page, live_server, paths, scheme)
    assert not found, _report(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_editor_pages(page: Page, live_server, log_in, loaded_graph, staff_user, scheme):
    staff_user.user_permissions.add(Permission.objects.get(codename="edit_graph"))
    log_in(page, staff_user)
    paths = ["/roles/graph/edit/", "/roles/graph/history/", "/roles/graph/health/", "/roles/graph/import/"]
    found = _violations(page, live_server, paths, scheme)
    assert not found, _report(found)
