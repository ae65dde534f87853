import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

FORM = {
    "username": "maria",
    "email": "maria@example.com",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def _confirm_link(body: str) -> str:
    return re.search(r"http://testserver(/accounts/signup/confirm/\S+/)", body).group(1)


def test_signup_sends_a_confirmation_link_that_activates_and_logs_in(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup"), FORM)

    assert response.status_code == 302
    assert response["Location"] == reverse("signup-done")
    user = get_user_model().objects.get(username="maria")
    assert not user.is_active
    link = _confirm_link(mailoutbox[0].body)

    # Opening the link (as a mail scanner would) changes nothing; the button does.
    assert client.get(link).status_code == 200
    assert not get_user_model().objects.get(pk=user.pk).is_active
    response = client.post(link)

    assert response["Location"] == reverse("planner:profile")
    assert client.get(reverse("planner:plan-list")).status_code == 200
    assert client.post(link).status_code == 400  # used once


def test_signup_says_the_same_for_a_registered_email_and_tells_its_owner(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(username="owner", email="maria@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup"), {**FORM, "email": "Maria@Example.com"})

    assert response.status_code == 302
    assert response["Location"] == reverse("signup-done")
    assert not get_user_model().objects.filter(username="maria").exists()
    assert [message.to for message in mailoutbox] == [[owner.email]]
    assert "Someone tried to create a CareerPath account" in mailoutbox[0].body
    assert "someone tried" not in client.get(reverse("signup-done")).content.decode()


def test_signup_done_page_asks_to_check_email(client, db):
    assert "Check your email" in client.get(reverse("signup-done")).content.decode()


@pytest.mark.parametrize("token", ["nope", "abc-123"])
def test_a_wrong_confirmation_link_says_it_does_not_work(client, user, token):
    response = client.get(reverse("signup-confirm", kwargs={"uidb64": "MQ", "token": token}))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_a_confirmation_link_with_a_huge_id_is_refused(client, db):
    response = client.post(
        reverse("signup-confirm", kwargs={"uidb64": "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "token": "x-y"})
    )

    assert response.status_code == 400


def test_a_taken_username_is_still_refused_at_the_field(client, db):
    UserFactory(username="maria", email="someone@example.com")

    response = client.post(reverse("signup"), FORM)

    assert response.status_code == 200
    assert "A user with that username already exists" in response.content.decode()


def test_a_username_taken_between_the_check_and_the_save_is_a_field_error(client, db, monkeypatch):
    def save_after_a_rival(self, *args, **kwargs):
        # A rival signup commits the same username after the form checked it was free.
        get_user_model().objects.bulk_create([get_user_model()(username=self.username, email="rival@example.com")])
        return original_save(self, *args, **kwargs)

    original_save = get_user_model().save
    monkeypatch.setattr(get_user_model(), "save", save_after_a_rival)

    response = client.post(reverse("signup"), FORM)

    assert response.status_code == 200
    assert "A user with that username already exists" in response.content.decode()


def test_signing_up_again_unconfirmed_sends_the_link_again(client, db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signup"), FORM)
        response = client.post(reverse("signup"), {**FORM, "username": "maria2"})

    assert response["Location"] == reverse("signup-done")
    assert get_user_model().objects.filter(email="maria@example.com").count() == 1
    assert len(mailoutbox) == 2
    assert client.post(_confirm_link(mailoutbox[1].body))["Location"] == reverse("planner:profile")
