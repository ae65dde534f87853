"""Forms for people: signing up, the profile, and plans. They validate; services write."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone

from planner.models import NOTE_MAX_LENGTH, Comment, Plan, PlanRole, PlanStep, Profile, Review, Suggestion
from roles import graph as engine
from roles.models import Certification, Role, Skill, TransitionStep
from roles.selectors import graph_get

# A target date this far back is a typing mistake, not a plan (a done step may record a date that
# has passed, but not one from years ago).
OLDEST_TARGET_DATE = datetime.timedelta(days=366)
LATEST_TARGET_DATE = datetime.timedelta(days=365 * 30)
# An open step aims at a date ahead; one that passed more than this long ago is a mistake, and one
# that passed more recently is saved with a word at the field.
OPEN_STEP_PAST_GRACE = datetime.timedelta(days=31)
CLOSED_STATUSES = (PlanStep.Status.DONE, PlanStep.Status.SKIPPED)


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=True, help_text="For resetting your password and for messages from your coach.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists. Log in or reset your password.")
        return email


class ProfileForm(forms.ModelForm):
    """Where the person stands, with one level choice per skill and the level descriptions beside it."""

    class Meta:
        model = Profile
        fields = ("current_role", "years_experience", "years_leading", "education", "hours_per_week")
        widgets = {
            "years_experience": forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "50"}),
            "years_leading": forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "50"}),
            "hours_per_week": forms.NumberInput(attrs={"min": "1", "max": "60"}),
        }

    def __init__(self, *args, skills: list[Skill], skill_levels: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.fields["current_role"].queryset = Role.objects.active().filter(is_entry=False).order_by("level", "title")
        self.fields["current_role"].empty_label = "No customer service experience yet"
        self.fields["current_role"].label = "Current role"
        self.skills = skills
        for skill in skills:
            choices = [("", "Not rated")] + [
                (str(level), f"{level}: {text}" if text else str(level))
                for level, text in enumerate(skill.level_descriptions, start=1)
            ]
            self.fields[self.skill_field_name(skill)] = forms.TypedChoiceField(
                label=skill.name,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=skill_levels.get(skill.id),
                help_text=skill.description,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def skill_field_name(skill: Skill) -> str:
        return f"skill_{skill.slug}"

    def skill_levels(self) -> dict[int, int | None]:
        return {skill.id: self.cleaned_data.get(self.skill_field_name(skill)) for skill in self.skills}

    def skill_fields(self):
        return [self[self.skill_field_name(skill)] for skill in self.skills]

    def clean(self):
        cleaned = super().clean()
        experience = cleaned.get("years_experience")
        leading = cleaned.get("years_leading")
        if experience is not None and leading is not None and leading > experience:
            self.add_error("years_leading", "Years leading people cannot be more than your years of experience.")
        return cleaned


class ProfileCertificationForm(forms.Form):
    certification = forms.ModelChoiceField(queryset=Certification.objects.none(), label="Certification")
    earned_on = forms.DateField(label="Earned on", widget=forms.DateInput(attrs={"type": "date"}))
    expires_on = forms.DateField(
        label="Expires on", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="If it expires."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certification"].queryset = Certification.objects.filter(archived=False)

    def clean_earned_on(self) -> datetime.date:
        earned = self.cleaned_data["earned_on"]
        if earned > timezone.localdate():
            raise forms.ValidationError("The date you earned it cannot be in the future.")
        if earned.year < 1950:
            raise forms.ValidationError("Enter the year you earned it, e.g. 2021.")
        return earned

    def clean(self):
        cleaned = super().clean()
        earned, expires = cleaned.get("earned_on"), cleaned.get("expires_on")
        if earned and expires and expires <= earned:
            self.add_error("expires_on", "The expiry date must come after the date you earned it.")
        return cleaned


class BaseCertificationFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self.can_delete and self._should_delete_form(form):
                continue
            certification = form.cleaned_data.get("certification")
            if certification in seen:
                form.add_error("certification", "You listed this certification twice.")
            seen.add(certification)


CertificationFormSet = forms.formset_factory(
    ProfileCertificationForm, formset=BaseCertificationFormSet, extra=1, can_delete=True, max_num=50
)


class PlanTargetForm(forms.Form):
    """Choose where to go and how routes are ranked; the route itself is picked on the same page."""

    target = forms.ModelChoiceField(
        queryset=Role.objects.none(), to_field_name="slug", label="Target role", empty_label=None
    )
    by = forms.ChoiceField(choices=Plan.Ranking.choices, label="Rank routes by", initial=Plan.Ranking.TIME)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Role.objects.active().filter(is_entry=False).order_by("level", "title")


class PlanPickForm(forms.Form):
    """The route a person picked: its roles as slugs, checked again against the graph by the service."""

    target = forms.SlugField(max_length=80)
    by = forms.ChoiceField(choices=Plan.Ranking.choices)
    route = forms.CharField(max_length=2000, help_text="Role slugs joined by commas.")
    title = forms.CharField(max_length=120, required=False, label="Name of the plan")

    def clean_route(self) -> list[str]:
        slugs = [slug.strip() for slug in self.cleaned_data["route"].split(",") if slug.strip()]
        if len(slugs) < 2:
            raise forms.ValidationError("Pick a route with at least one move.")
        return slugs


class PlanStepForm(forms.ModelForm):
    """A step's status, target date and note, saved in place on the plan page."""

    note_max_length = NOTE_MAX_LENGTH

    class Meta:
        model = PlanStep
        fields = ("status", "target_date", "note")
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}),
            # No maxlength: the browser would cut a paste short without a word. A counter shows
            # the limit and the server says at the field when the note is over it.
            "note": forms.Textarea(attrs={"rows": 3, "data-maxlength": NOTE_MAX_LENGTH}),
        }
        labels = {"target_date": "Target date", "note": "Your note"}
        error_messages = {"status": {"invalid_choice": "Choose to do, doing, done or skipped."}}

    def clean_target_date(self) -> datetime.date | None:
        date = self.cleaned_data.get("target_date")
        if date is None or self._date_unchanged(date):
            return date
        today = timezone.localdate()
        if date < today - OLDEST_TARGET_DATE:
            raise forms.ValidationError(f"{_day(date)} is more than a year ago: check the year.", code="too_far_back")
        if date > today + LATEST_TARGET_DATE:
            raise forms.ValidationError(f"{_day(date)} is more than 30 years away: check the year.", code="too_far")
        return date

    def clean_note(self) -> str:
        # Browsers send a typed line break as two characters; count it as the one the person sees.
        return self.cleaned_data.get("note", "").replace("\r\n", "\n").strip()

    def clean(self) -> dict:
        cleaned = super().clean()
        date, status = cleaned.get("target_date"), cleaned.get("status")
        if date is None or status is None or self._date_unchanged(date) or status in CLOSED_STATUSES:
            return cleaned
        if date < timezone.localdate() - OPEN_STEP_PAST_GRACE:
            self.add_error(
                "target_date",
                forms.ValidationError(
                    f"{_day(date)} is more than a month ago and this step is still open. "
                    "Pick the date you now aim for, or mark the step done if you finished it then.",
                    code="open_step_in_past",
                ),
            )
        return cleaned

    @property
    def target_date_warning(self) -> str:
        """A word at the field when an open step's target date has passed (saved, not refused)."""
        if self.is_bound:
            if self.errors:
                return ""
            status, date = self.cleaned_data.get("status"), self.cleaned_data.get("target_date")
        else:
            status, date = self.instance.status, self.instance.target_date
        if date is None or status in CLOSED_STATUSES or date >= timezone.localdate():
            return ""
        return "This date has passed. Set the date you now aim for, or mark the step done."

    def _date_unchanged(self, date: datetime.date) -> bool:
        # A date saved earlier may have passed since: keep accepting it, so a note can still be saved.
        return bool(self.instance.pk) and self.instance.target_date == date


