"""A staff member keeps the role graph in the editor, in a real browser, as a new user would."""

import re

import pytest
from playwright.sync_api import Page, expect

from roles import engine
from roles.models import Role, Transition
from roles.selectors import graph_get
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def _log_in(page: Page, live_server, path: str) -> None:
    UserFactory(username="sam", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _add_step(panel, title: str, low: str, high: str) -> None:
    panel.get_by_role("link", name="Add a step").click()
    expect(panel.get_by_role("heading", name="Add a step")).to_be_visible()
    panel.get_by_label("Kind of step*", exact=True).select_option("action")
    panel.get_by_label("Title*", exact=True).fill(title)
    panel.get_by_label("Shortest time (months)*", exact=True).fill(low)
    panel.get_by_label("Longest time (months)*", exact=True).fill(high)
    panel.get_by_role("button", name="Add step").click()
    expect(panel.get_by_role("status")).to_contain_text(f": {title}.")


def test_add_a_role_connect_it_see_it_in_new_routes_and_revert_the_change(page: Page, live_server, loaded_graph):
    _log_in(page, live_server, "/roles/graph/edit/")
    expect(page.get_by_role("heading", name="Graph editor")).to_be_visible()
    panel = page.locator("#editor-panel")

    # Add a role: the slug follows the title.
    page.get_by_role("link", name="Add a role").first.click()
    expect(panel.get_by_role("heading", name="Add a role")).to_be_visible()
    panel.get_by_label("Title*", exact=True).fill("Customer Service Trainer")
    expect(panel.get_by_label("Slug*", exact=True)).to_have_value("customer-service-trainer")
    panel.get_by_label("Track*", exact=True).select_option("leadership")
    panel.get_by_label("Seniority level*", exact=True).fill("11")
    panel.get_by_role("button", name="Add role").click()
    expect(panel.get_by_text("Ensure this value is less than or equal to 10.")).to_be_visible()
    panel.get_by_label("Seniority level*", exact=True).fill("4")
    panel.get_by_role("button", name="Add role").click()
    expect(panel.get_by_role("status")).to_contain_text("Added “Customer Service Trainer”")
    expect(page).to_have_url(re.compile(r"/roles/graph/edit/roles/\d+/$"))
    # The tables below the picture follow.
    expect(page.locator("#editor-tables").get_by_role("link", name="Edit Customer Service Trainer")).to_be_visible()
    trainer = Role.objects.get(slug="customer-service-trainer")

    # Connect it from an existing role.
    panel.get_by_role("link", name="Add a move into this role").click()
    expect(panel.get_by_label("To role*", exact=True)).to_have_value(str(trainer.pk))
    panel.get_by_label("From role*", exact=True).select_option(label="Customer Service Senior Associate (level 2)")
    panel.get_by_role("button", name="Connect").click()
    expect(panel.get_by_role("status")).to_contain_text("Connected “Customer Service Senior Associate”")
    expect(
        panel.get_by_role("heading", name="Customer Service Senior Associate → Customer Service Trainer")
    ).to_be_visible()

    # Two steps, then put the second first with the keyboard.
    _add_step(panel, "Shadow a trainer", "1", "3")
    _add_step(panel, "Apply for trainer positions", "0", "2")
    page.get_by_role("button", name="Move step 2 up: Apply for trainer positions").focus()
    page.keyboard.press("Enter")
    expect(panel.get_by_role("status")).to_contain_text("to place 1")
    expect(panel.get_by_role("button", name="Move step 1 up: Apply for trainer positions")).to_be_disabled()
    # The keyboard stays on the step it moved.
    expect(panel.get_by_role("button", name="Move step 1 down: Apply for trainer positions")).to_be_focused()

    # New routes go through it.
    move = Transition.objects.get(target_role=trainer)
    start = Role.objects.get(slug="customer-service-representative")
    senior = Role.objects.get(slug="customer-service-senior-associate")
    routes = engine.k_best_routes(graph_get(), start.pk, trainer.pk, k=3)
    assert routes[0].role_ids[-2:] == (senior.pk, trainer.pk)
    assert [s.step.title for s in routes[0].legs[-1].steps] == ["Apply for trainer positions", "Shadow a trainer"]

    # Revert the connection from the role's history.
    panel.get_by_role("link", name="Customer Service Trainer", exact=True).click()
    panel.get_by_role("link", name="History of this role").click()
    expect(page.get_by_role("heading", name="History of “Customer Service Trainer”")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Revert move change #\d+: Move .* created$")).click()
    expect(
        page.get_by_text("Archive move “Customer Service Senior Associate → Customer Service Trainer”")
    ).to_be_visible()
    page.get_by_role("button", name="Revert this change").click()
    expect(page.get_by_role("alert")).to_contain_text("Reverted move change")
    expect(page.get_by_text(re.compile(r"Revert of move change #\d+"))).to_be_visible()

    move.refresh_from_db()
    assert move.archived
    with pytest.raises(engine.NoRoute):
        engine.k_best_routes(graph_get(), start.pk, trainer.pk)


@pytest.mark.parametrize("width", [390])
def test_the_editor_works_on_a_phone(page: Page, live_server, loaded_graph, width):
    page.set_viewport_size({"width": width, "height": 844})
    _log_in(page, live_server, "/roles/graph/edit/")

    page.locator("#editor-tables").get_by_role("link", name="Edit Customer Service Manager").click()
    panel = page.locator("#editor-panel")
    expect(panel.get_by_role("heading", name="Customer Service Manager")).to_be_focused()
    expect(panel.get_by_label("Title*", exact=True)).to_have_value("Customer Service Manager")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_refused_panel_save_shows_the_error_at_the_field_with_the_keyboard_there(
    page: Page, live_server, loaded_graph
):
    _log_in(page, live_server, "/roles/graph/edit/")
    page.locator("#editor-tables").get_by_role("link", name="Edit Customer Service Manager").click()
    panel = page.locator("#editor-panel")
    expect(panel.get_by_role("heading", name="Customer Service Manager")).to_be_focused()

    panel.get_by_label("Title*", exact=True).fill("")
    panel.get_by_label("Summary", exact=True).fill("Leads the service team (typed before the refusal)")
    panel.get_by_role("button", name="Save role").click()

    title = panel.get_by_label("Title*", exact=True)
    expect(title).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(title).to_be_focused()
    expect(panel.get_by_label("Summary", exact=True)).to_have_value("Leads the service team (typed before the refusal)")


def test_a_role_panel_opened_at_its_own_address_has_the_keyboard(page: Page, live_server, loaded_graph):
    role = Role.objects.get(slug="customer-service-manager")
    _log_in(page, live_server, f"/roles/graph/edit/roles/{role.pk}/")

    expect(page.locator("#editor-panel").get_by_role("heading", name="Customer Service Manager")).to_be_focused()
