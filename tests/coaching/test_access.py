"""
Who may open each coaching and plan URL: the access matrix.

For every coach URL and every plan URL, each of anonymous, the plan's owner, another seeker, a
coach without access, the coach with access, a coach whose access was revoked, and staff gets what
they should; those refused change nothing, and "not yours" reads exactly like "not there".
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from coaching import services
from coaching.models import (
    Coaching,
    CoachInvitation,
    CoachNote,
    Comment,
    ConsentEvent,
    Notification,
    Review,
    Suggestion,
)
from planner.models import Plan, PlanRole, PlanStep, Profile, ProfileSkill
from planner.services import plan_create
from roles.models import Skill
from tests.factories import UserFactory

MISSING = 987654


@pytest.fixture
def world(graph, user, plan, profile, staff_user):
    """A client with a plan, and a coach in each state, each with what they wrote while they could."""

    def make_coach(name):
        person = UserFactory(username=name)
        services.coach_make(user=person, by=staff_user)
        return person

    coach, stranger_coach, revoked_coach = make_coach("coach"), make_coach("no-access"), make_coach("revoked")
    coaching = services.coaching_accept(
        coaching=services.coaching_invite_coach(client=user, email=coach.email), by=coach
    )
    revoked = services.coaching_accept(
        coaching=services.coaching_invite_coach(client=user, email=revoked_coach.email), by=revoked_coach
    )
    for relation in (coaching, revoked):
        services.coaching_share(coaching=relation, by=user, share_all=True, plans=[])
    skill = Skill.objects.order_by("pk").first()
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)
    step = plan.steps.filter(status="todo").first()
    comments = {
        "coach": services.comment_create(plan=plan, author=coach, body="From the coach", step=step),
        "revoked": services.comment_create(plan=plan, author=revoked_coach, body="From the revoked coach"),
        "owner": services.comment_create(plan=plan, author=user, body="From the owner"),
    }
    notes = {
        "coach": services.coach_note_create(coach=coach, client=user, body="Coach's note"),
        "revoked": services.coach_note_create(coach=revoked_coach, client=user, body="Revoked coach's note"),
    }
    suggestions = [
        services.suggestion_create(
            plan=plan, author=coach, kind="date", step=step, target_date=timezone.localdate() + datetime.timedelta(1)
        )
        for _ in range(2)
    ]
    services.coaching_revoke(coaching=revoked, by=user)
    seeker = UserFactory(username="seeker")
    request = services.coaching_invite_coach(client=seeker, email=coach.email)  # waiting for the coach
    offer = services.coaching_invite_client(coach=stranger_coach, email=user.email)  # waiting for the owner
    notification = Notification.objects.filter(recipient=user).first()
    return SimpleNamespace(
        owner=user,
        plan=plan,
        step=step,
        skill=skill,
        coach=coach,
        stranger_coach=stranger_coach,
        revoked_coach=revoked_coach,
        seeker=seeker,
        staff=staff_user,
        coaching=coaching,
        revoked=revoked,
        request=request,
        offer=offer,
        comments=comments,
        notes=notes,
        suggestions=suggestions,
        notification=notification,
    )


ROLES = ["anonymous", "owner", "seeker", "coach_without_access", "coach", "coach_revoked", "staff"]


def person(world, role):
    return {
        "anonymous": None,
        "owner": world.owner,
        "seeker": world.seeker,
        "coach_without_access": world.stranger_coach,
        "coach": world.coach,
        "coach_revoked": world.revoked_coach,
        "staff": world.staff,
    }[role]


def own(world, role, things):
    """The role's own comment or note where it has one (a revoked coach tries their own), else the coach's."""
    return things["revoked"] if role == "coach_revoked" else things["coach"]


# Each URL: (method, name, args(world, role), data(world)). Destructive ones last.
def coach_client_urls(world, role):
    """The URLs of one client, for a coach: open only to a coach the client lets in now."""
    plan, client = world.plan, world.owner
    date = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    comment, note = own(world, role, world.comments), own(world, role, world.notes)
    return [
        ("get", "coaching:coach-plan", [plan.pk], {}),
        ("get", "coaching:coach-client", [client.pk], {}),
        ("post", "coaching:coach-comment-create", [plan.pk], {"body": "Hello", "step": world.step.pk}),
        ("post", "coaching:coach-comment-update", [plan.pk, comment.pk], {f"edit-{comment.pk}-body": "Changed"}),
        ("post", "coaching:coach-comment-delete", [plan.pk, comment.pk], {}),
        (
            "post",
            "coaching:coach-suggestion-create",
            [plan.pk],
            {"suggest-kind": "date", "suggest-step": world.step.pk, "suggest-target_date": date},
        ),
        ("post", "coaching:coach-review-create", [plan.pk], {"review-verdict": "good", "review-message": "Fine"}),
        ("post", "coaching:coach-note-create", [client.pk], {"body": "Another note"}),
        ("post", "coaching:coach-note-delete", [client.pk, note.pk], {}),
        ("post", "coaching:coach-skill-verify", [client.pk, world.skill.pk], {f"skill-{world.skill.pk}-level": "4"}),
        ("post", "coaching:coach-client-end", [client.pk], {}),
    ]


def coach_own_urls(world, role):
    """A coach's own pages: open to every approved coach, and to nobody else."""
    return [
        ("get", "coaching:coach-dashboard", [], {}),
        ("get", "coaching:coach-invitations", [], {}),
        ("post", "coaching:coach-invitations", [], {}),
        ("post", "coaching:coach-invite", [], {"invite-email": "someone@example.com"}),
    ]