def _day(date: datetime.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


# --- Coaching -------------------------------------------------------------------------------


class CoachApplyForm(forms.Form):
    bio = forms.CharField(
        label="About you as a coach",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": NOTE_MAX_LENGTH}),
        help_text="Your experience in customer service and in coaching. Staff read it before approving you.",
    )


class EmailInviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label="Invitation code",
        max_length=64,
        help_text="The code your coach gave you, e.g. 4fQz-1aBcD9x.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class CoachingShareForm(forms.Form):
    """What one coach sees: every plan, or the plans ticked."""

    share = forms.ChoiceField(
        label="What this coach sees",
        choices=[("all", "All my plans, including new ones"), ("some", "Only the plans I tick")],
        widget=forms.RadioSelect,
    )
    plans = forms.ModelMultipleChoiceField(
        label="Plans to share", queryset=Plan.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("share") == "some" and not cleaned.get("plans"):
            self.add_error("plans", "Tick at least one plan, or end the coaching to share nothing.")
        return cleaned


class CommentForm(forms.Form):
    """A comment on a plan, on one of its steps, or a reply; step and parent must be the plan's own."""

    body = forms.CharField(
        label="Comment",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
        error_messages={"required": "Write something first."},
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
        label="Edit your comment",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
        error_messages={"required": "Write something, or delete the comment."},
    )


class StepChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanStep) -> str:
        return f"{obj.move.role.title}: {obj.title}"


class MoveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanRole) -> str:
        return f"The move to {obj.role.title}"


