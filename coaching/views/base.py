"""What several coaching views share."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise
from django.views import View


class AnswerView(LoginRequiredMixin, View):
    """
    One answer (accept or decline) to something waiting for the user, then back to where it was.

    A subclass obtains the object through an access function (``get_object``), makes the one
    service call and says what happened (``answer``), and names the page to go back to.
    """

    # Said before the service's reason when the answer fails (translated lazily, per request).
    failure_prefix: str | Promise = ""

    def get_object(self, request: HttpRequest, **kwargs):
        raise NotImplementedError

    def answer(self, obj) -> str:
        raise NotImplementedError

    def answered_url(self, obj) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, **kwargs) -> HttpResponse:
        obj = self.get_object(request, **kwargs)
        try:
            message = self.answer(obj)
        except ValidationError as error:
            messages.error(request, f"{self.failure_prefix}{' '.join(error.messages)}")
        else:
            messages.success(request, message)
        return redirect(self.answered_url(obj))
