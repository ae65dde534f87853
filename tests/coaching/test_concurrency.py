"""Coaching requests sent at once (double clicks, retries) answer with a message, never a server error."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching import services
from coaching.models import Coaching, ConsentEvent, Notification
from coaching.services import consent
from tests.concurrency import logged_in_clients, needs_postgresql, run_together


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_invitations_for_one_pair_make_one(user, coach):
    clients = logged_in_clients(user, 20)
    data = {"invite-email": coach.email}

    statuses = run_together(
        20, lambda index: clients[index].post(reverse("coaching:coaching-invite"), data).status_code
    )

    assert sorted(statuses) == [302] + [400] * 19
    assert Coaching.objects.filter(client=user, coach=coach).count() == 1
    assert ConsentEvent.objects.filter(coaching__client=user).count() == 1
    assert Notification.objects.filter(recipient=coach, text__contains="asked you to be their coach").count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_accept_records_one_acceptance(user, coach):
    invitation = services.coaching_invite_coach(client=user, email=coach.email)
    clients = logged_in_clients(coach, 4)
    url = reverse("coaching:coach-request-accept", args=[invitation.pk])

    statuses = run_together(4, lambda index: clients[index].post(url).status_code)

    assert 500 not in statuses
    assert ConsentEvent.objects.filter(coaching=invitation, action=ConsentEvent.Action.ACCEPTED).count() == 1


@pytest.mark.django_db
def test_an_invitation_that_loses_the_race_says_why(user, coach, monkeypatch):
    services.coaching_invite_coach(client=user, email=coach.email)
    # The other request's invitation was created between this one's check and its insert.
    monkeypatch.setattr(consent, "_open_coaching_exists", lambda client, coach: False)

    with pytest.raises(ValidationError) as refused:
        services.coaching_invite_coach(client=user, email=coach.email)

    assert refused.value.message_dict == {"email": ["You already have an invitation or access with this person."]}
    assert Coaching.objects.filter(client=user, coach=coach).count() == 1


@pytest.mark.django_db
def test_a_code_redeemed_for_a_pair_that_raced_to_an_invitation_says_why(user, coach, monkeypatch):
    invitation = services.invitation_create(coach=coach)
    services.coaching_invite_coach(client=user, email=coach.email)
    monkeypatch.setattr(consent, "_open_coaching_exists", lambda client, coach: False)

    with pytest.raises(ValidationError) as refused:
        services.invitation_redeem(client=user, code=invitation.code)

    assert "code" in refused.value.message_dict
    invitation.refresh_from_db()
    assert invitation.used_at is None
