"""The coaching services: becoming a coach, consent, and working on a shared plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from coaching import services
from coaching.access import coaching_get_for_coach, plan_get_for_coach
from coaching.models import Coach, Coaching, CoachInvitation, CoachNote, Comment, ConsentEvent, Notification, Suggestion
from coaching.services import coach_make, coaching_share, comment_create, invitation_create, invitation_redeem
from planner.models import PlanRole, PlanStep, Profile, ProfileSkill
from planner.selectors import person_from_profile
from planner.services import plan_create, plan_reroute
from roles.models import Skill
from tests.factories import UserFactory
from tests.planner.conftest import ROUTE


def _actions(coaching):
    return list(coaching.events.order_by("created_at", "id").values_list("action", flat=True))


def _move(plan, position=1):
    return PlanRole.objects.get(plan=plan, position=position, retired_at__isnull=True)


# --- Becoming a coach ---------------------------------------------------------------------


def test_applying_makes_an_application_that_staff_approve(user, staff_user):
    application = services.coach_apply(user=user, bio="Ten years leading contact centres.")

    assert application.status == Coach.Status.APPLIED
    assert not services.user_is_coach(user)

    services.coach_decide(coach=application, approve=True, by=staff_user)

    application.refresh_from_db()
    assert application.is_approved
    assert application.decided_by == staff_user
    assert application.decided_at is not None
    assert services.user_is_coach(user)


def test_a_rejected_person_may_apply_again(user, staff_user):
    application = services.coach_apply(user=user, bio="First try")
    services.coach_decide(coach=application, approve=False, by=staff_user)
    assert not services.user_is_coach(user)

    again = services.coach_apply(user=user, bio="With more about my experience")

    assert again.pk == application.pk
    assert again.status == Coach.Status.APPLIED
    assert again.decided_by is None
    assert again.bio == "With more about my experience"


def test_an_approved_coach_cannot_apply_again(coach):
    with pytest.raises(ValidationError, match="already a coach"):
        services.coach_apply(user=coach, bio="Again")


def test_staff_make_a_person_a_coach_without_an_application(user, staff_user):
    coach = services.coach_make(user=user, by=staff_user)

    assert coach.is_approved
    assert coach.decided_by == staff_user


# --- Consent ------------------------------------------------------------------------------


def test_a_seeker_invites_a_coach_by_email_and_the_coach_accepts(
    user, coach, plan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coaching = services.coaching_invite_coach(client=user, email=coach.email.upper())

    assert coaching.status == Coaching.Status.INVITED
    assert coaching.invited_by == Coaching.Side.CLIENT
    with pytest.raises(Http404):
        plan_get_for_coach(user=coach, plan_id=plan.pk)
    assert Notification.objects.filter(recipient=coach, text__contains="asked you to be their coach").count() == 1
    assert [message.to for message in mailoutbox] == [[coach.email]]

    services.coaching_accept(coaching=coaching, by=coach)

    coaching.refresh_from_db()
    assert coaching.status == Coaching.Status.ACTIVE
    assert not coaching.share_all, "accepting shares nothing: the client chooses"
    with pytest.raises(Http404):
        plan_get_for_coach(user=coach, plan_id=plan.pk)
    assert _actions(coaching) == ["invited", "accepted"]
    assert Notification.objects.filter(recipient=user, kind="coaching").count() == 1

    services.coaching_share(coaching=coaching, by=user, share_all=True, plans=[])

    assert plan_get_for_coach(user=coach, plan_id=plan.pk) == plan
    assert Notification.objects.filter(recipient=coach, text__contains="now shares all their plans").count() == 1


def test_only_the_invited_side_accepts(user, coach):
    coaching = services.coaching_invite_coach(client=user, email=coach.email)

    with pytest.raises(ValidationError, match="not waiting for your answer"):
        services.coaching_accept(coaching=coaching, by=user)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.com", "No approved coach uses that email"),
        ("", "No approved coach uses that email"),
    ],
)
def test_inviting_an_unknown_address_says_so_at_the_field(user, email, message):
    with pytest.raises(ValidationError) as error:
        services.coaching_invite_coach(client=user, email=email)

    assert message in error.value.message_dict["email"][0]
    assert not Coaching.objects.exists()


def test_a_person_who_is_not_an_approved_coach_cannot_be_invited(user, other_user):
    services.coach_apply(user=other_user, bio="Waiting")

    with pytest.raises(ValidationError) as error:
        services.coaching_invite_coach(client=user, email=other_user.email)

    assert "email" in error.value.message_dict


def test_a_seeker_cannot_coach_themselves(coach, staff_user):
    with pytest.raises(ValidationError, match="cannot coach yourself"):
        services.coaching_invite_coach(client=coach, email=coach.email)
    with pytest.raises(ValidationError, match="cannot coach yourself"):
        services.coaching_invite_client(coach=coach, email=coach.email)
    code = services.invitation_create(coach=coach).code
    with pytest.raises(ValidationError, match="cannot coach yourself"):
        services.invitation_redeem(client=coach, code=code)
    assert not Coaching.objects.exists()


def test_a_second_open_invitation_to_the_same_coach_is_refused(user, coach):
    services.coaching_invite_coach(client=user, email=coach.email)

    with pytest.raises(ValidationError, match="already have an invitation"):
        services.coaching_invite_coach(client=user, email=coach.email)


def test_a_coach_invites_a_seeker_who_accepts(user, coach, plan):
    coaching = services.coaching_invite_client(coach=coach, email=user.email)

    assert coaching.invited_by == Coaching.Side.COACH
    assert Notification.objects.filter(recipient=user, kind="coaching").exists()
    with pytest.raises(ValidationError):
        services.coaching_accept(coaching=coaching, by=coach)

    services.coaching_accept(coaching=coaching, by=user)
    with pytest.raises(Http404):
        plan_get_for_coach(user=coach, plan_id=plan.pk)
    services.coaching_share(coaching=coaching, by=user, share_all=False, plans=[plan])

    assert plan_get_for_coach(user=coach, plan_id=plan.pk) == plan


def test_a_coach_inviting_an_unknown_address_learns_nothing(coach):
    assert services.coaching_invite_client(coach=coach, email="stranger@example.com") is None
    assert not Coaching.objects.exists()


def test_only_approved_coaches_invite_clients_or_make_codes(user, other_user):
    with pytest.raises(ValidationError, match="Only approved coaches"):
        services.coaching_invite_client(coach=user, email=other_user.email)
    with pytest.raises(ValidationError, match="Only approved coaches"):
        services.invitation_create(coach=user)


def test_declining_or_withdrawing_an_invitation_is_recorded(user, coach):
    offer = services.coaching_invite_client(coach=coach, email=user.email)
    services.coaching_decline(coaching=offer, by=user)
    request = services.coaching_invite_coach(client=user, email=coach.email)
    services.coaching_decline(coaching=request, by=user)  # the inviter withdraws

    offer.refresh_from_db()
    request.refresh_from_db()
    assert offer.status == request.status == Coaching.Status.DECLINED
    assert offer.events.filter(action="declined", actor=user).exists()
    assert request.events.filter(action="declined", actor=user).exists()
    with pytest.raises(ValidationError, match="not open"):
        services.coaching_decline(coaching=offer, by=user)


def test_an_invitation_code_grants_access_once(user, other_user, coach, plan):
    invitation = services.invitation_create(coach=coach)
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)

    coaching = services.invitation_redeem(client=user, code=f"  {invitation.code} ")

    assert coaching.status == Coaching.Status.ACTIVE
    assert _actions(coaching) == ["accepted"]
    with pytest.raises(Http404):
        plan_get_for_coach(user=coach, plan_id=plan.pk)
    invitation.refresh_from_db()
    assert invitation.used_by == user
    with pytest.raises(ValidationError) as error:
        services.invitation_redeem(client=other_user, code=invitation.code)
    assert "already used" in error.value.message_dict["code"][0]


def test_an_unknown_or_expired_code_is_refused_at_the_field(user, coach):
    invitation = services.invitation_create(coach=coach)
    CoachInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    with pytest.raises(ValidationError) as unknown:
        services.invitation_redeem(client=user, code="no-such-code")
    with pytest.raises(ValidationError) as expired:
        services.invitation_redeem(client=user, code=invitation.code)

    assert "not valid" in unknown.value.message_dict["code"][0]
    assert "expired" in expired.value.message_dict["code"][0]
    assert not Coaching.objects.exists()


def test_a_code_from_a_coach_who_stopped_coaching_is_refused(user, coach, staff_user):
    invitation = services.invitation_create(coach=coach)
    services.coach_decide(coach=coach.coach, approve=False, by=staff_user)

    with pytest.raises(ValidationError, match="no longer coaching"):
        services.invitation_redeem(client=user, code=invitation.code)


def test_revoking_ends_access_on_the_next_request(user, coach, coaching, plan):
    assert plan_get_for_coach(user=coach, plan_id=plan.pk) == plan

    services.coaching_revoke(coaching=coaching, by=user)

    with pytest.raises(Http404):
        plan_get_for_coach(user=coach, plan_id=plan.pk)
    with pytest.raises(Http404):
        coaching_get_for_coach(user=coach, client_id=user.pk)
    assert _actions(coaching) == ["invited", "accepted", "sharing", "revoked"]
    with pytest.raises(ValidationError, match="not active"):
        services.coaching_revoke(coaching=coaching, by=user)


def test_a_coach_may_end_a_coaching_too(user, coach, coaching):
    services.coaching_revoke(coaching=coaching, by=coach)

    assert coaching.events.filter(action="revoked", actor=coach).exists()


def test_a_stranger_cannot_revoke(coaching, other_user):
    with pytest.raises(ValidationError):
        services.coaching_revoke(coaching=coaching, by=other_user)


def test_sharing_some_plans_hides_the_others(user, profile, coach, coaching, plan):
    other_plan = plan_create(owner=user, profile=profile, route_slugs=ROUTE[:2], by="time", title="Second")

    services.coaching_share(coaching=coaching, by=user, share_all=False, plans=[other_plan])

    assert plan_get_for_coach(user=coach, plan_id=other_plan.pk) == other_plan
    with pytest.raises(Http404):
        plan_get_for_coach(user=coach, plan_id=plan.pk)
    event = coaching.events.filter(action="sharing").latest("pk")
    assert event.actor == user
    assert "Second" in event.detail

    services.coaching_share(coaching=coaching, by=user, share_all=True, plans=[])

    assert plan_get_for_coach(user=coach, plan_id=plan.pk) == plan
    assert list(coaching.shared_plans.all()) == []


def test_only_the_client_chooses_what_is_shared_and_only_their_plans(coaching, coach, other_user, graph):
    with pytest.raises(ValidationError, match="Only the client"):
        services.coaching_share(coaching=coaching, by=coach, share_all=True, plans=[])

    stranger_profile = Profile.objects.create(user=other_user, current_role=graph[ROUTE[0]])
    strangers_plan = plan_create(owner=other_user, profile=stranger_profile, route_slugs=ROUTE[:2], by="time")
    with pytest.raises(ValidationError, match="your own plans"):
        services.coaching_share(coaching=coaching, by=coaching.client, share_all=False, plans=[strangers_plan])


def test_sharing_after_the_end_is_refused(user, coaching):
    services.coaching_revoke(coaching=coaching, by=user)

    with pytest.raises(ValidationError, match="ended"):
        services.coaching_share(coaching=coaching, by=user, share_all=True, plans=[])


# --- Comments -----------------------------------------------------------------------------


def test_a_coach_comments_on_a_step_and_the_owner_hears_of_it(
    coach, coaching, plan, user, mailoutbox, django_capture_on_commit_callbacks
):
    step = plan.steps.first()

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(plan=plan, author=coach, body="  Book it this month?  ", step=step)

    assert comment.body == "Book it this month?"
    assert comment.step == step
    notification = Notification.objects.get(recipient=user, kind="comment")
    assert notification.url == f"/plans/{plan.pk}/#comment-{comment.pk}"
    assert step.title in notification.text
    assert mailoutbox[-1].to == [user.email]


def test_a_plan_titled_over_two_lines_still_emails_the_coach(
    coach, coaching, plan, user, mailoutbox, django_capture_on_commit_callbacks
):
    # Titles saved before line breaks were refused; an email subject is one header line.
    plan.title = "Two\nlines"
    plan.save(update_fields=["title"])

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(plan=plan, author=user, body="What do you think?")

    assert [message.to for message in mailoutbox] == [[coach.email]]
    assert mailoutbox[0].subject == f"CareerPath: {user.get_username()} commented in “Two lines”."


def test_a_reply_stays_one_level_deep_on_the_parents_step_and_tells_the_coach(coach, coaching, plan, user):
    step = plan.steps.first()
    first = services.comment_create(plan=plan, author=coach, body="Book it?", step=step)
    reply = services.comment_create(plan=plan, author=user, body="Yes", parent=first)

    deeper = services.comment_create(plan=plan, author=coach, body="Great", parent=reply)

    assert reply.parent == first and reply.step == step
    assert deeper.parent == first
    assert Notification.objects.filter(recipient=coach, kind="comment").count() == 1
    assert Notification.objects.get(recipient=coach, kind="comment").url.startswith(f"/coach/plans/{plan.pk}/")


def test_an_empty_comment_or_a_step_of_another_plan_is_refused(coach, coaching, plan, user, profile):
    other_plan = plan_create(owner=user, profile=profile, route_slugs=ROUTE[:2], by="time")

    with pytest.raises(ValidationError) as empty:
        services.comment_create(plan=plan, author=coach, body="   ")
    with pytest.raises(ValidationError, match="not on this plan"):
        services.comment_create(plan=plan, author=coach, body="Hi", step=other_plan.steps.first())

    assert "body" in empty.value.message_dict
    assert not Comment.objects.exists()


def test_authors_edit_and_delete_only_their_own_comments(coach, coaching, plan, user):
    comment = services.comment_create(plan=plan, author=coach, body="First thought")
    reply = services.comment_create(plan=plan, author=user, body="Answer", parent=comment)

    with pytest.raises(ValidationError, match="your own"):
        services.comment_update(comment=comment, by=user, body="Changed")
    with pytest.raises(ValidationError, match="your own"):
        services.comment_delete(comment=comment, by=user)

    services.comment_update(comment=comment, by=coach, body="Second thought")
    services.comment_delete(comment=comment, by=coach)

    comment.refresh_from_db()
    assert comment.is_deleted and comment.body == ""
    assert comment.edited_at is not None
    assert list(comment.replies.all()) == [reply]  # the thread still reads right
    with pytest.raises(ValidationError):
        services.comment_update(comment=comment, by=coach, body="Back")


def test_a_revoked_coachs_comments_stay_on_the_plan(coach, coaching, plan, user):
    comment = services.comment_create(plan=plan, author=coach, body="Keep this")

    services.coaching_revoke(coaching=coaching, by=user)

    assert Comment.objects.get(pk=comment.pk).body == "Keep this"


# --- Suggestions and reviews --------------------------------------------------------------


def test_an_accepted_step_suggestion_adds_the_step_on_its_move(coach, coaching, plan, user, profile):
    move = _move(plan, 1)
    before = plan.steps.count()
    date = timezone.localdate() + datetime.timedelta(days=30)
    suggestion = services.suggestion_create(
        plan=plan,
        author=coach,
        kind="add_step",
        move=move,
        title="Shadow a team lead",
        step_kind="action",
        target_date=date,
        message="It shows you the job.",
    )
    assert plan.steps.count() == before  # nothing changes before the owner accepts
    assert Notification.objects.filter(recipient=user, kind="suggestion").exists()

    services.suggestion_accept(suggestion=suggestion, by=user, profile=profile)

    step = plan.steps.get(title="Shadow a team lead")
    assert step.move == move
    assert step.added_by == coach
    assert step.target_date == date
    assert step.order == move.steps.exclude(pk=step.pk).order_by("-order").first().order + 1
    assert "It shows you the job." in step.description
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert Notification.objects.filter(recipient=coach, kind="suggestion", text__contains="accepted").exists()


def test_an_accepted_date_suggestion_moves_the_step(coach, coaching, plan, user):
    step = plan.steps.filter(status="todo").first()
    date = timezone.localdate() + datetime.timedelta(days=60)
    suggestion = services.suggestion_create(plan=plan, author=coach, kind="date", step=step, target_date=date)

    services.suggestion_accept(suggestion=suggestion, by=user)

    step.refresh_from_db()
    assert step.target_date == date


def test_an_accepted_route_suggestion_reroutes_keeping_progress(coach, coaching, plan, user, profile):
    done = plan.steps.filter(move__position=1).first()
    PlanStep.objects.filter(pk=done.pk).update(status="done", note="Did it")
    route = [
        "customer-service-representative",
        "customer-service-senior-associate",
        "customer-service-supervisor",
        "customer-service-manager",
    ]
    suggestion = services.suggestion_create(plan=plan, author=coach, kind="route", route=route)

    services.suggestion_accept(suggestion=suggestion, by=user, profile=profile)

    live = list(plan.route_roles.filter(retired_at__isnull=True).order_by("position"))
    assert [plan_role.role.slug for plan_role in live] == route
    done.refresh_from_db()
    assert done.note == "Did it"  # kept, under the earlier route


def test_a_declined_suggestion_changes_nothing(coach, coaching, plan, user):
    before = list(plan.steps.values_list("pk", "target_date"))
    step = plan.steps.first()
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="date", step=step, target_date=timezone.localdate()
    )

    services.suggestion_decline(suggestion=suggestion, by=user)

    assert list(plan.steps.values_list("pk", "target_date")) == before
    assert Suggestion.objects.get(pk=suggestion.pk).status == Suggestion.Status.DECLINED
    with pytest.raises(ValidationError, match="already answered"):
        services.suggestion_accept(suggestion=suggestion, by=user)


def test_only_the_owner_answers_a_suggestion(coach, coaching, plan):
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="date", step=plan.steps.first(), target_date=timezone.localdate()
    )

    with pytest.raises(ValidationError, match="owner"):
        services.suggestion_accept(suggestion=suggestion, by=coach)
    with pytest.raises(ValidationError, match="owner"):
        services.suggestion_decline(suggestion=suggestion, by=coach)


@pytest.mark.parametrize(
    ("kind", "fields", "errors"),
    [
        ("add_step", {}, {"move", "title", "step_kind"}),
        ("date", {}, {"step", "target_date"}),
        ("route", {"route": ["customer-service-representative"]}, {"route"}),
        ("promote", {}, {"kind"}),
    ],
)
def test_an_incomplete_suggestion_says_what_is_missing(coach, coaching, plan, kind, fields, errors):
    with pytest.raises(ValidationError) as error:
        services.suggestion_create(plan=plan, author=coach, kind=kind, **fields)

    assert set(error.value.message_dict) == errors
    assert not Suggestion.objects.exists()


def test_a_step_cannot_be_suggested_on_the_starting_role_even_after_a_reroute(coach, coaching, plan, user, profile):
    with pytest.raises(ValidationError) as before:
        services.suggestion_create(
            plan=plan, author=coach, kind="add_step", move=_move(plan, 0), title="X", step_kind="action"
        )
    plan_reroute(plan=plan, profile=profile, route_slugs=ROUTE[:3])
    start = plan.route_roles.filter(retired_at__isnull=True).order_by("position").first()
    assert start.position != 0

    with pytest.raises(ValidationError) as after:
        services.suggestion_create(plan=plan, author=coach, kind="add_step", move=start, title="X", step_kind="action")

    assert "move" in before.value.message_dict and "move" in after.value.message_dict


def test_a_suggestion_for_a_move_no_longer_on_the_route_is_refused_on_accept(coach, coaching, plan, user, profile):
    move = _move(plan, 3)
    suggestion = services.suggestion_create(
        plan=plan, author=coach, kind="add_step", move=move, title="Late step", step_kind="action"
    )
    plan_reroute(plan=plan, profile=profile, route_slugs=ROUTE[:3])
    suggestion = Suggestion.objects.get(pk=suggestion.pk)

    with pytest.raises(ValidationError, match="no longer on your route"):
        services.suggestion_accept(suggestion=suggestion, by=user, profile=profile)
    assert Suggestion.objects.get(pk=suggestion.pk).status == Suggestion.Status.PENDING


def test_a_review_reaches_the_owner(coach, coaching, plan, user):
    review = services.review_create(plan=plan, author=coach, verdict="changes", message=" Add dates ")

    assert review.message == "Add dates"
    notification = Notification.objects.get(recipient=user, kind="review")
    assert notification.url.endswith("#reviews")
    assert "needs changes" in notification.text


def test_a_review_needs_a_verdict(coach, coaching, plan):
    with pytest.raises(ValidationError):
        services.review_create(plan=plan, author=coach, verdict="maybe")


# --- Skills and notes ---------------------------------------------------------------------


def test_a_verified_level_is_kept_beside_the_self_rating_and_counts_for_gaps(coach, coaching, user, profile):
    skill = Skill.objects.order_by("pk").first()
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)

    row = services.skill_verify(coach=coach, client=user, skill=skill, level=4)

    assert (row.level, row.verified_level, row.verified_by) == (2, 4, coach)
    assert row.verified_at is not None
    assert person_from_profile(profile).skills[skill.pk] == 4


def test_a_verified_level_below_a_met_step_reopens_it_with_a_note_and_tells_the_client(
    coach, coaching, user, profile, plan
):
    step = (
        plan.steps.filter(kind="skill", transition_step__skill_level__gte=2).select_related("transition_step").first()
    )
    assert step is not None, "the bundled route has a skill step"
    skill = step.transition_step.skill
    ProfileSkill.objects.create(profile=profile, skill=skill, level=5)
    PlanStep.objects.filter(pk=step.pk).update(status="skipped", met_at_creation=True, note="Felt ready")
    Notification.objects.all().delete()

    services.skill_verify(coach=coach, client=user, skill=skill, level=step.transition_step.skill_level - 1)

    step.refresh_from_db()
    assert step.status == "todo" and not step.met_at_creation and step.completed_at is None
    assert step.note.startswith("Felt ready\n\nReopened: coach-carol verified")
    assert f"asks for level {step.transition_step.skill_level}" in step.note
    notice = Notification.objects.get(recipient=user)
    assert f"verified your {skill.name} skill" in notice.text and "open again" in notice.text


def test_a_verified_level_that_meets_the_step_leaves_it_closed(coach, coaching, user, profile, plan):
    step = plan.steps.filter(kind="skill").select_related("transition_step").first()
    ProfileSkill.objects.create(profile=profile, skill=step.transition_step.skill, level=5)
    PlanStep.objects.filter(pk=step.pk).update(status="done")

    services.skill_verify(coach=coach, client=user, skill=step.transition_step.skill, level=5)

    step.refresh_from_db()
    assert step.status == "done"
    assert "open again" not in Notification.objects.get(recipient=user, kind="coaching", text__contains="verified").text


def test_approval_and_rejection_are_told_to_the_applicant(
    user, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    applicant = services.coach_apply(user=user, bio="Ten years on the floor")

    with django_capture_on_commit_callbacks(execute=True):
        services.coach_decide(coach=applicant, approve=True, by=staff_user)
        services.coach_decide(coach=applicant, approve=True, by=staff_user)  # no news the second time

    assert list(Notification.objects.filter(recipient=user).values_list("text", flat=True)) == [
        "You are now a CareerPath coach: invite clients from your dashboard."
    ]
    assert [message.to for message in mailoutbox] == [[user.email]]

    services.coach_decide(coach=applicant, approve=False, by=staff_user)

    assert Notification.objects.filter(recipient=user, text__contains="not approved").count() == 1


@pytest.mark.parametrize("side", ["client", "coach"])
def test_ending_a_coaching_tells_the_other_side(user, coach, coaching, side):
    by, other = (user, coach) if side == "client" else (coach, user)
    Notification.objects.all().delete()

    services.coaching_revoke(coaching=coaching, by=by)

    notice = Notification.objects.get(recipient=other)
    assert notice.text.startswith(f"{by.get_username()} ended the coaching")
    assert not Notification.objects.filter(recipient=by).exists()


def test_verifying_needs_a_rated_skill_and_a_level_from_1_to_5(coach, coaching, user, profile):
    skill = Skill.objects.order_by("pk").first()
    with pytest.raises(ValidationError, match="not rated"):
        services.skill_verify(coach=coach, client=user, skill=skill, level=3)
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)
    with pytest.raises(ValidationError):
        services.skill_verify(coach=coach, client=user, skill=skill, level=6)


def test_private_notes_belong_to_their_coach(coach, coaching, user, staff_user):
    note = services.coach_note_create(coach=coach, client=user, body=" Nervous about interviews ")
    assert note.body == "Nervous about interviews"
    other_coach = UserFactory()
    services.coach_make(user=other_coach, by=staff_user)

    with pytest.raises(ValidationError):
        services.coach_note_delete(note=note, by=other_coach)
    with pytest.raises(ValidationError):
        services.coach_note_create(coach=coach, client=user, body=" ")

    services.coach_note_delete(note=note, by=coach)
    assert not CoachNote.objects.exists()


# --- Notifications ------------------------------------------------------------------------


def test_marking_notifications_read(coach, coaching, plan, user):
    services.comment_create(plan=plan, author=coach, body="One")
    services.comment_create(plan=plan, author=coach, body="Two")
    first, second = Notification.objects.filter(recipient=user, kind="comment").order_by("pk")

    assert services.notifications_mark_read(user=user, ids=[first.pk]) == 1
    assert services.notifications_mark_read(user=coach, ids=[second.pk]) == 0  # not theirs
    assert services.notifications_mark_read(user=user) >= 1
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_a_failing_mail_server_does_not_undo_the_comment(
    coach, coaching, plan, user, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.planner.test_coaching.BrokenBackend"

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(plan=plan, author=coach, body="Still here")

    assert Comment.objects.filter(pk=comment.pk).exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_consent_events_are_a_full_record(user, coach, plan, profile):
    coaching = services.coaching_invite_coach(client=user, email=coach.email)
    services.coaching_accept(coaching=coaching, by=coach)
    services.coaching_share(coaching=coaching, by=user, share_all=False, plans=[plan])
    services.coaching_revoke(coaching=coaching, by=user)

    events = list(ConsentEvent.objects.filter(coaching=coaching).order_by("created_at", "id"))
    assert [(event.action, event.actor) for event in events] == [
        ("invited", user),
        ("accepted", coach),
        ("sharing", user),
        ("revoked", user),
    ]


def test_an_owners_new_thread_notifies_the_coaches_who_see_the_plan(db, graph, profile, plan, user):

    coach = UserFactory()
    coach_make(user=coach, by=UserFactory(is_staff=True))
    coaching = invitation_redeem(client=user, code=invitation_create(coach=coach).code)
    coaching_share(coaching=coaching, by=user, share_all=True, plans=[])
    Notification.objects.all().delete()

    comment_create(plan=plan, author=user, body="Is this order right?")

    assert Notification.objects.filter(recipient=coach, kind="comment").count() == 1
