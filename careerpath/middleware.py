"""Project-wide middleware: a request id on every request, idle sessions end, private pages stay uncached,
the JSON API answers in English."""

import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from careerpath.logging import request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept only if it is short and plain, so it cannot forge log lines or headers.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    """
    Give each request an id: the proxy's X-Request-ID when sane, else a new one.

    It is put on ``request.request_id``, on every log line of the request and in the response's
    X-Request-ID header, and the error page shows it so a person can quote it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class PrivateCacheControlMiddleware:
    """
    Keep a signed-in person's pages out of every cache: ``Cache-Control: no-store, private``.

    A page for a signed-in person may show their plans, notes or exports; a shared computer's
    browser cache or a proxy must not keep it. A view that set Cache-Control itself knows better.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


IDLE_TOUCH_KEY = "_idle_touch"


def session_touch(session) -> None:
    """Note activity now; saving the session moves its expiry to now + SESSION_COOKIE_AGE."""
    session[IDLE_TOUCH_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """
    End a session after SESSION_COOKIE_AGE seconds without a request: an idle timeout.

    Each save of a session sets its expiry to now + SESSION_COOKIE_AGE, so touching the session on
    activity is enough. Unlike SESSION_SAVE_EVERY_REQUEST (one write on every page), it writes at
    most once per SESSION_IDLE_REFRESH_SECONDS per session, so the timeout is the age give or take
    that much. Anonymous visitors with no session get none.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if not session.is_empty():
            last = session.get(IDLE_TOUCH_KEY, 0)
            if time.time() - last >= settings.SESSION_IDLE_REFRESH_SECONDS:
                session_touch(session)
        return self.get_response(request)


# The JSON API's paths; the token page beside them (/api/tokens/) is an HTML page and is translated.
MACHINE_READABLE_PATH = re.compile(r"^/api/v1(/|$)")


class MachineReadableEnglishMiddleware:
    """
    The JSON API answers in English whatever the cookie or Accept-Language says.

    Scripts match its messages; the services it shares with the pages translate theirs for people.
    After LocaleMiddleware, which set the request's language first (and reads the active one back
    for the Content-Language header).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if MACHINE_READABLE_PATH.match(request.path_info):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        return self.get_response(request)