class SuggestionForm(forms.Form):
    """A coach's proposal; which fields count depends on the kind, and the service checks them."""

    prefix = "suggest"
    kind = forms.ChoiceField(label="What do you suggest?", choices=Suggestion.Kind.choices, widget=forms.RadioSelect)
    move = MoveChoiceField(
        label="On the move", queryset=PlanRole.objects.none(), required=False, empty_label="Choose a move…"
    )
    title = forms.CharField(label="New step", max_length=200, required=False)
    step_kind = forms.ChoiceField(
        label="Kind of step", choices=[("", "Choose…"), *TransitionStep.Kind.choices], required=False
    )
    step = StepChoiceField(label="Step", queryset=PlanStep.objects.none(), required=False, empty_label="Choose a step…")
    target_date = forms.DateField(
        label="Date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The step's new date; for a new step, its target date (optional).",
    )
    route = forms.CharField(
        label="Route",
        max_length=2000,
        required=False,
        help_text="Role slugs from the plan's start, separated by commas, as on the role pages' addresses.",
    )
    message = forms.CharField(
        label="Why (the client reads this)",
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

    def clean_target_date(self) -> datetime.date | None:
        date = self.cleaned_data.get("target_date")
        if date is None:
            return None
        today = timezone.localdate()
        if date < today:
            raise forms.ValidationError("Pick a date from today on.")
        if date > today + LATEST_TARGET_DATE:
            raise forms.ValidationError("That date is more than 30 years away.")
        return date

    def clean_route(self) -> list[str]:
        text = self.cleaned_data.get("route") or ""
        slugs = [slug.strip().strip("/").rsplit("/", 1)[-1] for slug in text.replace("→", ",").split(",")]
        slugs = [slug for slug in slugs if slug]
        if self.data.get(self.add_prefix("kind")) != Suggestion.Kind.OTHER_ROUTE:
            return slugs
        if len(slugs) < 2:
            raise forms.ValidationError("Give at least two roles: the plan's start and where to go.")
        known = set(Role.objects.active().filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise forms.ValidationError(f"No role is called {', '.join(unknown)}. Copy slugs from the role pages.")
        if slugs[0] != self.plan.start_role.slug:
            raise forms.ValidationError(f"Start the route where the plan starts: {self.plan.start_role.slug}.")
        if len(set(slugs)) != len(slugs):
            raise forms.ValidationError("A route visits each role once.")
        G = graph_get()
        for source, target in zip(slugs, slugs[1:], strict=False):
            try:
                u, v = engine.role_id_for_slug(G, source), engine.role_id_for_slug(G, target)
            except engine.UnknownRole:
                u = v = None
            if u is None or not G.has_edge(u, v) or not G.edges[u, v]["live"]:
                raise forms.ValidationError(f"The role graph has no move from {source} to {target}.")
        return slugs


class ReviewForm(forms.Form):
    prefix = "review"

    verdict = forms.ChoiceField(label="Your verdict", choices=Review.Verdict.choices, widget=forms.RadioSelect)
    message = forms.CharField(
        label="Message to the client",
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
    )


class SkillVerifyForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Verified level", choices=[(str(level), str(level)) for level in range(1, 6)], coerce=int
    )


class CoachNoteForm(forms.Form):
    body = forms.CharField(
        label="New private note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH}),
        error_messages={"required": "Write something first."},
    )
