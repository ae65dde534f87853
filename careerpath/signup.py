"""
Signup that does not tell anyone whether an email address is registered.

Every valid signup form gets the same answer ("check your email"). A new address gets an account,
inactive until its owner follows the link sent to it; an address already in use gets an email
telling its owner someone tried to sign up with it. Only the owner of the address learns which.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

__all__ = ["signup_confirm", "signup_request"]


def signup_request(*, username: str, email: str, password: str, base_url: str) -> None:
    """
    Start a signup: create an inactive account and send its confirmation link, or, if ``email``
    already has an account, tell that account's owner instead (and create nothing). An account that
    was never confirmed gets its confirmation link again.

    ``base_url`` is the site's scheme and host, e.g. ``https://careerpath.example``. Raises
    ValidationError if the username was taken meanwhile.
    """
    user_model = get_user_model()
    existing = user_model.objects.filter(email__iexact=email).order_by("pk").first()
    if existing is not None and not existing.is_active and existing.last_login is None:
        _send_confirmation(existing, base_url=base_url)
        return
    if existing is not None:
        _send(
            "registration/signup_existing_email.txt",
            subject=_("CareerPath: someone tried to sign up with your email address"),
            to=existing.email,
            context={
                "user": existing,
                "login_url": base_url + reverse("login"),
                "reset_url": base_url + reverse("password_reset"),
            },
        )
        return
    user = user_model(username=username, email=email, is_active=False)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Two signups raced for the same username; the form's own check saw it free.
        raise ValidationError({"username": _("A user with that username already exists.")}) from None
    transaction.on_commit(lambda: _send_confirmation(user, base_url=base_url))


def _send_confirmation(user: AbstractBaseUser, *, base_url: str) -> None:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    _send(
        "registration/signup_confirm_email.txt",
        subject=_("CareerPath: confirm your email address"),
        to=user.email,
        context={"user": user, "link": base_url + reverse("signup-confirm", kwargs={"uidb64": uidb64, "token": token})},
    )


def signup_confirm(*, uidb64: str, token: str, activate: bool) -> AbstractBaseUser | None:
    """
    Return the account the link names, activated if ``activate``; None if the link is wrong, used
    or expired.
    """
    user_model = get_user_model()
    try:
        user = user_model.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, OverflowError, TypeError, user_model.DoesNotExist):
        return None
    # The token covers last_login, which the login after confirming sets: each link works once.
    if user.is_active or not default_token_generator.check_token(user, token):
        return None
    if activate:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def _send(template: str, *, subject: str, to: str, context: dict) -> None:
    # In the language of the request that started the signup: the person reads what they asked in.
    send_mail(subject, render_to_string(template, context), settings.DEFAULT_FROM_EMAIL, [to])
