"""The tokens page: make a personal access token (its secret shown once), see its last use, revoke it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views import View

from api.models import PersonalAccessToken
from api.tokens import token_create, token_get_for_owner, token_list_for_user, token_revoke
from careerpath.forms import add_service_errors


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=80,
        help_text=gettext_lazy("What the token is for, such as “weekly report script”."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Scope"),
        choices=PersonalAccessToken.Scope.choices,
        initial=PersonalAccessToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("A read-only token cannot change your plans or profile."),
    )


class TokenListView(LoginRequiredMixin, View):
    template_name = "api/token_list.html"

    def get(self, request):
        return self._render(TokenForm())

    def post(self, request):
        form = TokenForm(data=request.POST)
        if form.is_valid():
            try:
                token, secret = token_create(
                    user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self._render(TokenForm(), created=token, secret=secret, status=201)
        return self._render(form, status=400)

    def _render(self, form, *, created=None, secret="", status=200):
        context = {
            "form": form,
            "tokens": token_list_for_user(user=self.request.user),
            "created": created,
            "secret": secret,
        }
        return render(self.request, self.template_name, context, status=status)


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        token = token_revoke(token=token_get_for_owner(user=request.user, token_id=pk))
        messages.success(
            request, gettext("Revoked “%(name)s”: scripts using it are refused from now on.") % {"name": token.name}
        )
        return redirect("api:tokens")
