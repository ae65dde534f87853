import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from planner.models import Plan, PlanRole, PlanStep
from planner.services import plan_create
from roles.models import Certification, Role, Skill
from tests.factories import UserFactory
from tests.planner.conftest import ROUTE

# Read by tests/test_urls.py: a plan's own URLs, refused to anonymous visitors and other seekers.
ACCESS_TESTED = {
    "planner:plan-detail",
    "planner:plan-progress",
    "planner:plan-calendar",
    "planner:plan-print",
    "planner:plan-step-update",
    "planner:plan-rename",
    "planner:plan-recompute",
    "planner:plan-archive",
    "planner:plan-restore",
    "planner:plan-delete",
}


def plan_urls(plan):
    step = plan.steps.first()
    return [
        ("get", reverse("planner:plan-detail", args=[plan.pk])),
        ("get", reverse("planner:plan-progress", args=[plan.pk])),
        ("get", reverse("planner:plan-calendar", args=[plan.pk])),
        ("get", reverse("planner:plan-print", args=[plan.pk])),
        ("post", reverse("planner:plan-step-update", args=[plan.pk, step.pk])),
        ("post", reverse("planner:plan-rename", args=[plan.pk])),
        ("post", reverse("planner:plan-recompute", args=[plan.pk])),
        ("post", reverse("planner:plan-archive", args=[plan.pk])),
        ("post", reverse("planner:plan-restore", args=[plan.pk])),
        ("post", reverse("planner:plan-delete", args=[plan.pk])),
    ]


PERSONAL_URLS = [
    ("get", "planner:profile"),
    ("post", "planner:profile"),
    ("get", "planner:data-export"),
    ("get", "planner:plan-list"),
    ("get", "planner:plan-create"),
    ("post", "planner:plan-create"),
]


@pytest.mark.parametrize(("method", "name"), PERSONAL_URLS)
def test_personal_urls_send_anonymous_users_to_log_in(client, db, method, name):
    url = reverse(name)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")


def test_the_declared_names_are_exactly_the_plan_urls(plan):
    assert {resolve(url).view_name for _, url in plan_urls(plan)} == ACCESS_TESTED


def test_every_plan_url_refuses_anonymous_users(client, plan):
    for method, url in plan_urls(plan):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_every_plan_url_is_not_found_for_another_seeker(client, plan):
    before = _snapshot(plan)
    client.force_login(UserFactory())
    for method, url in plan_urls(plan):
        response = getattr(client, method)(url, {"status": "done", "title": "Mine now", "confirm": "yes"})
        assert response.status_code == 404, url
    assert _snapshot(plan) == before


def test_not_yours_looks_exactly_like_not_found(client, plan):
    client.force_login(UserFactory())
    not_yours_url = reverse("planner:plan-detail", args=[plan.pk])
    missing_url = reverse("planner:plan-detail", args=[plan.pk + 1000])
    not_yours = client.get(not_yours_url)
    missing = client.get(missing_url)

    assert not_yours.status_code == missing.status_code == 404
    # The language switcher returns to the page it is on: the only place the address shows.
    assert _without_csrf(not_yours.content).replace(not_yours_url.encode(), b"URL") == _without_csrf(
        missing.content
    ).replace(missing_url.encode(), b"URL")


