"""The graph picture, public and in the editor: layered, every move clear of other roles and pickable."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GEOMETRY = (Path(__file__).parent / "graph_geometry.js").read_text(encoding="utf-8")
# Labels are 13 px in the model: below this zoom they are too small to read.
READABLE_ZOOM = 0.7


def _geometry(page: Page, container_id: str) -> dict:
    page.wait_for_function("id => window.CareerPathGraph && window.CareerPathGraph.instances[id]", arg=container_id)
    return page.evaluate(GEOMETRY, container_id)


def _editor(page: Page, live_server, log_in) -> None:
    staff = get_user_model().objects.create_user("sam", "sam@example.com", "x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="edit_graph"))
    log_in(page, staff)
    page.goto(f"{live_server.url}/roles/graph/edit/")


def _open_picture(page: Page, live_server, log_in, where: str) -> str:
    """Open the public graph or the editor; return the id of the picture's container."""
    if where == "public":
        page.goto(f"{live_server.url}/roles/graph/")
        return "role-graph"
    _editor(page, live_server, log_in)
    return "graph-editor-canvas"


@pytest.mark.parametrize("where", ["public", "editor"])
def test_the_first_view_shows_every_role_readably_and_no_move_runs_through_a_role(
    page: Page, live_server, loaded_graph, log_in, where
):
    geometry = _geometry(page, _open_picture(page, live_server, log_in, where))

    assert geometry["nodes"] == 19
    assert geometry["shown"] == 19
    assert geometry["zoom"] >= READABLE_ZOOM
    assert [(e["source"], e["target"], e["through"]) for e in geometry["edges"] if e["through"]] == []
    assert all(edge["pick"] for edge in geometry["edges"])


def test_a_move_is_picked_in_the_public_picture(page: Page, live_server, loaded_graph):
    page.goto(f"{live_server.url}/roles/graph/")
    edges = _geometry(page, "role-graph")["edges"]
    move = next(
        e for e in edges if (e["source"], e["target"]) == ("customer-service-manager", "service-operations-manager")
    )

    page.mouse.click(move["pick"]["x"], move["pick"]["y"])

    expect(page).to_have_url(re.compile(r"/roles/service-operations-manager/#to-here$"))


def test_every_move_is_picked_in_the_editor_by_pointer_and_by_keyboard(page: Page, live_server, loaded_graph, log_in):
    _editor(page, live_server, log_in)
    canvas = page.locator("#graph-editor-canvas")
    panel = page.locator("#editor-panel")

    for index in range(len(_geometry(page, "graph-editor-canvas")["edges"])):
        # Each pick moves the keyboard (and so the page) to the panel: come back to the picture.
        canvas.scroll_into_view_if_needed()
        edge = _geometry(page, "graph-editor-canvas")["edges"][index]
        page.mouse.click(edge["pick"]["x"], edge["pick"]["y"])
        move_id = edge["id"].removeprefix("move-")
        expect(panel.locator("[data-graph-select]")).to_have_attribute("data-graph-select", f"edge:{move_id}")
        picked = page.evaluate(
            "() => window.CareerPathGraph.instances['graph-editor-canvas'].edges('.chosen')"
            ".map(e => [e.source().id(), e.target().id()])"
        )
        assert picked == [[edge["source"], edge["target"]]]

    # The same moves from the keyboard, through the table of moves.
    link = page.locator("#editor-tables").get_by_role(
        "link", name="Edit the move from Customer Service Manager to Service Operations Manager"
    )
    link.focus()
    page.keyboard.press("Enter")
    heading = panel.get_by_role("heading", level=2)
    expect(heading).to_be_focused()
    expect(heading).to_contain_text("Customer Service Manager → Service Operations Manager")


@pytest.mark.parametrize("where", ["public", "editor"])
def test_on_a_phone_the_picture_stays_readable_and_says_it_pans(page: Page, live_server, loaded_graph, log_in, where):
    page.set_viewport_size({"width": 390, "height": 844})
    geometry = _geometry(page, _open_picture(page, live_server, log_in, where))

    assert geometry["zoom"] >= READABLE_ZOOM
    assert 0 < geometry["shown"] < 19
    expect(page.get_by_text(re.compile("drag (it|the picture) to move around"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
