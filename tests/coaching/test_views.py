"""The coaching pages: the seeker's consent page, the coach's pages, and comments on both sides."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.context_processors import NavFacts
from coaching.forms import SuggestionForm
from coaching.models import Coach, Coaching, CoachInvitation, CoachNote, Comment, Notification, Review, Suggestion
from planner.models import Plan, PlanRole, PlanStep, Profile, ProfileSkill
from planner.services import plan_create
from roles.models import Skill
from tests.factories import UserFactory
from tests.planner.conftest import ROUTE


def _text(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


# --- Applying -------------------------------------------------------------------------------


def test_a_person_applies_to_coach_and_sees_where_it_stands(client, user):
    client.force_login(user)

    assert "Apply to coach" in _text(client.get(reverse("coaching:coach-apply")))
    response = client.post(reverse("coaching:coach-apply"), {"bio": "Twelve years in contact centres."}, follow=True)

    assert Coach.objects.get(user=user).status == Coach.Status.APPLIED
    assert "waiting for staff" in _text(response)


def test_an_application_needs_a_bio(client, user):
    client.force_login(user)

    response = client.post(reverse("coaching:coach-apply"), {"bio": ""})

    assert response.status_code == 400
    assert "This field is required" in _text(response)
    assert not Coach.objects.exists()


def test_an_approved_coach_sees_a_link_to_their_clients_instead_of_the_form(client, coach):
    client.force_login(coach)

    response = client.get(reverse("coaching:coach-apply"))

    assert "You are an approved coach" in _text(response)
    assert 'name="bio"' not in _text(response)


# --- The seeker's coaching page -------------------------------------------------------------


def test_the_coaching_page_lists_coaches_and_the_consent_record(client, user, coach, coaching):
    client.force_login(user)

    response = client.get(reverse("coaching:coaching"))

    text = _text(response)
    assert response.status_code == 200
    assert coach.username in text
    assert "Record of consent" in text
    assert "Invited" in text and "Accepted" in text
    assert f'id="coaching-{coaching.pk}"' in text


def test_a_seeker_invites_a_coach_by_email(client, user, coach):
    client.force_login(user)

    response = client.post(reverse("coaching:coaching-invite"), {"invite-email": coach.email})

    assert response.status_code == 302
    coaching = Coaching.objects.get(client=user, coach=coach)
    assert coaching.status == Coaching.Status.INVITED
    page = _text(client.get(reverse("coaching:coaching")))
    assert "Waiting for a coach" in page and "Withdraw" in page


@pytest.mark.parametrize(
    ("email", "message"),
    [("nobody@example.com", "No approved coach uses that email"), ("not an email", "Enter a valid email address")],
)
def test_inviting_a_coach_with_a_bad_address_says_so_at_the_field(client, user, email, message):
    client.force_login(user)

    response = client.post(reverse("coaching:coaching-invite"), {"invite-email": email})

    assert response.status_code == 400
    text = _text(response)
    assert message in text
    # Crispy puts the message under the field, in the element the input points at.
    assert re.search(r'id="error_1_id_invite-email"[^>]*>\s*<strong>' + re.escape(message), text)
    assert not Coaching.objects.exists()


def test_inviting_yourself_is_refused_at_the_field(client, coach):
    client.force_login(coach)

    response = client.post(reverse("coaching:coaching-invite"), {"invite-email": coach.email})

    assert response.status_code == 400
    assert "You cannot coach yourself" in _text(response)


def test_a_seeker_accepts_a_coachs_offer(client, user, coach, plan):
    offer = services.coaching_invite_client(coach=coach, email=user.email)
    client.force_login(user)
    assert "offering to coach you" in _text(client.get(reverse("coaching:coaching")))

    response = client.post(reverse("coaching:coaching-accept", args=[offer.pk]))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Coaching.Status.ACTIVE


def test_a_seeker_declines_a_coachs_offer(client, user, coach):
    offer = services.coaching_invite_client(coach=coach, email=user.email)
    client.force_login(user)

    client.post(reverse("coaching:coaching-decline", args=[offer.pk]))

    offer.refresh_from_db()
    assert offer.status == Coaching.Status.DECLINED


def test_a_seeker_cannot_accept_their_own_invitation(client, user, coach):
    request = services.coaching_invite_coach(client=user, email=coach.email)
    client.force_login(user)

    response = client.post(reverse("coaching:coaching-accept", args=[request.pk]), follow=True)

    assert "not waiting for your answer" in " ".join(_messages(response))
    request.refresh_from_db()
    assert request.status == Coaching.Status.INVITED


def test_a_code_from_the_page_or_the_link_grants_access(client, user, coach, plan):
    invitation = services.invitation_create(coach=coach)
    client.force_login(user)

    link = client.get(reverse("coaching:coaching-join-code", args=[invitation.code]))
    assert link.status_code == 200
    assert f'value="{invitation.code}"' in _text(link)
    response = client.post(reverse("coaching:coaching-join"), {"code": invitation.code})

    coaching = Coaching.objects.get(client=user, coach=coach)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#coaching-{coaching.pk}")
    assert coaching.status == Coaching.Status.ACTIVE


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("unknown", "That invitation code is not valid"),
        ("used", "That invitation code was already used"),
        ("expired", "That invitation code has expired"),
        ("blank", "This field is required"),
    ],
)
def test_a_bad_code_gets_a_clear_message_at_the_field(client, user, other_user, coach, state, message):
    invitation = services.invitation_create(coach=coach)
    code = invitation.code
    if state == "unknown":
        code = "no-such-code"
    elif state == "used":
        services.invitation_redeem(client=other_user, code=code)
    elif state == "expired":
        CoachInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    elif state == "blank":
        code = ""
    client.force_login(user)

    response = client.post(reverse("coaching:coaching-join"), {"code": code})

    assert response.status_code == 400
    text = _text(response)
    assert message in text
    # At the field: the error sits with the code input, marked invalid.
    assert re.search(r'name="code"[^>]*is-invalid|is-invalid[^>]*name="code"', text)
    assert not Coaching.objects.filter(client=user).exists()


def test_a_seeker_shares_only_the_plans_they_tick(client, user, profile, coach, coaching, plan):
    second = plan_create(owner=user, profile=profile, route_slugs=ROUTE[:2], by="time", title="Second plan")
    client.force_login(user)
    prefix = f"share-{coaching.pk}"

    response = client.post(
        reverse("coaching:coaching-share", args=[coaching.pk]),
        {f"{prefix}-share": "some", f"{prefix}-plans": [second.pk]},
    )

    assert response.status_code == 302
    coaching.refresh_from_db()
    assert not coaching.share_all
    assert list(coaching.shared_plans.all()) == [second]
    page = _text(client.get(reverse("coaching:coaching")))
    assert f'id="{prefix}-plan-{second.pk}" checked' in page
    assert f'id="{prefix}-plan-{plan.pk}" checked' not in page
    assert "Changed what is shared" in page


def test_sharing_some_plans_needs_at_least_one_ticked(client, user, coaching):
    client.force_login(user)
    prefix = f"share-{coaching.pk}"

    response = client.post(reverse("coaching:coaching-share", args=[coaching.pk]), {f"{prefix}-share": "some"})

    assert response.status_code == 400
    assert "Tick at least one plan" in _text(response)
    coaching.refresh_from_db()
    assert coaching.share_all


def test_a_seeker_cannot_share_someone_elses_plan(client, user, other_user, coaching, graph):
    stranger = Profile.objects.create(user=other_user, current_role=graph[ROUTE[0]])
    strangers_plan = plan_create(owner=other_user, profile=stranger, route_slugs=ROUTE[:2], by="time")
    client.force_login(user)
    prefix = f"share-{coaching.pk}"

    response = client.post(
        reverse("coaching:coaching-share", args=[coaching.pk]),
        {f"{prefix}-share": "some", f"{prefix}-plans": [strangers_plan.pk]},
    )

    assert response.status_code == 400
    assert not coaching.shared_plans.exists()


def test_revoking_asks_first_then_ends_access(client, user, coach, coaching, plan):
    client.force_login(user)

    confirm = client.get(reverse("coaching:coaching-revoke", args=[coaching.pk]))
    assert "End coaching with coach-carol?" in _text(confirm)
    coaching.refresh_from_db()
    assert coaching.status == Coaching.Status.ACTIVE  # asking changes nothing

    response = client.post(reverse("coaching:coaching-revoke", args=[coaching.pk]))

    assert response.status_code == 302
    coaching.refresh_from_db()
    assert coaching.status == Coaching.Status.REVOKED
    client.force_login(coach)
    assert client.get(reverse("coaching:coach-plan", args=[plan.pk])).status_code == 404
    client.force_login(user)
    page = _text(client.get(reverse("coaching:coaching")))
    assert "Ended and declined" in page and "Ended access" in page


# --- The coach's dashboard ------------------------------------------------------------------


def test_the_dashboard_shows_each_client_with_their_shared_plans(client, user, coach, coaching, plan):
    step = plan.steps.filter(status="todo").first()
    PlanStep.objects.filter(pk=step.pk).update(target_date=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(coach)

    response = client.get(reverse("coaching:coach-dashboard"))

    text = _text(response)
    assert response.status_code == 200
    assert user.username in text
    assert plan.title in text and plan.target_role.title in text
    assert reverse("coaching:coach-plan", args=[plan.pk]) in text
    assert "Needs attention" in text
    [row] = response.context["rows"]
    assert row.overdue_count == 1


def _client_with_plan(coach, graph, name, *, share=True):
    person = UserFactory(username=name)
    profile = Profile.objects.create(user=person, current_role=graph[ROUTE[0]])
    plan = plan_create(owner=person, profile=profile, route_slugs=ROUTE[:2], by="time")
    coaching = Coaching.objects.create(
        client=person, coach=coach, invited_by="client", status="active", accepted_at=timezone.now(), share_all=True
    )
    return person, plan, coaching


def test_the_dashboard_sorts_and_filters(client, coach, graph):
    late, late_plan, _ = _client_with_plan(coach, graph, "amy-late")
    fresh, fresh_plan, _ = _client_with_plan(coach, graph, "zed-fresh")
    PlanStep.objects.filter(plan=late_plan, status="todo").update(
        target_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    step = PlanStep.objects.filter(plan=fresh_plan, status="todo").first()
    PlanStep.objects.filter(pk=step.pk).update(status="done", completed_at=timezone.now())
    client.force_login(coach)

    by_name = client.get(reverse("coaching:coach-dashboard"), {"sort": "name"}).context["rows"]
    by_overdue = client.get(reverse("coaching:coach-dashboard"), {"sort": "overdue"}).context["rows"]
    by_progress = client.get(reverse("coaching:coach-dashboard"), {"sort": "progress"}).context["rows"]
    attention = client.get(reverse("coaching:coach-dashboard"), {"attention": "1"}).context["rows"]
    unknown = client.get(reverse("coaching:coach-dashboard"), {"sort": "'; drop table"})

    assert [row.client for row in by_name] == [late, fresh]
    assert [row.client for row in by_overdue] == [late, fresh]
    assert [row.client for row in by_progress] == [late, fresh]
    assert [row.client for row in attention] == [late]
    assert unknown.status_code == 200 and unknown.context["sort"] == "name"


@pytest.mark.parametrize("sort", ["name", "progress", "months", "overdue", "inactive", "next"])
def test_every_sort_works(client, coach, graph, sort):
    _client_with_plan(coach, graph, "one")
    _client_with_plan(coach, graph, "two")
    client.force_login(coach)

    response = client.get(reverse("coaching:coach-dashboard"), {"sort": sort})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 2


def test_the_dashboard_pages_by_25(client, coach):
    people = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"client-{n:02}", email=f"client-{n:02}@example.com") for n in range(27)]
    )
    Coaching.objects.bulk_create(
        Coaching(client=person, coach=coach, invited_by="client", status="active", accepted_at=timezone.now())
        for person in people
    )
    client.force_login(coach)

    first = client.get(reverse("coaching:coach-dashboard"))
    second = client.get(reverse("coaching:coach-dashboard"), {"page": 2, "sort": "name"})

    assert len(first.context["rows"]) == 25
    assert [row.client.username for row in second.context["rows"]] == ["client-25", "client-26"]
    assert "page=2" in _text(first)


def _dashboard_queries(client, coach) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("coaching:coach-dashboard")).status_code == 200
    return len(queries.captured_queries)


def test_the_dashboard_runs_as_many_queries_for_200_clients_as_for_1(
    client, coach, graph, user, profile, plan, django_assert_num_queries
):
    Coaching.objects.create(client=user, coach=coach, invited_by="client", status="active", accepted_at=timezone.now())
    client.force_login(coach)
    client.get(reverse("coaching:coach-dashboard"))  # warm the graph cache
    one = _dashboard_queries(client, coach)

    _clone_clients_with_plans(plan, coach, count=199)
    assert Coaching.objects.filter(coach=coach, status="active").count() == 200

    with django_assert_num_queries(one):
        response = client.get(reverse("coaching:coach-dashboard"), {"sort": "progress"})
    assert response.context["total"] == 200


def _clone_clients_with_plans(plan, coach, *, count):
    """Give the coach ``count`` more clients, each sharing a copy of ``plan`` (rows cloned in bulk)."""
    User = get_user_model()
    people = User.objects.bulk_create(
        [User(username=f"bulk-{n:03}", email=f"bulk-{n:03}@example.com") for n in range(count)]
    )
    now = timezone.now()
    Coaching.objects.bulk_create(
        Coaching(client=person, coach=coach, invited_by="client", status="active", accepted_at=now) for person in people
    )
    Profile.objects.bulk_create(Profile(user=person, current_role_id=plan.start_role_id) for person in people)
    plans = Plan.objects.bulk_create(
        Plan(
            owner=person,
            title=plan.title,
            start_role_id=plan.start_role_id,
            target_role_id=plan.target_role_id,
            graph_revision=plan.graph_revision,
        )
        for person in people
    )
    moves = list(PlanRole.objects.filter(plan=plan).order_by("position"))
    steps = list(PlanStep.objects.filter(plan=plan).order_by("move__position", "order"))
    new_moves = PlanRole.objects.bulk_create(
        PlanRole(plan=copy, position=move.position, role_id=move.role_id, transition_id=move.transition_id)
        for copy in plans
        for move in moves
    )
    by_plan_position = {(move.plan_id, move.position): move for move in new_moves}
    position_of = {move.pk: move.position for move in moves}
    PlanStep.objects.bulk_create(
        PlanStep(
            plan=copy,
            move=by_plan_position[(copy.pk, position_of[step.move_id])],
            transition_step_id=step.transition_step_id,
            order=step.order,
            kind=step.kind,
            title=step.title,
            months_min=step.months_min,
            months_max=step.months_max,
            status=step.status,
        )
        for copy in plans
        for step in steps
    )


def test_requests_from_clients_are_accepted_or_declined_on_the_dashboard(client, user, other_user, coach, plan):
    first = services.coaching_invite_coach(client=user, email=coach.email)
    second = services.coaching_invite_coach(client=other_user, email=coach.email)
    client.force_login(coach)
    assert "Asking you to coach them" in _text(client.get(reverse("coaching:coach-dashboard")))

    client.post(reverse("coaching:coach-request-accept", args=[first.pk]))
    client.post(reverse("coaching:coach-request-decline", args=[second.pk]))

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Coaching.Status.ACTIVE, Coaching.Status.DECLINED)


def test_a_coach_invites_a_client_by_email_without_learning_who_has_an_account(client, user, coach):
    client.force_login(coach)

    known = client.post(reverse("coaching:coach-invite"), {"invite-email": user.email}, follow=True)
    unknown = client.post(reverse("coaching:coach-invite"), {"invite-email": "nobody@example.com"}, follow=True)

    assert Coaching.objects.get(coach=coach).client == user
    assert "If a CareerPath account uses" in " ".join(_messages(known))
    assert "If a CareerPath account uses" in " ".join(_messages(unknown))


def test_a_coach_withdraws_an_offer(client, user, coach):
    offer = services.coaching_invite_client(coach=coach, email=user.email)
    client.force_login(coach)

    client.post(reverse("coaching:coach-request-decline", args=[offer.pk]))

    offer.refresh_from_db()
    assert offer.status == Coaching.Status.DECLINED


def test_a_coach_creates_codes_and_sees_them_with_a_copyable_link(client, coach):
    client.force_login(coach)

    response = client.post(reverse("coaching:coach-invitations"), follow=True)

    invitation = CoachInvitation.objects.get(coach=coach)
    link = f"http://testserver/coaching/join/{invitation.code}/"
    assert invitation.code in " ".join(_messages(response))
    assert link in _text(response)
    listing = client.get(reverse("coaching:coach-invitations"))
    assert link in _text(listing) and "Open until" in _text(listing)


# --- One client -----------------------------------------------------------------------------


def test_the_client_page_shows_shared_plans_skills_and_private_notes(client, user, profile, coach, coaching, plan):
    skill = Skill.objects.order_by("pk").first()
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)
    services.coach_note_create(coach=coach, client=user, body="Nervous about interviews")
    client.force_login(coach)

    response = client.get(reverse("coaching:coach-client", args=[user.pk]))

    text = _text(response)
    assert plan.title in text
    assert skill.name in text and "Self-rated 2 of 5" in text and "not verified" in text
    assert "Only you see these." in text
    assert "Nervous about interviews" in text


def test_a_coach_verifies_a_skill_and_both_levels_show(client, user, profile, coach, coaching):
    skill = Skill.objects.order_by("pk").first()
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)
    client.force_login(coach)

    response = client.post(
        reverse("coaching:coach-skill-verify", args=[user.pk, skill.pk]), {f"skill-{skill.pk}-level": "4"}, follow=True
    )

    row = ProfileSkill.objects.get(profile=profile, skill=skill)
    assert (row.level, row.verified_level, row.verified_by) == (2, 4, coach)
    assert "Self-rated 2 of 5" in _text(response) and "verified 4 of 5" in _text(response)
    client.force_login(user)
    mine = _text(client.get(reverse("coaching:coaching")))
    assert skill.name in mine and "You rated 2 of 5" in mine and "verified 4 of 5" in mine


def test_verifying_a_bad_level_or_an_unrated_skill_is_refused(client, user, profile, coach, coaching):
    skill, unrated = Skill.objects.order_by("pk")[:2]
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)
    client.force_login(coach)

    bad = client.post(
        reverse("coaching:coach-skill-verify", args=[user.pk, skill.pk]), {f"skill-{skill.pk}-level": "9"}, follow=True
    )
    missing = client.post(reverse("coaching:coach-skill-verify", args=[user.pk, unrated.pk]), {"level": "3"})

    assert "Select a valid choice" in " ".join(_messages(bad))
    assert missing.status_code == 404
    assert ProfileSkill.objects.get(profile=profile, skill=skill).verified_level is None


def test_private_notes_are_created_and_deleted_and_never_shown_to_the_client(client, user, coach, coaching, plan):
    client.force_login(coach)

    client.post(reverse("coaching:coach-note-create", args=[user.pk]), {"body": "Ask about the night shift"})
    empty = client.post(reverse("coaching:coach-note-create", args=[user.pk]), {"body": "  "})

    note = CoachNote.objects.get(coach=coach, client=user)
    assert empty.status_code == 400 and "Write something first" in _text(empty)
    client.force_login(user)
    for url in (plan.get_absolute_url(), reverse("coaching:coaching"), reverse("coaching:notifications")):
        assert "night shift" not in _text(client.get(url))
    client.force_login(coach)
    client.post(reverse("coaching:coach-note-delete", args=[user.pk, note.pk]))
    assert not CoachNote.objects.exists()


def test_a_coach_ends_a_coaching_from_the_client_page(client, user, coach, coaching):
    client.force_login(coach)

    client.post(reverse("coaching:coach-client-end", args=[user.pk]))

    coaching.refresh_from_db()
    assert coaching.status == Coaching.Status.REVOKED
    assert client.get(reverse("coaching:coach-client", args=[user.pk])).status_code == 404


# --- The coach's plan page ------------------------------------------------------------------


def test_the_coach_sees_the_plan_read_only(client, user, coach, coaching, plan):
    client.force_login(coach)

    response = client.get(reverse("coaching:coach-plan", args=[plan.pk]))

    text = _text(response)
    assert response.status_code == 200
    assert plan.title in text and "Read-only" in text
    for step in plan.steps.all()[:5]:
        assert step.title in text
    # The coach gets no step form: no address that changes a step is on the page.
    assert f"/plans/{plan.pk}/steps/" not in text
    assert f"/plans/{plan.pk}/rename/" not in text and f"/plans/{plan.pk}/delete/" not in text
    assert "Suggest a change" in text and "Review the plan" in text
    assert "Next best step" in text


def test_a_coach_comments_on_a_step_replies_edits_and_deletes(client, user, coach, coaching, plan):
    step = plan.steps.first()
    client.force_login(coach)

    response = client.post(
        reverse("coaching:coach-comment-create", args=[plan.pk]), {"body": "Book this one soon", "step": step.pk}
    )

    comment = Comment.objects.get(plan=plan)
    assert comment.step == step and comment.author == coach
    assert response["Location"] == f"/coach/plans/{plan.pk}/#comment-{comment.pk}"
    page = _text(client.get(reverse("coaching:coach-plan", args=[plan.pk])))
    assert "Book this one soon" in page and f'id="comment-{comment.pk}"' in page

    client.post(
        reverse("coaching:coach-comment-update", args=[plan.pk, comment.pk]), {f"edit-{comment.pk}-body": "Book it now"}
    )
    comment.refresh_from_db()
    assert comment.body == "Book it now" and comment.edited_at

    client.post(reverse("coaching:coach-comment-delete", args=[plan.pk, comment.pk]))
    comment.refresh_from_db()
    assert comment.is_deleted
    assert "This comment was deleted." in _text(client.get(reverse("coaching:coach-plan", args=[plan.pk])))


def test_a_coach_cannot_edit_or_delete_the_clients_comment(client, user, coach, coaching, plan):
    theirs = services.comment_create(plan=plan, author=user, body="Mine")
    client.force_login(coach)

    client.post(reverse("coaching:coach-comment-update", args=[plan.pk, theirs.pk]), {f"edit-{theirs.pk}-body": "X"})
    client.post(reverse("coaching:coach-comment-delete", args=[plan.pk, theirs.pk]))

    theirs.refresh_from_db()
    assert theirs.body == "Mine" and not theirs.is_deleted


def test_a_comment_for_a_step_or_parent_of_another_plan_is_refused(client, user, profile, coach, coaching, plan):
    other_plan = plan_create(owner=user, profile=profile, route_slugs=ROUTE[:2], by="time")
    foreign = services.comment_create(plan=other_plan, author=user, body="Elsewhere")
    client.force_login(coach)

    step = client.post(
        reverse("coaching:coach-comment-create", args=[plan.pk]), {"body": "Hi", "step": other_plan.steps.first().pk}
    )
    parent = client.post(reverse("coaching:coach-comment-create", args=[plan.pk]), {"body": "Hi", "parent": foreign.pk})
    empty = client.post(reverse("coaching:coach-comment-create", args=[plan.pk]), {"body": " "}, follow=True)

    assert step.status_code == parent.status_code == 302
    assert Comment.objects.filter(plan=plan).count() == 0
    assert "Your comment was not saved" in " ".join(_messages(empty))


def _suggest(client, plan, **fields):
    data = {f"suggest-{name}": value for name, value in fields.items()}
    return client.post(reverse("coaching:coach-suggestion-create", args=[plan.pk]), data)


def _offered_routes(plan):
    return [choice for choice in SuggestionForm(plan=plan).fields["route"].choices if choice[0]]


def test_a_coach_picks_another_route_by_the_names_of_its_roles(client, coach, coaching, plan):
    client.force_login(coach)

    offered = _offered_routes(plan)
    page = client.get(reverse("coaching:coach-plan", args=[plan.pk])).content.decode()

    current = ",".join(plan.route_roles.order_by("position").values_list("role__slug", flat=True))
    assert offered and current not in [value for value, _ in offered]
    assert all(label.startswith("Customer Service Representative → ") for _, label in offered)
    assert f'<option value="{offered[0][0]}">' in page
    assert "Role slugs" not in page


def test_a_coach_suggests_a_step_a_date_and_a_route(client, user, coach, coaching, plan):
    move = PlanRole.objects.get(plan=plan, position=2)
    step = plan.steps.first()
    date = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    client.force_login(coach)

    route = _offered_routes(plan)[0][0]
    responses = [
        _suggest(client, plan, kind="add_step", move=move.pk, title="Lead a huddle", step_kind="action", message="Try"),
        _suggest(client, plan, kind="date", step=step.pk, target_date=date),
        _suggest(client, plan, kind="route", route=route),
    ]

    assert [response.status_code for response in responses] == [302, 302, 302]
    kinds = dict(Suggestion.objects.filter(plan=plan).values_list("kind", "status"))
    assert kinds == {"add_step": "pending", "date": "pending", "route": "pending"}
    assert Suggestion.objects.get(kind="route").route == route
    page = _text(client.get(reverse("coaching:coach-plan", args=[plan.pk])))
    assert "Lead a huddle" in page and "Waiting for the client" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "add_step", "title": "X", "step_kind": "action"}, "Choose the move the step belongs to"),
        ({"kind": "add_step", "step_kind": "action"}, "Say what the step is"),
        ({"kind": "date"}, "Give the new date"),
        ({"kind": "date", "target_date": "2001-01-01"}, "Pick a date from today on"),
        ({"kind": "route", "route": "customer-service-representative, astronaut"}, "no longer among those on offer"),
        ({"kind": "route"}, "Choose the route"),
        ({}, "This field is required"),
    ],
)
def test_a_bad_suggestion_gets_a_message_at_the_field(client, coach, coaching, plan, fields, message):
    client.force_login(coach)

    response = _suggest(client, plan, **fields)

    assert response.status_code == 400
    assert message in _text(response)
    assert not Suggestion.objects.exists()


def test_a_coach_reviews_the_plan(client, user, coach, coaching, plan):
    client.force_login(coach)

    response = client.post(
        reverse("coaching:coach-review-create", args=[plan.pk]),
        {"review-verdict": "good", "review-message": "Solid route"},
    )
    bad = client.post(reverse("coaching:coach-review-create", args=[plan.pk]), {"review-verdict": "meh"})

    assert response.status_code == 302
    assert Review.objects.get(plan=plan).verdict == "good"
    assert bad.status_code == 400 and "Select a valid choice" in _text(bad)


def test_the_coach_plan_page_does_not_grow_with_comments_or_steps(
    client, user, coach, coaching, plan, django_assert_num_queries
):
    client.force_login(coach)
    step = plan.steps.first()
    services.comment_create(plan=plan, author=coach, body="One", step=step)
    services.comment_create(plan=plan, author=coach, body="Plan-wide")
    services.review_create(plan=plan, author=coach, verdict="good")
    services.suggestion_create(plan=plan, author=coach, kind="date", step=step, target_date=timezone.localdate())
    url = reverse("coaching:coach-plan", args=[plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)

    move = PlanRole.objects.get(plan=plan, position=1)
    PlanStep.objects.bulk_create(
        PlanStep(plan=plan, move=move, order=100 + n, kind="action", title=f"Extra {n}") for n in range(40)
    )
    for n, extra in enumerate(plan.steps.filter(order__gte=100)):
        first = services.comment_create(plan=plan, author=coach, body=f"About {n}", step=extra)
        services.comment_create(plan=plan, author=user, body=f"Reply {n}", parent=first)
        services.comment_create(plan=plan, author=UserFactory(), body=f"Plan-wide {n}")
        services.review_create(plan=plan, author=coach, verdict="changes")
        services.suggestion_create(plan=plan, author=coach, kind="date", step=extra, target_date=timezone.localdate())

    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_owner_plan_page_stays_bounded_with_comments(
    client, user, coach, coaching, plan, django_assert_num_queries
):
    client.force_login(user)
    url = plan.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as bare:
        client.get(url)

    for n, step in enumerate(plan.steps.all()[:10]):
        first = services.comment_create(plan=plan, author=coach, body=f"About {n}", step=step)
        services.comment_create(plan=plan, author=user, body=f"Reply {n}", parent=first)
        services.suggestion_create(plan=plan, author=coach, kind="date", step=step, target_date=timezone.localdate())
    services.review_create(plan=plan, author=coach, verdict="good")

    with django_assert_num_queries(len(bare.captured_queries)):
        assert client.get(url).status_code == 200


# --- The owner's side of comments, suggestions and reviews ----------------------------------


def test_the_owner_sees_threads_suggestions_and_reviews_on_their_plan(client, user, coach, coaching, plan):
    step = plan.steps.first()
    comment = services.comment_create(plan=plan, author=coach, body="Book this soon", step=step)
    plan_wide = services.comment_create(plan=plan, author=coach, body="Nice overall")
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="date", step=step, target_date=timezone.localdate()
    )
    services.review_create(plan=plan, author=coach, verdict="changes", message="Add dates")
    client.force_login(user)

    text = _text(client.get(plan.get_absolute_url()))

    assert f'id="comment-{comment.pk}"' in text and "Book this soon" in text
    assert f'id="comment-{plan_wide.pk}"' in text
    assert f'id="suggestion-{suggestion.pk}"' in text and "Waiting for you" in text
    assert 'id="reviews"' in text and "Needs changes" in text and "Add dates" in text
    assert "Your coach suggested changes" in text
    assert reverse("coaching:plan-suggestion-accept", args=[plan.pk, suggestion.pk]) in text


def test_the_owner_replies_edits_and_deletes_on_their_own_plan(client, user, coach, coaching, plan):
    comment = services.comment_create(plan=plan, author=coach, body="Book this soon", step=plan.steps.first())
    client.force_login(user)

    response = client.post(
        reverse("coaching:plan-comment-create", args=[plan.pk]), {"body": "Will do", "parent": comment.pk}
    )

    reply = Comment.objects.get(parent=comment)
    assert reply.author == user and reply.step == comment.step
    assert response["Location"] == f"{plan.get_absolute_url()}#comment-{reply.pk}"
    assert Notification.objects.filter(recipient=coach, kind="comment").exists()
    client.post(reverse("coaching:plan-comment-update", args=[plan.pk, reply.pk]), {f"edit-{reply.pk}-body": "Done"})
    reply.refresh_from_db()
    assert reply.body == "Done"
    client.post(reverse("coaching:plan-comment-delete", args=[plan.pk, comment.pk]))  # the coach's: refused
    comment.refresh_from_db()
    assert not comment.is_deleted
    client.post(reverse("coaching:plan-comment-delete", args=[plan.pk, reply.pk]))
    reply.refresh_from_db()
    assert reply.is_deleted


def test_the_owner_accepts_a_step_suggestion_and_sees_the_step(client, user, coach, coaching, plan):
    move = PlanRole.objects.get(plan=plan, position=1)
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="add_step", move=move, title="Shadow a team lead", step_kind="action"
    )
    client.force_login(user)

    response = client.post(reverse("coaching:plan-suggestion-accept", args=[plan.pk, suggestion.pk]), follow=True)

    step = PlanStep.objects.get(plan=plan, title="Shadow a team lead")
    assert step.added_by == coach
    assert "Added “Shadow a team lead” to your plan." in _text(response)
    assert f'id="step-{step.pk}"' in _text(response)
    assert Suggestion.objects.get(pk=suggestion.pk).status == "accepted"


def test_the_owner_accepts_a_route_suggestion(client, user, coach, coaching, plan):
    route = [
        "customer-service-representative",
        "customer-service-senior-associate",
        "customer-service-supervisor",
        "customer-service-manager",
    ]
    suggestion = services.suggestion_create(plan=plan, author=coach, kind="route", route=route)
    client.force_login(user)

    client.post(reverse("coaching:plan-suggestion-accept", args=[plan.pk, suggestion.pk]))

    live = PlanRole.objects.filter(plan=plan, retired_at__isnull=True).order_by("position")
    assert [plan_role.role.slug for plan_role in live] == route


def test_the_owner_declines_a_suggestion(client, user, coach, coaching, plan):
    step = plan.steps.first()
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="date", step=step, target_date=timezone.localdate()
    )
    client.force_login(user)

    client.post(reverse("coaching:plan-suggestion-decline", args=[plan.pk, suggestion.pk]))
    again = client.post(reverse("coaching:plan-suggestion-accept", args=[plan.pk, suggestion.pk]), follow=True)

    step.refresh_from_db()
    assert step.target_date is None
    assert "already answered" in " ".join(_messages(again))


def test_a_suggestion_of_another_plan_is_not_found(client, user, profile, coach, coaching, plan):
    other_plan = plan_create(owner=user, profile=profile, route_slugs=ROUTE[:2], by="time")
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="date", step=plan.steps.first(), target_date=timezone.localdate()
    )
    client.force_login(user)

    response = client.post(reverse("coaching:plan-suggestion-accept", args=[other_plan.pk, suggestion.pk]))

    assert response.status_code == 404


def test_a_revoked_coachs_comments_stay_visible_to_the_client(client, user, coach, coaching, plan):
    services.comment_create(plan=plan, author=coach, body="Advice that stays", step=plan.steps.first())
    services.coaching_revoke(coaching=coaching, by=user)
    client.force_login(user)

    assert "Advice that stays" in _text(client.get(plan.get_absolute_url()))


# --- Notifications --------------------------------------------------------------------------


def test_the_navigation_shows_the_unread_count_and_the_coach_link(client, user, coach, coaching, plan):
    services.comment_create(plan=plan, author=coach, body="One")
    services.review_create(plan=plan, author=coach, verdict="good")
    client.force_login(user)

    page = _text(client.get(reverse("planner:plan-list")))
    assert re.search(r'data-testid="unread-count">3<', page)  # with the accepted invitation
    assert 'href="/coaching/"' in page and 'href="/coach/"' not in page

    client.force_login(coach)
    assert 'href="/coach/"' in _text(client.get(reverse("planner:plan-list")))


def test_the_navigation_costs_one_query(client, user, coach, coaching, plan):

    services.comment_create(plan=plan, author=coach, body="One")
    facts = NavFacts(user)
    with CaptureQueriesContext(connection) as queries:
        assert (facts.unread, facts.is_coach, facts.unread) == (2, False, 2)  # with the accepted invitation
    assert len(queries.captured_queries) == 1
    coach_facts = NavFacts(coach)
    # approval, the client's invitation, then their sharing
    assert (coach_facts.unread, coach_facts.is_coach) == (3, True)


def test_anonymous_visitors_get_no_count_and_no_query(client, db, django_assert_num_queries):

    with django_assert_num_queries(0):
        assert NavFacts(AnonymousUser()).unread == 0
    assert "unread-count" not in _text(client.get("/"))


def test_notifications_are_listed_opened_and_marked_read(client, user, coach, coaching, plan):
    comment = services.comment_create(plan=plan, author=coach, body="One")
    services.review_create(plan=plan, author=coach, verdict="good")
    notification = Notification.objects.get(recipient=user, kind="comment")
    client.force_login(user)

    listing = client.get(reverse("coaching:notifications"))
    assert "commented" in _text(listing) and "Mark all as read" in _text(listing)

    open_url = reverse("coaching:notification-open", args=[notification.pk])
    assert f'<form method="post" action="{open_url}"' in listing.content.decode()
    opened = client.post(open_url)
    assert opened["Location"] == f"{plan.get_absolute_url()}#comment-{comment.pk}"
    notification.refresh_from_db()
    assert notification.read_at is not None

    client.post(reverse("coaching:notifications-read"))
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found(client, user, other_user, coach, coaching, plan):
    services.comment_create(plan=plan, author=coach, body="One")
    notification = Notification.objects.get(recipient=user, kind="comment")
    client.force_login(other_user)

    assert client.get(reverse("coaching:notification-open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("coaching:notification-open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_notification_never_redirects_off_site(client, user):
    notification = Notification.objects.create(recipient=user, kind="comment", text="x", url="https://evil.example/")
    client.force_login(user)

    response = client.post(reverse("coaching:notification-open", args=[notification.pk]))

    assert response["Location"] == reverse("coaching:notifications")


# --- Admin ----------------------------------------------------------------------------------


def test_staff_approve_and_reject_applications_in_the_admin(client, staff_user, user, other_user):
    first = services.coach_apply(user=user, bio="A")
    second = services.coach_apply(user=other_user, bio="B")
    client.force_login(staff_user)
    url = reverse("admin:coaching_coach_changelist")

    assert client.get(url, {"status__exact": "applied"}).status_code == 200
    client.post(url, {"action": "approve", "_selected_action": [first.pk]})
    client.post(url, {"action": "reject", "_selected_action": [second.pk]})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.decided_by) == ("approved", staff_user)
    assert second.status == "rejected"


def test_staff_make_a_coach_from_the_users_list(client, staff_user, user):
    client.force_login(staff_user)

    client.post(reverse("admin:auth_user_changelist"), {"action": "make_coaches", "_selected_action": [user.pk]})

    assert services.user_is_coach(user)


def test_staff_add_a_coach_with_the_add_form(client, staff_user, user):
    client.force_login(staff_user)

    response = client.post(
        reverse("admin:coaching_coach_add"), {"user": user.pk, "status": "approved", "bio": "Made by staff"}
    )

    assert response.status_code == 302
    coach = Coach.objects.get(user=user)
    assert coach.is_approved and coach.decided_by == staff_user


@pytest.mark.parametrize(
    "name", ["coach", "coaching", "coachinvitation", "comment", "suggestion", "review", "notification"]
)
def test_the_coaching_admin_pages_open(client, staff_user, coach, coaching, plan, name):
    services.comment_create(plan=plan, author=coach, body="One")
    services.review_create(plan=plan, author=coach, verdict="good")
    services.suggestion_create(
        plan=plan, author=coach, kind="date", step=plan.steps.first(), target_date=timezone.localdate()
    )
    services.invitation_create(coach=coach)
    client.force_login(staff_user)

    changelist = client.get(reverse(f"admin:coaching_{name}_changelist"))
    model = changelist.context["cl"].model
    detail = client.get(reverse(f"admin:coaching_{name}_change", args=[model.objects.first().pk]))

    assert changelist.status_code == detail.status_code == 200


def test_a_coaching_and_its_consent_record_are_read_only_in_the_admin(client, staff_user, coaching):
    client.force_login(staff_user)

    page = client.get(reverse("admin:coaching_coaching_change", args=[coaching.pk]))
    client.post(reverse("admin:coaching_coaching_change", args=[coaching.pk]), {"status": "revoked"})

    assert "Accepted" in _text(page)
    assert 'name="status"' not in _text(page)
    coaching.refresh_from_db()
    assert coaching.status == "active"
    assert client.get(reverse("admin:coaching_coaching_add")).status_code == 403


def test_a_plan_id_beyond_64_bits_in_the_share_form_is_refused_at_the_field(client, user, coaching):
    client.force_login(user)

    prefix = f"share-{coaching.pk}"
    data = {f"{prefix}-share": "some", f"{prefix}-plans": ["9" * 30]}

    response = client.post(reverse("coaching:coaching-share", args=[coaching.pk]), data)

    assert response.status_code == 400
    assert "is not a valid value" in response.content.decode()


def test_coaching_shares_nothing_until_the_client_chooses(client, user, coach, plan):
    relation = services.coaching_accept(
        coaching=services.coaching_invite_coach(client=user, email=coach.email), by=coach
    )
    client.force_login(coach)

    client_page = _text(client.get(reverse("coaching:coach-client", args=[user.pk])))
    plan_page = client.get(reverse("coaching:coach-plan", args=[plan.pk]))

    assert "nothing shared yet" in client_page
    assert plan_page.status_code == 404
    client.force_login(user)
    card = _text(client.get(reverse("coaching:coaching")))
    assert 'data-testid="nothing-shared"' in card
    assert f'id="share-{relation.pk}-all" checked' not in card and f'id="share-{relation.pk}-some" checked' not in card


def test_the_dashboard_agrees_its_verb_with_the_count(client, coach, graph):
    late, late_plan, _ = _client_with_plan(coach, graph, "amy-late")
    PlanStep.objects.filter(plan=late_plan, status="todo").update(
        target_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(coach)

    page = _text(client.get(reverse("coaching:coach-dashboard"), {"attention": "1"}))

    assert "1 of 1 client needs attention" in page


# --- In Spanish -----------------------------------------------------------------------------


def _in_spanish(client) -> None:
    client.cookies["django_language"] = "es"


def test_the_clients_coaching_page_reads_in_spanish(client, user, coach, coaching):
    _in_spanish(client)
    client.force_login(user)

    response = client.get(reverse("coaching:coaching"))

    text = _text(response)
    assert response.headers["Content-Language"] == "es"
    assert "Tus orientadores" in text and "Registro del consentimiento" in text
    assert "Invitación enviada" in text and "Aceptada" in text  # the record's choice labels
    assert "¿Tienes un código de invitación?" in text and "Código de invitación" in text  # the form's label
    assert "Your coaches" not in text and "Record of consent" not in text


def test_the_coachs_pages_read_in_spanish(client, user, coach, coaching, plan):
    services.comment_create(plan=plan, author=coach, body="Good start.")
    _in_spanish(client)
    client.force_login(coach)

    dashboard = _text(client.get(reverse("coaching:coach-dashboard")))

    assert "Tus clientes" in dashboard and "1 cliente activo." in dashboard
    assert "Códigos de invitación" in dashboard and "Menos avance primero" in dashboard
    # The role graph's text stays as written, marked as English.
    assert f'hacia <span lang="en">{plan.target_role.title}</span>' in dashboard
    assert "Your clients" not in dashboard and "active client" not in dashboard

    client_page = _text(client.get(reverse("coaching:coach-client", args=[user.pk])))

    assert "Planes compartidos" in client_page and "Notas privadas" in client_page
    assert "Nueva nota privada" in client_page  # the form's label

    plan_page = _text(client.get(reverse("coaching:coach-plan", args=[plan.pk])))

    assert "Sugerir un cambio" in plan_page and "Valorar el plan" in plan_page
    assert "Comentarios sobre todo el plan" in plan_page and "Comentario de coach-carol" in plan_page
    assert "Tomar otra ruta" in plan_page and "Va bien" in plan_page  # choice labels
    assert "Good start." in plan_page  # what people wrote stays as written
    assert "Suggest a change" not in plan_page and "Comments on the whole plan" not in plan_page


def test_notifications_and_their_emails_are_written_in_the_recipients_language(
    client, user, coach, plan, mailoutbox, django_capture_on_commit_callbacks
):
    """A coach who never chose a language is written to in English, whatever the client reads in."""
    _in_spanish(client)
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("coaching:coaching-invite"), {"invite-email": coach.email})

    notification = Notification.objects.filter(recipient=coach).first()
    assert notification.text == f"{user.get_username()} asked you to be their coach."
    assert mailoutbox[-1].subject == f"CareerPath: {user.get_username()} asked you to be their coach."
    assert any("Invitación enviada a" in message for message in _messages(client.get(reverse("coaching:coaching"))))


def test_a_person_who_chose_spanish_is_written_to_in_spanish(
    client, user, coach, plan, mailoutbox, django_capture_on_commit_callbacks
):
    coach_client = Client()
    coach_client.force_login(coach)
    coach_client.post(reverse("set_language"), {"language": "es", "next": "/"})
    client.force_login(user)  # the client reads in English

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("coaching:coaching-invite"), {"invite-email": coach.email})

    notification = Notification.objects.filter(recipient=coach).first()
    assert notification.text != f"{user.get_username()} asked you to be their coach."
    assert user.get_username() in notification.text
    assert mailoutbox[-1].subject.startswith("CareerPath: ")
    assert mailoutbox[-1].subject != f"CareerPath: {user.get_username()} asked you to be their coach."
