from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

PASSWORD = "correct horse battery staple"


def _log_in(client, username, password, ip="10.1.1.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_thirty_wrong_passwords_lock_the_account_until_cool_off(client, user, settings):
    statuses = [_log_in(client, user.username, f"wrong {n}").status_code for n in range(30)]

    assert statuses[0] == 200  # the form again, with its error
    assert statuses[-1] == 429
    locked = _log_in(client, user.username, PASSWORD)
    assert locked.status_code == 429
    assert "Login locked for now" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # From another address too: the account itself is locked.
    assert _log_in(client, user.username, PASSWORD, ip="10.9.9.9").status_code == 429

    # Once the cool-off has passed, the right password works again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * timedelta(hours=1))
    assert _log_in(client, user.username, PASSWORD).status_code == 302


def test_one_address_guessing_many_accounts_is_locked_out(client, db, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, f"someone{n}", "guess", ip="10.2.2.2")

    assert _log_in(client, "another", "guess", ip="10.2.2.2").status_code == 429
    assert _log_in(client, "another", "guess", ip="10.3.3.3").status_code == 200


@pytest.mark.parametrize("failures", [1, 5])
def test_a_few_mistakes_do_not_lock_anyone_out(client, user, failures):
    for _ in range(failures):
        _log_in(client, user.username, "wrong")

    assert _log_in(client, user.username, PASSWORD).status_code == 302
