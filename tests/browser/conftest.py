"""
Browser tests: a real Chromium (Debian's, installed by `make test`) driven by Playwright.

They run against pytest-django's live server, so they use a transactional database.
"""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}; `make test` installs it")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "accept_downloads": True, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def loaded_graph(transactional_db):
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())


PASSWORD = "a long and unusual passphrase"
SEEKER_ROUTE = [
    "customer-service-representative",
    "lead-customer-service-representative",
    "customer-service-supervisor",
    "customer-service-manager",
]


@pytest.fixture
def log_in(live_server):
    """Sign a user in by giving the browser a session cookie (the login form has its own test)."""
    from django.conf import settings
    from django.test import Client

    def sign_in(page, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return sign_in


@pytest.fixture
def seeker_plan(loaded_graph):
    """A seeker one year into customer service, with a plan toward customer service manager."""
    from planner.models import Profile
    from planner.services import plan_create
    from roles.models import Role
    from tests.factories import UserFactory

    seeker = UserFactory(username="maria")
    profile = Profile.objects.create(
        user=seeker, current_role=Role.objects.get(slug=SEEKER_ROUTE[0]), years_experience=1
    )
    return plan_create(owner=seeker, profile=profile, route_slugs=SEEKER_ROUTE, by="time")


@pytest.fixture
def coach_with_client(seeker_plan, staff_user):
    """An approved coach whose client (the seeker) accepted coaching and shares every plan."""
    from coaching import services as coaching
    from tests.factories import UserFactory

    coach = UserFactory(username="carol")
    coaching.coach_make(user=coach, by=staff_user)
    relation = coaching.coaching_invite_coach(client=seeker_plan.owner, email=coach.email)
    coaching.coaching_accept(coaching=relation, by=coach)
    coaching.coaching_share(coaching=relation, by=seeker_plan.owner, share_all=True, plans=[])
    return coach


# Reports each Content Security Policy violation on the console, where the listener below sees it
# (Chromium logs most violations there itself; the event catches the rest).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture(autouse=True)
def _no_csp_violations(request, monkeypatch):
    """Fail any browser test during which a page broke the Content Security Policy."""
    browser = request.getfixturevalue("browser")
    violations: list[str] = []
    new_context = browser.new_context

    def new_context_watched(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.add_init_script(_CSP_LISTENER)
        context.on(
            "console",
            lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
        )
        return context

    monkeypatch.setattr(browser, "new_context", new_context_watched)
    yield
    assert not violations, "Content Security Policy violations:\n" + "\n".join(violations)
