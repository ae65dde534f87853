"""Where do you stand, by job title: the home page's picker in a real browser."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from roles.models import Role, Transition
from roles.services import job_titles_rebuild
from tests.factories import RoleFactory, TransitionFactory, TransitionStepFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXTRACT = {"occupations": {"41-2011.00": {"title": "Cashiers", "alternate_titles": [["Cashier", "", "08"]]}}}


@pytest.fixture
def cashier_graph(loaded_graph):
    """The bundled graph with one O*NET occupation, cashiers, that moves on to representative."""
    cashier = RoleFactory(slug="onet-41-2011-00", title="Cashiers", track="frontline", level=1)
    for target in ("customer-service-representative", "lead-customer-service-representative"):
        move = TransitionFactory(
            source_role=cashier, target_role=Role.objects.get(slug=target), kind=Transition.Kind.LATERAL
        )
        TransitionStepFactory(transition=move)
    job_titles_rebuild(extract=EXTRACT)
    return cashier


def test_type_cashier_on_the_home_page_pick_it_and_compare_routes(page: Page, live_server, cashier_graph, log_in):
    log_in(page, get_user_model().objects.create_user("casey", password="a long and unusual passphrase"))
    page.goto(f"{live_server.url}/")
    picker = page.get_by_role("combobox", name="Your job title today")
    picker.fill("cashier")
    option = page.get_by_role("option", name=re.compile("^Cashiers"))
    expect(option).to_be_visible()
    expect(picker).to_have_attribute("aria-expanded", "true")
    option.click()
    expect(picker).to_have_value("Cashiers")
    page.get_by_role("button", name="See my routes").click()

    expect(page).to_have_url(re.compile(r"/plans/new/\?"))
    expect(page.get_by_label("From (your job today)")).to_have_value("Cashiers")
    expect(page.get_by_label("Target role")).to_have_value("Customer Service Manager")
    expect(page.get_by_role("heading", name=re.compile(r"routes? to Customer Service Manager"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"Route 2"))).to_be_visible()
    first = page.locator(".route-card").first
    expect(first.get_by_role("link", name="Cashiers")).to_be_visible()
