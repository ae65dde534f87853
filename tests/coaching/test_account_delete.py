"""
Deleting an account: a seeker, a coach, a coach with clients.

What is the person's alone goes with them; what a coach wrote on a client's plan and the record of
their coaching stay with the client, attributed to "a former coach".
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from coaching import services
from coaching.models import Coach, Coaching, CoachNote, Comment, ConsentEvent, Notification, Review, Suggestion
from planner.models import Plan, PlanStep, Profile, ProfileSkill
from planner.services import plan_move_to_bin
from roles.models import Skill

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


def delete_account(client, person, password=PASSWORD, confirm=True):
    client.force_login(person)
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("account-delete"), data)


def test_the_page_says_what_goes_and_what_stays(client, user, coaching, plan):
    client.force_login(user)

    text = client.get(reverse("account-delete")).content.decode()

    assert "1 plan," in text and "deleted at once" in text
    assert "Your 1 coaching ends at once" in text
    assert "cannot be undone" in text
    assert reverse("planner:data-export") in text


def test_the_wrong_password_deletes_nothing(client, user, plan):
    response = delete_account(client, user, password="not my password")

    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_without_the_confirmation_box_nothing_is_deleted(client, user, plan):
    response = delete_account(client, user, confirm=False)

    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_a_seeker_deletes_their_account_with_their_profile_and_plans_the_bin_too(client, user, profile, plan):
    binned = plan_move_to_bin(plan=plan)

    response = delete_account(client, user)

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not Plan.with_bin.filter(pk=binned.pk).exists()
    assert not PlanStep.objects.exists()
    # The session ended, and the person cannot log in again.
    assert client.get(reverse("planner:plan-list")).status_code == 302
    assert not _can_log_in(client, user.username)


def test_a_client_who_leaves_takes_the_coaching_and_the_coach_is_told(client, user, coach, coaching, plan):
    services.coach_note_create(coach=coach, client=user, body="Private to the coach")

    delete_account(client, user)

    assert not Coaching.objects.filter(pk=coaching.pk).exists()
    assert not ConsentEvent.objects.filter(coaching_id=coaching.pk).exists()
    assert not CoachNote.objects.exists()
    assert Notification.objects.filter(recipient=coach, text__contains="deleted their account").exists()


def test_a_coach_without_clients_deletes_their_account(client, coach):
    services.invitation_create(coach=coach)

    delete_account(client, coach)

    assert not get_user_model().objects.filter(pk=coach.pk).exists()
    assert not Coach.objects.exists()
    assert not _can_log_in(client, coach.username)


@pytest.fixture
def coached(user, coach, coaching, plan, profile):
    """A coach who commented, suggested, reviewed, verified a skill and took notes on their client."""
    step = plan.steps.first()
    comment = services.comment_create(plan=plan, author=coach, body="Well done", step=step)
    reply = services.comment_create(plan=plan, author=user, body="Thanks", parent=comment)
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="add_step", move=step.move, title="Read X", step_kind="skill"
    )
    review = services.review_create(plan=plan, author=coach, verdict="good", message="Solid")
    skill = Skill.objects.order_by("pk").first()
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)
    services.skill_verify(coach=coach, client=user, skill=skill, level=4)
    services.coach_note_create(coach=coach, client=user, body="Private")
    return {"comment": comment, "reply": reply, "suggestion": suggestion, "review": review, "skill": skill}


def test_a_coach_with_clients_leaves_the_clients_history_and_comments_in_place(client, user, coach, coaching, coached):
    events_before = ConsentEvent.objects.filter(coaching=coaching).count()

    delete_account(client, coach)

    coaching.refresh_from_db()
    assert coaching.coach is None
    assert coaching.status == Coaching.Status.REVOKED
    record = ConsentEvent.objects.filter(coaching=coaching)
    assert record.count() == events_before + 1
    assert record.first().detail == "The coach deleted their account."
    comment = Comment.objects.get(pk=coached["comment"].pk)
    assert comment.author is None and comment.body == "Well done"
    assert Comment.objects.filter(pk=coached["reply"].pk, parent=comment).exists()
    assert Suggestion.objects.get(pk=coached["suggestion"].pk).author is None
    assert Review.objects.get(pk=coached["review"].pk).author is None
    verified = ProfileSkill.objects.get(skill=coached["skill"])
    assert verified.verified_level == 4 and verified.verified_by is None
    assert not CoachNote.objects.exists()
    assert Notification.objects.filter(recipient=user, text__contains="deleted their account").exists()


def test_the_client_reads_and_answers_what_a_former_coach_wrote(client, user, coaching, coach, coached, plan):
    delete_account(client, coach)
    client.force_login(user)

    page = client.get(plan.get_absolute_url()).content.decode()
    record = client.get(reverse("coaching:coaching")).content.decode()

    assert "Well done" in page and "a former coach" in page
    assert "a former coach" in record
    response = client.post(reverse("coaching:plan-suggestion-accept", args=[plan.pk, coached["suggestion"].pk]))
    assert response.status_code == 302
    assert PlanStep.objects.filter(
        plan=plan, title="Read X", description__startswith="Suggested by a former coach"
    ).exists()
    reply = client.post(
        reverse("coaching:plan-comment-create", args=[plan.pk]), {"body": "Noted", "parent": coached["comment"].pk}
    )
    assert reply.status_code == 302
    data = json.loads(client.get(reverse("planner:data-export")).content)
    assert data["coaching"][0]["coach"] == "a former coach"
    assert {row["author"] for row in data["comments_received"]} == {"a former coach"}


def _can_log_in(client, username: str) -> bool:
    """Log in through the login page (the lock-out backend wants the request), and say whether it worked."""
    client.post(reverse("login"), {"username": username, "password": PASSWORD})
    return "_auth_user_id" in client.session
