"""The language switcher's view: Django's ``set_language``, and the choice kept for a signed-in person."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language

from planner.services import profile_language_set


def language_set(request: HttpRequest) -> HttpResponse:
    """
    Remember the language in a cookie and go back where the person was (``set_language``); for a
    signed-in person also keep it on their profile, so that what is written to them while they are
    not reading (a notification, its email) is in the language they chose.
    """
    response = set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        profile_language_set(user=request.user, language=language)  # type: ignore[arg-type]
    return response