def coach_request_urls(world, role):
    """Answers to a seeker's request to ``coach``: only that coach may give them."""
    return [
        ("post", "coaching:coach-request-accept", [world.request.pk], {}),
        ("post", "coaching:coach-request-decline", [world.request.pk], {}),
    ]


def owner_plan_urls(world, role):
    """The plan's own URLs: only its owner's, whoever else may read it."""
    plan, step = world.plan, world.step
    comment = world.comments["owner"]
    first, second = world.suggestions
    prefix = f"step-{step.pk}"
    return [
        ("get", "planner:plan-detail", [plan.pk], {}),
        ("get", "planner:plan-progress", [plan.pk], {}),
        ("get", "planner:plan-print", [plan.pk], {}),
        ("get", "planner:plan-calendar", [plan.pk], {}),
        ("post", "planner:plan-step-update", [plan.pk, step.pk], {f"{prefix}-status": "done", f"{prefix}-note": "x"}),
        ("post", "coaching:plan-comment-create", [plan.pk], {"body": "Mine", "parent": world.comments["coach"].pk}),
        ("post", "coaching:plan-comment-update", [plan.pk, comment.pk], {f"edit-{comment.pk}-body": "Changed"}),
        ("post", "coaching:plan-comment-delete", [plan.pk, comment.pk], {}),
        ("post", "coaching:plan-suggestion-accept", [plan.pk, first.pk], {}),
        ("post", "coaching:plan-suggestion-decline", [plan.pk, second.pk], {}),
        ("post", "planner:plan-rename", [plan.pk], {"title": "Renamed"}),
        ("post", "planner:plan-recompute", [plan.pk], {}),
        ("post", "planner:plan-archive", [plan.pk], {}),
        ("post", "planner:plan-restore", [plan.pk], {}),
        ("post", "planner:plan-delete", [plan.pk], {"confirm": "yes"}),
    ]


def seeker_coaching_urls(world, role):
    """One coaching, seen from the client's side: only the client's."""
    return [
        ("get", "coaching:coaching-revoke", [world.coaching.pk], {}),
        (
            "post",
            "coaching:coaching-share",
            [world.coaching.pk],
            {f"share-{world.coaching.pk}-share": "some", f"share-{world.coaching.pk}-plans": [world.plan.pk]},
        ),
        ("post", "coaching:coaching-accept", [world.offer.pk], {}),
        ("post", "coaching:coaching-decline", [world.offer.pk], {}),
        ("post", "coaching:coaching-revoke", [world.coaching.pk], {}),
    ]


def personal_urls(world, role):
    """Pages every logged-in person has for themselves."""
    return [
        ("get", "coaching:coaching", [], {}),
        ("get", "coaching:coaching-join", [], {}),
        ("get", "coaching:coaching-join-code", ["some-code"], {}),
        ("get", "coaching:coach-apply", [], {}),
        ("get", "coaching:notifications", [], {}),
        ("post", "coaching:coaching-invite", [], {"invite-email": "nobody@example.com"}),
        ("post", "coaching:coaching-join", [], {"code": "no-such-code"}),
        ("post", "coaching:notifications-read", [], {}),
    ]


