"""The person's JSON data export carries their coachings and comments (coaching's export sections)."""

import json

from django.urls import reverse

from coaching import services


def test_the_data_export_has_the_coachings_with_their_record_and_the_persons_comments(
    client, user, coach, coaching, plan
):
    services.comment_create(plan=plan, author=user, body="My own words", step=plan.steps.first())
    services.comment_create(plan=plan, author=coach, body="The coach's words")
    client.force_login(user)

    data = json.loads(client.get(reverse("planner:data-export")).content)

    assert list(data)[:6] == ["exported_at", "account", "profile", "plans", "coaching", "comments"]
    [exported] = data["coaching"]
    assert exported["coach"] == coach.username
    assert exported["status"] == "active"
    assert exported["share_all"] is True
    assert [event["action"] for event in exported["record"]] == ["sharing", "accepted", "invited"]
    assert [comment["body"] for comment in data["comments"]] == ["My own words"]
    assert data["comments"][0]["step"] == plan.steps.first().title
