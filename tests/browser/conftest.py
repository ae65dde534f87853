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
    call_command("load_role_graph", stdout=StringIO())


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