def notification_urls(world, role):
    return [
        ("get", "coaching:notification-open", [world.notification.pk], {}),
        ("post", "coaching:notification-open", [world.notification.pk], {}),
    ]


ALL_GROUPS = [
    coach_client_urls,
    coach_own_urls,
    coach_request_urls,
    owner_plan_urls,
    seeker_coaching_urls,
    personal_urls,
    notification_urls,
]


def snapshot():
    """Everything a refused request could have changed."""
    return (
        list(Comment.objects.order_by("pk").values_list("pk", "body", "edited_at", "deleted_at")),
        list(Suggestion.objects.order_by("pk").values_list("pk", "status")),
        list(Review.objects.order_by("pk").values_list("pk")),
        list(CoachNote.objects.order_by("pk").values_list("pk", "body")),
        list(ProfileSkill.objects.order_by("pk").values_list("pk", "level", "verified_level")),
        list(Coaching.objects.order_by("pk").values_list("pk", "status", "share_all")),
        list(Coaching.shared_plans.through.objects.order_by("pk").values_list("pk")),
        list(ConsentEvent.objects.order_by("pk").values_list("pk")),
        list(CoachInvitation.objects.order_by("pk").values_list("pk", "used_at")),
        list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
        list(Plan.with_bin.order_by("pk").values_list("pk", "title", "archived_at", "deleted_at", "target_role_id")),
        list(PlanRole.objects.order_by("pk").values_list("pk", "retired_at")),
        list(PlanStep.objects.order_by("pk").values_list("pk", "status", "target_date", "note", "title")),
    )


def request(client, method, name, args, data):
    return getattr(client, method)(reverse(name, args=args), data)


def login(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(person(world, role))


def expect_refused(client, world, role, groups):
    login(client, world, role)
    before = snapshot()
    for group in groups:
        for method, name, args, data in group(world, role):
            response = request(client, method, name, args, data)
            assert response.status_code == 404, (role, name, response.status_code)
    assert snapshot() == before, role


def expect_allowed(client, world, role, groups):
    login(client, world, role)
    for group in groups:
        for method, name, args, data in group(world, role):
            response = request(client, method, name, args, data)
            assert response.status_code == (200 if method == "get" else 302), (role, name, response.status_code)
            if method == "post":
                assert not response["Location"].startswith(reverse("login")), name


# --- Every URL is in the matrix ----------------------------------------------------------------


# Read by tests/test_urls.py: the URL names whose access this module's matrix tests, for every
# kind of person (anonymous, owner, another seeker, coach with, without and after access, staff).
ACCESS_TESTED = {
    "coaching:coach-plan",
    "coaching:coach-client",
    "coaching:coach-comment-create",
    "coaching:coach-comment-update",
    "coaching:coach-comment-delete",
    "coaching:coach-suggestion-create",
    "coaching:coach-review-create",
    "coaching:coach-note-create",
    "coaching:coach-note-delete",
    "coaching:coach-skill-verify",
    "coaching:coach-client-end",
    "coaching:coach-dashboard",
    "coaching:coach-invitations",
    "coaching:coach-invite",
    "coaching:coach-request-accept",
    "coaching:coach-request-decline",
    "planner:plan-detail",
    "planner:plan-progress",
    "planner:plan-print",
    "planner:plan-calendar",
    "planner:plan-step-update",
    "coaching:plan-comment-create",
    "coaching:plan-comment-update",
    "coaching:plan-comment-delete",
    "coaching:plan-suggestion-accept",
    "coaching:plan-suggestion-decline",
    "planner:plan-rename",
    "planner:plan-recompute",
    "planner:plan-archive",
    "planner:plan-restore",
    "planner:plan-delete",
    "coaching:coaching-revoke",
    "coaching:coaching-share",
    "coaching:coaching-accept",
    "coaching:coaching-decline",
    "coaching:coaching",
    "coaching:coaching-join",
    "coaching:coaching-join-code",
    "coaching:coach-apply",
    "coaching:notifications",
    "coaching:coaching-invite",
    "coaching:notifications-read",
    "coaching:notification-open",
}


def test_the_declared_names_are_exactly_the_matrix(world):
    in_matrix = {name for group in ALL_GROUPS for role in ROLES for _, name, _, _ in group(world, role)}

    assert in_matrix == ACCESS_TESTED


def test_every_coaching_url_is_in_the_matrix():
    coaching = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "coaching")
    names = {f"coaching:{p.name}" for p in coaching.url_patterns if isinstance(p, URLPattern)}

    assert names <= ACCESS_TESTED, sorted(names - ACCESS_TESTED)


