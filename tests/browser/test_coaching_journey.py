"""A seeker and a coach, each in their own browser: invite, review, comment, suggest, accept, revoke."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from coaching import services
from coaching.models import Comment
from planner.models import PlanRole, PlanStep, Profile, ProfileSkill
from planner.services import plan_create
from roles.models import Role, TransitionStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase"
ROUTE = [
    "customer-service-representative",
    "lead-customer-service-representative",
    "customer-service-supervisor",
    "customer-service-manager",
]


@pytest.fixture
def new_page(browser: Browser):
    """Open a page in a browser context of its own (one person each), closed after the test."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_page
    # Closing drops the kept-alive connections before the live server's database goes away.
    for context in contexts:
        context.close()


def _log_in(page: Page, live_server, username: str) -> Page:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


def test_invite_review_comment_suggest_accept_and_revoke(new_page, live_server, loaded_graph):
    User = get_user_model()
    staff = User.objects.create_superuser("staff", "staff@example.com", PASSWORD)
    seeker = User.objects.create_user("maria", "maria@example.com", PASSWORD)
    coach = User.objects.create_user("carol", "carol@example.com", PASSWORD)
    services.coach_make(user=coach, by=staff)
    profile = Profile.objects.create(user=seeker, current_role=Role.objects.get(slug=ROUTE[0]), years_experience=1)
    plan = plan_create(owner=seeker, profile=profile, route_slugs=ROUTE, by="time")
    step = PlanStep.objects.filter(plan=plan, status="todo").order_by("move__position", "order").first()

    maria = _log_in(new_page(), live_server, "maria")
    carol = _log_in(new_page(), live_server, "carol")

    # Maria invites Carol by email from her coaching page.
    maria.get_by_role("link", name="Coaching", exact=True).click()
    expect(maria.get_by_role("heading", name="Coaching", exact=True)).to_be_visible()
    maria.get_by_label("Email address").fill("carol@example.com")
    maria.get_by_role("button", name="Send invitation").click()
    expect(maria.get_by_text("Invitation sent to carol")).to_be_visible()
    expect(maria.get_by_role("heading", name="Waiting for a coach's answer")).to_be_visible()

    # Carol accepts on her dashboard, then opens Maria's plan.
    carol.get_by_role("link", name="Coach", exact=True).click()
    expect(carol.get_by_role("heading", name="Asking you to coach them")).to_be_visible()
    carol.get_by_role("button", name="Accept maria").click()
    expect(carol.get_by_text("maria is now your client")).to_be_visible()

    # Nothing is shared until Maria chooses; she shares every plan.
    carol.get_by_role("link", name="maria", exact=True).first.click()
    expect(carol.get_by_test_id("nothing-shared")).to_be_visible()
    maria.reload()
    expect(maria.get_by_test_id("nothing-shared")).to_be_visible()
    maria.get_by_label("All my plans, including new ones").check()
    maria.get_by_role("button", name="Save what carol sees").click()
    expect(maria.get_by_text("Saved what carol sees")).to_be_visible()
    carol.reload()
    carol.get_by_role("link", name=plan.title).click()
    expect(carol.get_by_text("Read-only: maria shares this plan with you")).to_be_visible()
    expect(carol.get_by_role("button", name=re.compile("^Save"))).to_have_count(0)  # no step forms

    # Carol comments on a step.
    thread = carol.locator(f"#step-{step.pk}-comments")
    thread.locator("summary", has_text="Comment on this step").click()
    thread.get_by_label("Your comment on this step").fill("Book this for next month?")
    thread.get_by_role("button", name="Post comment").click()
    expect(carol.locator(f"#step-{step.pk}-comments")).to_contain_text("Book this for next month?")

    # Carol suggests a step on the first move: the form shows only that kind's fields.
    carol.locator("#suggest > summary").click()
    expect(carol.get_by_label("Step", exact=True)).to_be_hidden()
    carol.get_by_label("Add a step").check()
    expect(carol.get_by_label("On the move")).to_be_visible()
    expect(carol.get_by_label("Route", exact=True)).to_be_hidden()
    carol.get_by_label("On the move").select_option(label="The move to Lead Customer Service Representative")
    carol.get_by_label("New step", exact=True).fill("Shadow a team lead for a week")
    carol.get_by_label("Kind of step").select_option(label="Take action")
    carol.get_by_label("Why (the client reads this)").fill("You will see the job from the inside.")
    carol.get_by_role("button", name="Send suggestion").click()
    expect(carol.get_by_text("Suggestion sent to maria")).to_be_visible()
    expect(carol.locator("#suggestions")).to_contain_text("Waiting for the client")

    # Maria sees the unread count, opens her plan and answers the comment.
    maria.goto(f"{live_server.url}/plans/")
    expect(maria.get_by_test_id("unread-count")).to_contain_text(re.compile(r"\d"))
    maria.get_by_role("link", name=plan.title).click()
    expect(maria.get_by_text("Your coach suggested changes to this plan")).to_be_visible()
    thread = maria.locator(f"#step-{step.pk}-comments")
    expect(thread).to_contain_text("Book this for next month?")
    thread.locator("summary", has_text="Reply").click()
    thread.get_by_label("Your reply").fill("Yes, booked it.")
    thread.get_by_role("button", name="Post reply").click()
    expect(maria.locator(f"#step-{step.pk}-comments")).to_contain_text("Yes, booked it.")
    assert Comment.objects.filter(author=seeker, parent__author=coach, body="Yes, booked it.").exists()

    # Maria accepts the suggestion and sees the new step in her plan.
    maria.get_by_role("button", name="Accept suggestion from carol").click()
    expect(maria.get_by_text("Added “Shadow a team lead for a week” to your plan.")).to_be_visible()
    new_step = PlanStep.objects.get(plan=plan, title="Shadow a team lead for a week")
    assert new_step.move == PlanRole.objects.get(plan=plan, position=1)
    row = maria.locator(f"#step-{new_step.pk}")
    expect(row).to_contain_text("Shadow a team lead for a week")
    expect(row.get_by_label("Status")).to_have_value("todo")  # hers to tick like any other step

    # Carol sees her reply and the accepted suggestion.
    carol.reload()
    expect(carol.locator(f"#step-{step.pk}-comments")).to_contain_text("Yes, booked it.")
    expect(carol.locator("#suggestions")).to_contain_text("Accepted")

    # Maria ends the coaching, after a confirmation.
    maria.get_by_role("link", name="Coaching", exact=True).click()
    maria.get_by_role("link", name="End coaching with carol").click()
    expect(maria.get_by_role("heading", name="End coaching with carol?")).to_be_visible()
    maria.get_by_role("button", name="Yes, end coaching").click()
    expect(maria.get_by_text("carol no longer sees your plans")).to_be_visible()
    maria.get_by_text(re.compile(r"Record of consent")).first.click()
    expect(maria.get_by_role("cell", name="Ended access")).to_be_visible()

    # Carol's very next request for the plan is refused, like a page that does not exist.
    response = carol.reload()
    assert response.status == 404
    expect(carol.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(carol.get_by_text("Book this for next month?")).to_have_count(0)
    carol.goto(f"{live_server.url}/coach/")
    expect(carol.get_by_text("No clients yet.")).to_be_visible()

    # Her comment stays on Maria's plan.
    maria.goto(f"{live_server.url}{plan.get_absolute_url()}")
    expect(maria.locator(f"#step-{step.pk}-comments")).to_contain_text("Book this for next month?")


def test_a_verified_level_below_a_met_step_opens_it_again_on_the_clients_plan(new_page, live_server, loaded_graph):
    User = get_user_model()
    staff = User.objects.create_superuser("staff", "staff@example.com", PASSWORD)
    seeker = User.objects.create_user("maria", "maria@example.com", PASSWORD)
    coach = User.objects.create_user("carol", "carol@example.com", PASSWORD)
    services.coach_make(user=coach, by=staff)
    profile = Profile.objects.create(user=seeker, current_role=Role.objects.get(slug=ROUTE[0]), years_experience=1)
    skill_step = TransitionStep.objects.filter(
        kind="skill", skill_level__gte=2, transition__source_role__slug=ROUTE[0], transition__target_role__slug=ROUTE[1]
    ).first()
    assert skill_step is not None, "the first move of the bundled route asks for a skill"
    ProfileSkill.objects.create(profile=profile, skill=skill_step.skill, level=5)
    plan = plan_create(owner=seeker, profile=profile, route_slugs=ROUTE, by="time")
    step = PlanStep.objects.get(plan=plan, transition_step=skill_step)
    assert step.met_at_creation, "a 5 of 5 self-rating meets the step"
    coaching = services.coaching_invite_coach(client=seeker, email=coach.email)
    coaching = services.coaching_accept(coaching=coaching, by=coach)
    services.coaching_share(coaching=coaching, by=seeker, share_all=True, plans=[])

    # Carol rates the skill lower than the step asks, on Maria's client page.
    carol = _log_in(new_page(), live_server, "carol")
    carol.goto(f"{live_server.url}/coach/clients/{seeker.pk}/")
    lower = skill_step.skill_level - 1
    carol.get_by_label(f"Verified level for {skill_step.skill.name}").select_option(str(lower))
    carol.get_by_role("button", name=f"Verify {skill_step.skill.name}").click()
    expect(carol.get_by_text(f"verified {lower} of 5")).to_be_visible()

    # Maria is told, and on her plan the step is open again with the reason in its note.
    maria = _log_in(new_page(), live_server, "maria")
    expect(maria.get_by_test_id("unread-count")).to_contain_text(re.compile(r"\d"))
    maria.goto(f"{live_server.url}{plan.get_absolute_url()}")
    row = maria.locator(f"#step-{step.pk}")
    expect(row.get_by_label("Status")).to_have_value("todo")
    expect(row.get_by_label("Note")).to_have_value(re.compile(rf"Reopened: carol verified .* at level {lower}"))
