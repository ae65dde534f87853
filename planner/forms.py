"""Forms for people: signing up, the profile, and plans. They validate; services write."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone

from planner.models import NOTE_MAX_LENGTH, Plan, PlanStep, Profile
from roles.forms import RoleTitleField
from roles.models import Certification, Role, Skill

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
        # Picked by job title among ~900 roles, not from a list of them all; empty: no experience yet.
        self.fields["current_role"] = RoleTitleField(
            queryset=Role.objects.active().filter(is_entry=False),
            required=False,
            label="Current role",
            help_text="Leave it empty if you have no work experience yet.",
        )
        if self.instance.current_role_id is not None:
            self.initial["current_role"] = self.instance.current_role
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

    # Both picked by job title (roles' titles and O*NET's alternate titles), never a <select> of every role.
    start = RoleTitleField(queryset=Role.objects.none(), required=False, label="From (your job today)")
    target = RoleTitleField(queryset=Role.objects.none(), label="Target role")
    # Not required: the home page's "where do you stand" asks for routes without saying how to rank them.
    by = forms.ChoiceField(
        choices=Plan.Ranking.choices, label="Rank routes by", initial=Plan.Ranking.TIME, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roles = Role.objects.active().filter(is_entry=False)
        self.fields["start"].queryset = roles
        self.fields["target"].queryset = roles

    def clean_by(self) -> str:
        return self.cleaned_data["by"] or Plan.Ranking.TIME


class PlanPickForm(forms.Form):
    """The route a person picked: its roles as slugs, checked again against the graph by the service."""

    target = forms.SlugField(max_length=80)
    start = forms.SlugField(max_length=80, required=False)
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