# --- Anonymous --------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_everywhere_and_change_nothing(client, world):
    before = snapshot()
    for group in ALL_GROUPS:
        for method, name, args, data in group(world, "anonymous"):
            response = request(client, method, name, args, data)
            assert response.status_code == 302, name
            assert response["Location"].startswith(f"{reverse('login')}?next="), name
    assert snapshot() == before


# --- A client's URLs, for coaches -------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "seeker", "coach_without_access", "coach_revoked", "staff"])
def test_a_clients_coach_urls_are_not_found_for_everyone_but_their_coach(client, world, role):
    expect_refused(client, world, role, [coach_client_urls])


def test_the_coach_with_access_uses_every_one_of_the_clients_urls(client, world):
    expect_allowed(client, world, "coach", [coach_client_urls])

    assert Comment.objects.filter(author=world.coach, body="Hello").exists()
    assert Suggestion.objects.filter(author=world.coach).count() == 3
    assert Review.objects.filter(author=world.coach).exists()
    assert ProfileSkill.objects.get(skill=world.skill).verified_level == 4
    world.coaching.refresh_from_db()
    assert world.coaching.status == Coaching.Status.REVOKED  # the last URL ends it


def test_after_revoke_the_coach_gets_404_on_the_very_next_request(client, world):
    client.force_login(world.coach)
    url = reverse("coaching:coach-plan", args=[world.plan.pk])
    assert client.get(url).status_code == 200

    services.coaching_revoke(coaching=world.coaching, by=world.owner)

    expect_refused(client, world, "coach", [coach_client_urls])


def test_a_plan_the_client_stopped_sharing_is_not_found_for_the_coach(client, world, profile):

    other = plan_create(
        owner=world.owner,
        profile=profile,
        route_slugs=["customer-service-representative", "lead-customer-service-representative"],
        by="time",
        title="Shared one",
    )
    services.coaching_share(coaching=world.coaching, by=world.owner, share_all=False, plans=[other])
    client.force_login(world.coach)

    assert client.get(reverse("coaching:coach-plan", args=[other.pk])).status_code == 200
    assert client.get(reverse("coaching:coach-plan", args=[world.plan.pk])).status_code == 404
    before = snapshot()
    response = client.post(reverse("coaching:coach-comment-create", args=[world.plan.pk]), {"body": "Sneaky"})
    assert response.status_code == 404
    assert snapshot() == before


def test_a_coach_cannot_open_their_own_plan_as_a_coach(client, world, graph):

    profile = Profile.objects.create(user=world.coach, current_role=graph["customer-service-representative"])
    mine = plan_create(
        owner=world.coach,
        profile=profile,
        route_slugs=["customer-service-representative", "lead-customer-service-representative"],
        by="time",
    )
    client.force_login(world.coach)

    assert client.get(reverse("coaching:coach-plan", args=[mine.pk])).status_code == 404
    assert client.get(mine.get_absolute_url()).status_code == 200  # a coach keeps plans of their own


# --- A coach's own pages ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "seeker", "staff"])
def test_coach_pages_do_not_exist_for_people_who_are_not_coaches(client, world, role):
    expect_refused(client, world, role, [coach_own_urls, coach_request_urls])


@pytest.mark.parametrize("role", ["coach", "coach_without_access", "coach_revoked"])
def test_every_approved_coach_has_their_own_coach_pages(client, world, role):
    expect_allowed(client, world, role, [coach_own_urls])


def test_a_pending_application_does_not_open_the_coach_pages(client, world):
    applicant = UserFactory()
    services.coach_apply(user=applicant, bio="Soon")
    client.force_login(applicant)

    assert client.get(reverse("coaching:coach-dashboard")).status_code == 404
    assert client.get(reverse("coaching:coach-apply")).status_code == 200


