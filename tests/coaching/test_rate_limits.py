"""Invitations and comments are rate-limited per person: a flood is refused with a readable 429."""

import pytest
from django.urls import reverse

from coaching.models import Comment


@pytest.fixture(autouse=True)
def _low_limits(settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_INVITE = "2/h"
    settings.RATELIMIT_COMMENT = "2/m"


def test_a_person_who_posts_comments_too_fast_is_told_to_wait(client, user, plan, coaching):
    client.force_login(user)
    url = reverse("coaching:plan-comment-create", args=[plan.pk])

    answers = [client.post(url, {"body": f"Comment {n}"}).status_code for n in range(3)]

    assert 429 not in answers[:2]
    assert answers[2] == 429
    assert Comment.objects.filter(plan=plan).count() == 2


def test_the_limit_page_says_when_to_try_again(client, user, plan, coaching):
    client.force_login(user)
    url = reverse("coaching:plan-comment-create", args=[plan.pk])
    for n in range(2):
        client.post(url, {"body": f"Comment {n}"})

    refused = client.post(url, {"body": "One more"})

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "minute" in refused.content.decode()


def test_invitations_count_per_person_across_invitation_pages(client, user, coach):
    client.force_login(coach)

    first = client.post(reverse("coaching:coach-invite"), {"invite-email": "a@example.com"})
    second = client.post(reverse("coaching:coach-invite"), {"invite-email": "b@example.com"})
    third = client.post(reverse("coaching:coach-invitations"))

    assert first.status_code != 429 and second.status_code != 429
    assert third.status_code == 429
