"""Forms for coaching: applying, inviting, sharing, comments, suggestions, reviews, notes. Services write."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careerpath.forms import ModelMultipleIdField
from coaching.models import Comment, Review, Suggestion
from coaching.selectors import DASHBOARD_SORTS
from planner.forms import LATEST_TARGET_DATE
from planner.models import NOTE_MAX_LENGTH, Plan, PlanRole, PlanStep
from planner.selectors import alternative_routes, first_missing_move
from roles.models import Role, TransitionStep


def first_error(form: forms.BaseForm) -> str:
    """The form's first message, for pages that answer a failed post with a one-line message."""
    for errors in form.errors.values():
        return errors[0]
    return _("Check what you wrote.")


class CoachApplyForm(forms.Form):
    bio = forms.CharField(
        label=gettext_lazy("About you as a coach"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": NOTE_MAX_LENGTH}),
        help_text=gettext_lazy(
            "Your experience in customer service and in coaching. Staff read it before approving you."
        ),
    )


class EmailInviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Invitation code"),
        max_length=64,
        help_text=gettext_lazy("The code your coach gave you, e.g. 4fQz-1aBcD9x."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class CoachingShareForm(forms.Form):
    """What one coach sees: every plan, or the plans ticked."""

    share = forms.ChoiceField(
        label=gettext_lazy("What this coach sees"),
        choices=[
            ("all", gettext_lazy("All my plans, including new ones")),
            ("some", gettext_lazy("Only the plans I tick")),
        ],
        widget=forms.RadioSelect,
    )
    plans = ModelMultipleIdField(
        label=gettext_lazy("Plans to share"),
        queryset=Plan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("share") == "some" and not cleaned.get("plans"):
            self.add_error("plans", _("Tick at least one plan, or end the coaching to share nothing."))
        return cleaned


class CommentForm(forms.Form):
    """A comment on a plan, on one of its steps, or a reply; step and parent must be the plan's own."""

    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
        error_messages={"required": gettext_lazy("Write something first.")},
    )
    step = forms.ModelChoiceField(queryset=PlanStep.objects.none(), required=False, widget=forms.HiddenInput)
    parent = forms.ModelChoiceField(queryset=Comment.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = plan.steps.all()
        self.fields["parent"].queryset = Comment.objects.filter(plan=plan, deleted_at__isnull=True)

    @property
    def target(self) -> str:
        """Which of the page's comment boxes this form is: "plan", "step-<id>" or "reply-<id>"."""
        parent = self.data.get("parent") or ""
        step = self.data.get("step") or ""
        if parent:
            return f"reply-{parent}"
        return f"step-{step}" if step else "plan"


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Edit your comment"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
        error_messages={"required": gettext_lazy("Write something, or delete the comment.")},
    )


class StepChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanStep) -> str:
        return f"{obj.move.role.title}: {obj.title}"


class MoveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanRole) -> str:
        return _("The move to %(role)s") % {"role": obj.role.title}


class SuggestionForm(forms.Form):
    """A coach's proposal; which fields count depends on the kind, and the service checks them."""

    prefix = "suggest"
    kind = forms.ChoiceField(
        label=gettext_lazy("What do you suggest?"), choices=Suggestion.Kind.choices, widget=forms.RadioSelect
    )
    move = MoveChoiceField(
        label=gettext_lazy("On the move"),
        queryset=PlanRole.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose a move…"),
    )
    title = forms.CharField(label=gettext_lazy("New step"), max_length=200, required=False)
    step_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of step"),
        choices=[("", gettext_lazy("Choose…")), *TransitionStep.Kind.choices],
        required=False,
    )
    step = StepChoiceField(
        label=gettext_lazy("Step"),
        queryset=PlanStep.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose a step…"),
    )
    target_date = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The step's new date; for a new step, its target date (optional)."),
    )
    route = forms.ChoiceField(
        label=gettext_lazy("Route"),
        required=False,
        help_text=gettext_lazy(
            "Routes the role graph offers from the plan's start: to the same target, or one move beyond it."
        ),
        error_messages={
            "invalid_choice": gettext_lazy("That route is no longer among those on offer: pick one from the list.")
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Why (the client reads this)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["move"].queryset = (
            plan.route_roles.filter(retired_at__isnull=True, transition__isnull=False)
            .select_related("role")
            .order_by("position")
        )
        self.fields["step"].queryset = (
            plan.steps.filter(move__retired_at__isnull=True)
            .select_related("move__role")
            .order_by("move__position", "order")
        )
        # Roles by name, from the engine: a coach picks a route instead of typing slugs.
        self.fields["route"].choices = [("", _("Choose a route…")), *alternative_routes(plan=plan)]

    def clean_target_date(self) -> datetime.date | None:
        date = self.cleaned_data.get("target_date")
        if date is None:
            return None
        today = timezone.localdate()
        if date < today:
            raise forms.ValidationError(_("Pick a date from today on."))
        if date > today + LATEST_TARGET_DATE:
            raise forms.ValidationError(_("That date is more than 30 years away."))
        return date

    def clean_route(self) -> list[str]:
        text = self.cleaned_data.get("route") or ""
        slugs = [slug.strip().strip("/").rsplit("/", 1)[-1] for slug in text.replace("→", ",").split(",")]
        slugs = [slug for slug in slugs if slug]
        if self.data.get(self.add_prefix("kind")) != Suggestion.Kind.OTHER_ROUTE:
            return slugs
        if len(slugs) < 2:
            raise forms.ValidationError(_("Choose the route to suggest."))
        known = set(Role.objects.active().filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise forms.ValidationError(
                _("No role is called %(slugs)s. Copy slugs from the role pages.") % {"slugs": ", ".join(unknown)}
            )
        if slugs[0] != self.plan.start_role.slug:
            raise forms.ValidationError(
                _("Start the route where the plan starts: %(slug)s.") % {"slug": self.plan.start_role.slug}
            )
        if len(set(slugs)) != len(slugs):
            raise forms.ValidationError(_("A route visits each role once."))
        missing = first_missing_move(slugs)
        if missing is not None:
            raise forms.ValidationError(
                _("The role graph has no move from %(start)s to %(end)s.") % {"start": missing[0], "end": missing[1]}
            )
        return slugs


class ReviewForm(forms.Form):
    prefix = "review"

    verdict = forms.ChoiceField(
        label=gettext_lazy("Your verdict"), choices=Review.Verdict.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=gettext_lazy("Message to the client"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
    )


class SkillVerifyForm(forms.Form):
    level = forms.TypedChoiceField(
        label=gettext_lazy("Verified level"), choices=[(str(level), str(level)) for level in range(1, 6)], coerce=int
    )


class CoachNoteForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("New private note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
        error_messages={"required": gettext_lazy("Write something first.")},
    )


@dataclass(frozen=True)
class DashboardQuery:
    """How the coach's dashboard is sorted, filtered and paged."""

    sort: str = "name"
    attention: bool = False
    page: int = 1


class DashboardQueryForm(forms.Form):
    """The dashboard's query string; anything unknown falls back to the default, never an error page."""

    sort = forms.ChoiceField(choices=[(key, key) for key in DASHBOARD_SORTS], required=False)
    attention = forms.BooleanField(required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def query(self) -> DashboardQuery:
        """The typed query; a bad value falls back to its default and leaves the others as given."""
        return DashboardQuery(
            sort=self._value("sort", "name"), attention=self._value("attention", False), page=self._value("page", 1)
        )

    def _value(self, name: str, default):
        try:
            return self.fields[name].clean(self.data.get(name)) or default
        except forms.ValidationError:
            return default