@pytest.mark.parametrize("role", ["owner", "seeker", "coach_without_access", "coach_revoked", "staff"])
def test_only_the_asked_coach_answers_a_request(client, world, role):
    expect_refused(client, world, role, [coach_request_urls])


def test_the_asked_coach_answers_a_request(client, world):
    expect_allowed(client, world, "coach", [lambda world, role: coach_request_urls(world, role)[:1]])
    world.request.refresh_from_db()
    assert world.request.status == Coaching.Status.ACTIVE


# --- The plan's own URLs ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["seeker", "coach_without_access", "coach", "coach_revoked", "staff"])
def test_a_plans_own_urls_are_not_found_for_anyone_but_its_owner(client, world, role):
    expect_refused(client, world, role, [owner_plan_urls])


def test_the_owner_uses_every_url_of_their_plan(client, world):
    expect_allowed(client, world, "owner", [owner_plan_urls])

    assert not Plan.objects.filter(pk=world.plan.pk).exists()  # the last URL moves it to the bin
    assert Plan.with_bin.in_bin().filter(pk=world.plan.pk).exists()


# --- One coaching, from the client's side -------------------------------------------------------


@pytest.mark.parametrize("role", ["seeker", "coach_without_access", "coach", "coach_revoked", "staff"])
def test_a_coaching_is_only_its_clients_to_change(client, world, role):
    expect_refused(client, world, role, [seeker_coaching_urls])


def test_the_client_changes_their_coaching(client, world):
    expect_allowed(client, world, "owner", [seeker_coaching_urls])

    world.coaching.refresh_from_db()
    assert world.coaching.status == Coaching.Status.REVOKED


# --- Personal pages and notifications -----------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "seeker", "coach_without_access", "coach", "coach_revoked", "staff"])
def test_every_logged_in_person_has_their_own_coaching_and_notification_pages(client, world, role):
    login(client, world, role)
    for method, name, args, data in personal_urls(world, role):
        response = request(client, method, name, args, data)
        expected = {"get": 200, "post": 302}[method]
        if method == "post" and name in ("coaching:coaching-invite", "coaching:coaching-join"):
            expected = 400  # the made-up address or code, answered at the field
        assert response.status_code == expected, (role, name)


@pytest.mark.parametrize("role", ["seeker", "coach_without_access", "coach", "coach_revoked", "staff"])
def test_a_notification_is_only_its_recipients(client, world, role):
    expect_refused(client, world, role, [notification_urls])


def test_its_recipient_opens_a_notification_and_only_a_post_marks_it_read(client, world):
    login(client, world, "owner")
    url = reverse("coaching:notification-open", args=[world.notification.pk])

    assert client.get(url).status_code == 302
    world.notification.refresh_from_db()
    assert world.notification.read_at is None
    assert client.post(url).status_code == 302
    world.notification.refresh_from_db()
    assert world.notification.read_at is not None


# --- "Not yours" reads exactly like "not there" -------------------------------------------------


def _without_csrf(content: bytes) -> bytes:
    """
    Drop the per-response masked CSRF tokens (every form on the page has one), and the language
    switcher's way back, which is the address asked for (the one the person typed, in either case).
    """
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'name="next" value="[^"]+"', b"", content)


def _missing(args):
    return [MISSING if isinstance(arg, int) else arg for arg in args]


@pytest.mark.parametrize(
    ("role", "group"),
    [
        ("coach_without_access", coach_client_urls),
        ("coach_revoked", coach_client_urls),
        ("owner", coach_client_urls),
        ("staff", coach_client_urls),
        ("coach", owner_plan_urls),
        ("coach_without_access", coach_request_urls),
        ("coach", seeker_coaching_urls),
        ("seeker", notification_urls),
    ],
)
def test_not_yours_looks_exactly_like_not_found(client, world, role, group):
    login(client, world, role)
    for method, name, args, data in group(world, role):
        not_yours = request(client, method, name, args, data)
        missing = request(client, method, name, _missing(args), data)
        assert not_yours.status_code == missing.status_code == 404, name
        assert _without_csrf(not_yours.content) == _without_csrf(missing.content), name


def test_a_revoked_coach_sees_a_plain_not_found_page(client, world):
    client.force_login(world.revoked_coach)

    response = client.get(reverse("coaching:coach-plan", args=[world.plan.pk]))

    text = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in text
    assert world.plan.title not in text and world.owner.username not in text