def _without_csrf(content: bytes) -> bytes:
    """Drop the per-response masked CSRF token (the log-out form has one)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_staff_cannot_open_a_seekers_plan(client, plan, staff_user):
    client.force_login(staff_user)

    assert client.get(reverse("planner:plan-detail", args=[plan.pk])).status_code == 404


def _snapshot(plan):
    plan.refresh_from_db()
    return (plan.title, plan.archived_at, list(plan.steps.values_list("status", "note", "target_date")))


def test_owner_opens_every_plan_page(client, plan, user):
    client.force_login(user)
    for name in ("plan-detail", "plan-progress", "plan-print", "plan-calendar"):
        response = client.get(reverse(f"planner:{name}", args=[plan.pk]))
        assert response.status_code == 200, name


def test_plan_page_shows_route_steps_and_progress(client, plan, user):
    client.force_login(user)

    response = client.get(plan.get_absolute_url())

    content = response.content.decode()
    assert "Customer Service Supervisor" in content
    assert "You are here" in content
    assert "(you are here)" in content  # the list alternative to the picture
    assert "Next best step" in content
    for step in plan.steps.all()[:5]:
        assert step.title in content


def test_plan_page_leads_with_the_next_step_and_folds_the_reference(client, plan, user):
    client.force_login(user)

    content = client.get(plan.get_absolute_url()).content.decode()

    assert content.index("Next best step") < content.index('id="steps-heading"') < content.index('id="gaps-heading"')
    for heading in ("gaps-heading", "beyond-heading", "manage-heading"):
        folded = re.search(rf'<details class="card mb-3 plan-fold">\s*<summary[^>]*><h2 id="{heading}"', content)
        assert folded, f"{heading} sits in a closed <details>"
    assert 'style="' not in content, "no inline styles: the CSP forbids them"


def test_plan_page_folds_a_finished_move_and_lists_dated_steps_in_order(client, plan, user):
    first_move = PlanRole.objects.get(plan=plan, position=1)
    plan.steps.filter(move=first_move).update(status="done")
    later, sooner = plan.steps.exclude(move=first_move).order_by("pk")[:2]
    PlanStep.objects.filter(pk=later.pk).update(target_date=timezone.localdate() + datetime.timedelta(days=60))
    PlanStep.objects.filter(pk=sooner.pk).update(target_date=timezone.localdate() + datetime.timedelta(days=6))
    client.force_login(user)

    content = client.get(plan.get_absolute_url()).content.decode()

    moves = re.findall(r'<details class="card mb-3 move-card( move-done)?"( open)?>', content)
    assert moves[0] == (" move-done", ""), "the finished move starts folded"
    assert all(opened == " open" for done, opened in moves[1:] if not done)
    timeline = content[content.index('class="plan-timeline') :]
    assert timeline.index(sooner.title) < timeline.index(later.title)


def _grow(plan, count):
    """Give the plan ``count`` extra steps on its first move."""
    move = PlanRole.objects.filter(plan=plan, position=1).get()
    PlanStep.objects.bulk_create(
        PlanStep(plan=plan, move=move, order=100 + n, kind="action", title=f"Extra {n}", months_min=1, months_max=2)
        for n in range(count)
    )


def test_plan_page_query_count_does_not_grow_with_the_plan(client, plan, user, django_assert_num_queries):
    client.force_login(user)
    client.get(plan.get_absolute_url())  # warm the graph cache
    small = Plan.objects.get(pk=plan.pk)
    PlanStep.objects.filter(plan=small).exclude(pk__in=list(small.steps.values_list("pk", flat=True)[:5])).delete()
    assert small.steps.count() == 5

    with CaptureQueriesContext(connection) as five:
        assert client.get(plan.get_absolute_url()).status_code == 200
    _grow(plan, 95)
    assert plan.steps.count() == 100
    with django_assert_num_queries(len(five.captured_queries)):
        assert client.get(plan.get_absolute_url()).status_code == 200


def test_plan_page_runs_a_bounded_number_of_queries(client, plan, user, django_assert_max_num_queries):
    client.force_login(user)
    client.get(plan.get_absolute_url())

    with django_assert_max_num_queries(15):
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    assert plan.title in response.content.decode()


def test_step_update_with_htmx_swaps_the_row(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    prefix = f"step-{step.pk}"

    response = client.post(
        reverse("planner:plan-step-update", args=[plan.pk, step.pk]),
        {f"{prefix}-status": "done", f"{prefix}-target_date": "2027-03-01", f"{prefix}-note": "Booked the course"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert response["HX-Trigger"] == "plan-progress-changed"
    assert "Saved" in response.content.decode()
    step.refresh_from_db()
    assert (step.status, step.note, step.target_date) == ("done", "Booked the course", datetime.date(2027, 3, 1))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("target_date", "1999-01-01", "more than a year ago"),
        ("target_date", "not-a-date", "Enter a valid date"),
        ("target_date", "2199-01-01", "more than 30 years away"),
        ("status", "finished", "Choose to do, doing, done or skipped"),
        ("note", "x" * 2001, "at most 2000 characters"),
    ],
)
def test_step_update_answers_bad_input_at_the_field(client, plan, user, field, value, message):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    prefix = f"step-{step.pk}"
    data = {f"{prefix}-status": "doing", f"{prefix}-target_date": "", f"{prefix}-note": ""}
    data[f"{prefix}-{field}"] = value

    response = client.post(reverse("planner:plan-step-update", args=[plan.pk, step.pk]), data, HTTP_HX_REQUEST="true")

    assert response.status_code == 422
    assert message in response.content.decode()
    step.refresh_from_db()
    assert step.status == "todo"


def _post_step(client, plan, step, **values):
    prefix = f"step-{step.pk}"
    data = {f"{prefix}-status": step.status, f"{prefix}-target_date": "", f"{prefix}-note": ""}
    data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return client.post(reverse("planner:plan-step-update", args=[plan.pk, step.pk]), data, HTTP_HX_REQUEST="true")


def test_an_open_step_refuses_a_target_date_more_than_a_month_back(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    six_weeks_ago = timezone.localdate() - datetime.timedelta(days=42)

    response = _post_step(client, plan, step, target_date=six_weeks_ago.isoformat(), note="kept")

    assert response.status_code == 422
    body = response.content.decode()
    assert "more than a month ago and this step is still open" in body
    assert f'value="{six_weeks_ago.isoformat()}"' in body
    assert ">kept</textarea>" in body
    step.refresh_from_db()
    assert (step.target_date, step.note) == (None, "")


def test_a_done_step_may_record_a_date_months_back(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    three_months_ago = timezone.localdate() - datetime.timedelta(days=90)

    response = _post_step(client, plan, step, status="done", target_date=three_months_ago.isoformat())

    assert response.status_code == 200
    step.refresh_from_db()
    assert step.target_date == three_months_ago


def test_an_open_step_dated_days_ago_is_saved_with_a_word_at_the_field(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    last_week = timezone.localdate() - datetime.timedelta(days=7)

    response = _post_step(client, plan, step, target_date=last_week.isoformat())

    assert response.status_code == 200
    assert "This date has passed" in response.content.decode()
    step.refresh_from_db()
    assert step.target_date == last_week


def test_a_line_break_counts_as_one_character_in_a_note(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    note = ("x" * 99 + "\r\n") * 19 + "x" * 100  # 2000 characters as typed, 2019 as sent

    response = _post_step(client, plan, step, note=note)

    assert response.status_code == 200
    step.refresh_from_db()
    assert len(step.note) == 2000


def test_a_step_save_refreshes_its_moves_counters_out_of_band(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()

    response = _post_step(client, plan, step, status="done")

    body = response.content.decode()
    summary = re.search(rf'<span[^>]*id="move-{step.move_id}-summary" hx-swap-oob="true">([^<]*)</span>', body)
    assert summary is not None
    assert summary.group(1).startswith("1 of ")


def test_step_update_without_javascript_redirects_back(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    prefix = f"step-{step.pk}"

    response = client.post(
        reverse("planner:plan-step-update", args=[plan.pk, step.pk]),
        {f"{prefix}-status": "doing", f"{prefix}-target_date": "", f"{prefix}-note": "started"},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#step-{step.pk}")


def test_a_step_of_another_plan_is_not_found(client, plan, user, profile):
    client.force_login(user)
    other = plan_create(owner=user, profile=profile, route_slugs=ROUTE[:2], by="time")

    response = client.post(reverse("planner:plan-step-update", args=[other.pk, plan.steps.first().pk]), {})

    assert response.status_code == 404


def test_new_plan_compares_routes_toward_the_manager_by_default(client, user, profile):
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Route 1" in content and "Route 2" in content
    assert "Pick route 1" in content


@pytest.mark.parametrize("by", ["time", "moves", "salary"])
def test_new_plan_ranks_routes_each_way(client, user, profile, by):
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"), {"target": "customer-service-manager", "by": by})

    assert response.status_code == 200
    assert len(response.context["routes"]) >= 2


def test_new_plan_refuses_an_unknown_target_in_words(client, user, profile):
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"), {"target": "astronaut", "by": "time"})

    assert response.status_code == 400
    assert "No role matches “astronaut” — pick one from the suggestions." in response.content.decode()
    assert "Select a valid choice" not in response.content.decode()


def test_new_plan_refuses_the_persons_own_role_at_the_field(client, user, profile):
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"), {"target": "customer-service-representative", "by": "time"})

    assert response.status_code == 400
    assert "You are a Customer Service Representative already" in response.context["form"].errors["target"][0]


def test_new_plan_refuses_a_role_below_where_the_person_stands(client, user, profile, graph):
    profile.current_role = graph["customer-service-manager"]
    profile.save()
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"), {"target": "customer-service-supervisor", "by": "time"})

    assert response.status_code == 400
    assert "sits below where you stand" in response.context["form"].errors["target"][0]


def test_new_plan_offers_only_roles_ahead_of_the_person(client, user, profile, graph):
    profile.current_role = graph["customer-service-manager"]
    profile.save()
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"))

    assert response.context["target"].level >= graph["customer-service-manager"].level, "compares a role ahead"
    assert response.context["target"] != graph["customer-service-manager"]
    # The target is typed and picked by title: a role below is refused at the field, one ahead is compared.
    below = client.get(reverse("planner:plan-create"), {"target": "customer-service-supervisor", "by": "time"})
    ahead = client.get(reverse("planner:plan-create"), {"target": "operations-manager", "by": "time"})
    assert below.status_code == 400
    assert "sits below where you stand" in below.context["form"].errors["target"][0]
    assert ahead.status_code == 200


def test_new_plan_says_at_the_field_when_a_target_cannot_be_reached(client, user, profile, graph):
    island = Role.objects.create(slug="island-manager", title="Island Manager", track="management", level=9)
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"), {"target": island.slug, "by": "time"})

    assert response.status_code == 400
    assert "There is no route" in response.context["form"].errors["target"][0]
    assert 'class="alert alert-warning"' not in response.content.decode()


def test_new_plan_says_when_routes_tie_on_time_and_what_differs(client, user, profile):
    client.force_login(user)

    response = client.get(reverse("planner:plan-create"), {"target": "customer-service-manager", "by": "time"})

    routes = [choice["route"] for choice in response.context["routes"]]
    comparison = response.context["comparison"]
    content = response.content.decode()
    assert comparison.tied == (len({route.months_range for route in routes}) == 1)
    if comparison.tied:
        assert 'data-testid="route-tie"' in content
        assert "Fastest</span>" not in content and "fastest first" not in content
    else:
        assert "Fastest</span>" in content
    assert "How the routes compare" in content
    for row in ("Pay on the way", "Certifications to earn", "Steps you already meet", "Roles on the way"):
        assert row in content


def test_route_comparison_drops_the_badge_only_when_route_one_does_not_lead():
    from planner.selectors import route_comparison
    from roles.engine import Route

    def route(months, moves=2):
        return Route(
            role_ids=tuple(range(moves + 1)),
            transition_ids=(),
            legs=(),
            months_range=months,
            full_months_range=months,
            salaries=(),
        )

    tied = route_comparison([route((38, 55)), route((38, 55)), route((38, 55))], "time")
    ahead = route_comparison([route((20, 30)), route((38, 55))], "time")

    assert tied.tied and tied.leader_label == "" and tied.tied_on == "38–55 months"
    assert not ahead.tied and ahead.leader_label == "Fastest"


def test_salary_figures_name_their_sources_by_name(client, user, profile):
    client.force_login(user)

    content = client.get(
        reverse("planner:plan-create"), {"target": "customer-service-manager", "by": "time"}
    ).content.decode()

    assert "Indeed" in content
    assert "_27a3e9e3a4f786cf.txt" not in content


def test_picking_a_route_makes_a_plan(client, user, profile):
    client.force_login(user)

    response = client.post(
        reverse("planner:plan-create"),
        {"target": "customer-service-manager", "by": "time", "route": ",".join(ROUTE), "title": "My way up"},
    )

    plan = Plan.objects.get(owner=user)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert plan.title == "My way up"


def test_picking_a_route_no_longer_in_the_graph_is_a_clear_message(client, user, profile):
    client.force_login(user)

    response = client.post(
        reverse("planner:plan-create"),
        {"target": "customer-service-manager", "by": "time", "route": "customer-service-representative,ceo"},
    )

    assert response.status_code == 400
    assert "no longer in the role graph" in response.content.decode()
    assert not Plan.objects.exists()


def test_calendar_has_one_event_per_dated_step(client, plan, user):
    client.force_login(user)
    steps = list(plan.steps.all()[:2])
    for n, step in enumerate(steps):
        step.target_date = timezone.localdate() + datetime.timedelta(days=30 * (n + 1))
        step.save()

    response = client.get(reverse("planner:plan-calendar", args=[plan.pk]))

    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar"
    assert body.count("BEGIN:VEVENT") == 2
    assert steps[0].title[:30] in body.replace("\r\n ", "")


def test_data_export_has_profile_and_plans(client, plan, user):
    client.force_login(user)

    response = client.get(reverse("planner:data-export"))

    data = json.loads(response.content)
    assert data["profile"]["current_role"] == "customer-service-representative"
    assert data["plans"][0]["route"] == ROUTE
    assert len(data["plans"][0]["steps"]) == plan.steps.count()


def test_delete_moves_the_plan_to_the_bin_and_out_of_sight(client, plan, user):
    client.force_login(user)

    response = client.post(reverse("planner:plan-delete", args=[plan.pk]))

    assert response["Location"] == reverse("planner:plan-list")
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert Plan.with_bin.in_bin().filter(pk=plan.pk).exists()
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert list(client.get(reverse("planner:plan-list")).context["plans"]) == []


def test_archived_plans_are_listed_apart(client, plan, user):
    client.force_login(user)
    client.post(reverse("planner:plan-archive", args=[plan.pk]))

    response = client.get(reverse("planner:plan-list"))

    assert list(response.context["plans"]) == []
    assert list(response.context["archived_plans"]) == [plan]


def test_profile_page_saves_and_shows_level_descriptions(client, user, graph):
    client.force_login(user)
    page = client.get(reverse("planner:profile"))
    form = page.context["form"]
    skill = form.skills[0]
    assert skill.level_1 in page.content.decode()

    response = client.post(
        reverse("planner:profile"),
        {
            "current_role": "customer-service-supervisor",
            "years_experience": "4.5",
            "years_leading": "1",
            "education": "3",
            "hours_per_week": "6",
            form.skill_field_name(skill): "3",
            "certs-TOTAL_FORMS": "1",
            "certs-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert user.profile.skills.get().level == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("years_experience", "-2", "greater than or equal to 0"),
        ("years_experience", "500", "less than or equal to 50"),
        ("years_experience", "lots", "Enter a number"),
        ("years_leading", "9", "cannot be more than your years of experience"),
        ("hours_per_week", "0", "greater than or equal to 1"),
        ("current_role", "999999", "No role matches “999999” — pick one from the suggestions."),
        ("education", "9", "Select a valid choice"),
    ],
)
def test_profile_page_answers_bad_input_at_the_field(client, user, graph, field, value, message):
    client.force_login(user)
    data = {
        "current_role": "",
        "years_experience": "2",
        "years_leading": "0",
        "education": "1",
        "hours_per_week": "5",
        "certs-TOTAL_FORMS": "1",
        "certs-INITIAL_FORMS": "0",
    }
    data[field] = value

    response = client.post(reverse("planner:profile"), data)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_profile_page_checks_certification_dates(client, user, graph):

    client.force_login(user)
    certification = Certification.objects.first()
    future = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()

    response = client.post(
        reverse("planner:profile"),
        {
            "years_experience": "2",
            "years_leading": "0",
            "education": "1",
            "hours_per_week": "5",
            "certs-TOTAL_FORMS": "1",
            "certs-INITIAL_FORMS": "0",
            "certs-0-certification": certification.pk,
            "certs-0-earned_on": future,
        },
    )

    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()


def test_signup_applies_the_password_validators(client, db):
    response = client.post(
        reverse("signup"),
        {"username": "maria", "email": "maria@example.com", "password1": "123", "password2": "123"},
    )

    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()


@pytest.mark.parametrize("name", ["login", "password_reset", "signup"])
def test_account_pages_open(client, db, name):
    assert client.get(reverse(name)).status_code == 200


def test_password_reset_sends_an_email(client, user, mailoutbox):
    client.post(reverse("password_reset"), {"email": user.email})

    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


# --- Saves from a stale page ---------------------------------------------------------------------


def _stale_tabs(client, plan, step):
    """Two tabs opened the step at the same version; the first saves a note."""
    version = step.version
    first = _post_step(client, plan, step, status="doing", note="from tab one", version=version)
    assert first.status_code == 200
    return version


def test_a_save_from_a_stale_tab_shows_both_versions_and_overwrites_nothing(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    version = _stale_tabs(client, plan, step)

    response = _post_step(client, plan, step, status="todo", note="from tab two", version=version)

    assert response.status_code == 409
    body = response.content.decode()
    assert "changed in another tab" in body
    assert "from tab one" in body and ">from tab two</textarea>" in body  # theirs shown, yours kept
    assert '<span class="history-value">Doing</span>' in body and 'value="todo" selected' in body
    step.refresh_from_db()
    assert (step.status, step.note, step.version) == ("doing", "from tab one", version + 1)
    assert f'name="step-{step.pk}-version" value="{version + 1}"' in body


def test_after_a_conflict_saving_again_keeps_yours(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    version = _stale_tabs(client, plan, step)
    _post_step(client, plan, step, note="from tab two", version=version)

    response = _post_step(client, plan, step, note="from tab two", version=version + 1)

    assert response.status_code == 200
    step.refresh_from_db()
    assert (step.note, step.version) == ("from tab two", version + 2)


def test_after_a_conflict_taking_the_saved_one_shows_it_and_saves_nothing(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    version = _stale_tabs(client, plan, step)

    response = _post_step(client, plan, step, note="from tab two", version=version, take="saved")

    assert response.status_code == 200
    body = response.content.decode()
    assert ">from tab one</textarea>" in body and "from tab two" not in body
    assert f'data-focus="id_step-{step.pk}-note"' in body
    step.refresh_from_db()
    assert (step.note, step.version) == ("from tab one", version + 1)


def test_a_stale_tab_sending_what_is_saved_is_no_conflict(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    version = _stale_tabs(client, plan, step)

    response = _post_step(client, plan, step, status="doing", note="from tab one", version=version)

    assert response.status_code == 200


def test_a_save_after_a_save_in_the_same_row_is_no_conflict(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    first = _post_step(client, plan, step, note="one", version=step.version)
    sent = re.search(rf'name="step-{step.pk}-version" value="(\d+)"', first.content.decode()).group(1)

    assert _post_step(client, plan, step, note="two", version=sent).status_code == 200
    step.refresh_from_db()
    assert step.note == "two"


def test_a_stale_save_without_javascript_shows_the_conflict_on_the_plan_page(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()
    version = _stale_tabs(client, plan, step)
    prefix = f"step-{step.pk}"

    response = client.post(
        reverse("planner:plan-step-update", args=[plan.pk, step.pk]),
        {f"{prefix}-status": "todo", f"{prefix}-note": "from tab two", f"{prefix}-version": version},
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "changed in another tab" in body and ">from tab two</textarea>" in body
    step.refresh_from_db()
    assert step.note == "from tab one"


# --- Input that once made a server error -----------------------------------------------------


def test_a_nul_character_in_a_plans_new_name_is_refused(client, plan, user):
    client.force_login(user)

    response = client.post(reverse("planner:plan-rename", args=[plan.pk]), {"title": "Mine\x00"}, follow=True)

    assert "Null characters are not allowed." in response.content.decode()
    title = plan.title
    plan.refresh_from_db()
    assert plan.title == title


def test_a_line_break_in_a_plans_new_name_becomes_a_space(client, plan, user):
    client.force_login(user)

    client.post(reverse("planner:plan-rename", args=[plan.pk]), {"title": "Toward\r\nmanager\n"})

    plan.refresh_from_db()
    assert plan.title == "Toward manager"


def test_the_calendar_of_a_plan_titled_over_two_lines_is_valid(client, plan, user):
    import icalendar

    # Titles saved before line breaks were refused.
    Plan.objects.filter(pk=plan.pk).update(title="Two\nlines")
    plan.steps.update(target_date=timezone.localdate() + datetime.timedelta(days=30))
    client.force_login(user)

    response = client.get(reverse("planner:plan-calendar", args=[plan.pk]))

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "CareerPath: Two lines"
    assert all("\n" not in line for line in response.content.decode().split("\r\n"))


def test_a_damaged_step_version_is_refused_with_a_word(client, plan, user):
    client.force_login(user)
    step = plan.steps.filter(status="todo").first()

    response = _post_step(client, plan, step, note="kept", version="0")

    assert response.status_code == 422
    body = response.content.decode()
    assert "reload the page and save again" in body and ">kept</textarea>" in body
    step.refresh_from_db()
    assert step.note == ""


def test_profile_groups_skills_by_category_with_levels_described_and_no_source_keys(client, user, profile):
    client.force_login(user)

    response = client.get(reverse("planner:profile"))

    content = response.content.decode()
    groups = response.context["form"].skill_groups()
    assert [label for label, _ in groups] == [
        label for value, label in Skill.Category.choices if any(label == g for g, _ in groups)
    ]
    for _, fields in groups:
        assert [field.label for field in fields] == sorted(field.label for field in fields)
    headings = re.findall(r'<h2 class="h6 text-uppercase[^>]*>([^<]+)</h2>', content)
    assert headings == ["Interpersonal", "Leadership", "Analytical", "Technical and tools", "Business"]
    assert 'class="level-choice"' in content
    assert not re.search(r"\b00[0-4]\b[^<]*(names|lists|calls|says|name)", content), "help text names source keys"


def test_profile_certification_row_keeps_its_remove_box_inside(client, user, profile, graph):
    from planner.models import ProfileCertification

    ProfileCertification.objects.create(
        profile=profile, certification=Certification.objects.first(), earned_on=datetime.date(2022, 1, 1)
    )
    client.force_login(user)

    content = client.get(reverse("planner:profile")).content.decode()

    first_row = content.split('cert-row">')[1].split("cert-row")[0]
    remove = first_row.split('class="col-md-2 cert-remove"')[1]
    assert 'name="certs-0-DELETE"' in remove and ">Remove<" in remove
