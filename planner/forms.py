"""Forms for people: signing up, the profile, and plans. They validate; services write."""

from __future__ import annotations

import datetime
import re

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from planner.models import NOTE_MAX_LENGTH, Plan, PlanStep, Profile
from planner.services import plan_step_update
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
    email = forms.EmailField(
        label=_("Email"), required=True, help_text=_("For resetting your password and for messages from your coach.")
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        # Whether the address is already registered is not said here: careerpath.signup tells
        # only the address's owner.
        return self.cleaned_data["email"].strip().lower()


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password again, so an open session alone cannot do it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand my account and my data are deleted at once and cannot be brought back."), required=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext("That is not your password. Nothing was deleted."))
        return password


# A skill's description says what it is, then which source documents name it, by their numbers
# ("000, 002 and 004 all name…"): that part is for editors, not for a person rating themselves.
SOURCE_REMARK = re.compile(r"(?<=[.!?])\s+(?=\d{3}\b)")


def skill_summary(description: str) -> str:
    """The part of a skill's description that says what the skill is, without the source remarks."""
    return SOURCE_REMARK.split(description, maxsplit=1)[0].strip()


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
            label=_("Current role"),
            help_text=_("Leave it empty if you have no work experience yet."),
        )
        if self.instance.current_role_id is not None:
            self.initial["current_role"] = self.instance.current_role
        # Grouped by category in the order the categories are declared, then by name.
        category_order = {value: index for index, value in enumerate(Skill.Category.values)}
        self.skills = sorted(skills, key=lambda skill: (category_order.get(skill.category, 99), skill.name))
        for skill in self.skills:
            choices = [("", gettext("Not rated"))] + [
                (str(level), text) for level, text in enumerate(skill.level_descriptions, start=1)
            ]
            self.fields[self.skill_field_name(skill)] = forms.TypedChoiceField(
                label=skill.name,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=skill_levels.get(skill.id),
                help_text=skill_summary(skill.description),
                widget=forms.RadioSelect,
            )

    @staticmethod
    def skill_field_name(skill: Skill) -> str:
        return f"skill_{skill.slug}"

    def skill_levels(self) -> dict[int, int | None]:
        return {skill.id: self.cleaned_data.get(self.skill_field_name(skill)) for skill in self.skills}

    def skill_fields(self):
        return [self[self.skill_field_name(skill)] for skill in self.skills]

    def skill_groups(self) -> list[tuple[str, list]]:
        """The skill fields by category, in the category's declared order: [(label, [bound fields])]."""
        groups: dict[str, list] = {}
        for skill in self.skills:
            groups.setdefault(skill.get_category_display(), []).append(self[self.skill_field_name(skill)])
        return list(groups.items())

    def clean(self):
        cleaned = super().clean()
        experience = cleaned.get("years_experience")
        leading = cleaned.get("years_leading")
        if experience is not None and leading is not None and leading > experience:
            self.add_error(
                "years_leading", gettext("Years leading people cannot be more than your years of experience.")
            )
        return cleaned


class ProfileCertificationForm(forms.Form):
    certification = forms.ModelChoiceField(queryset=Certification.objects.none(), label=_("Certification"))
    # A date box reads and sends ISO dates whatever the language, so the value is always written as one.
    earned_on = forms.DateField(label=_("Earned on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("If it expires."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certification"].queryset = Certification.objects.filter(archived=False)

    def clean_earned_on(self) -> datetime.date:
        earned = self.cleaned_data["earned_on"]
        if earned > timezone.localdate():
            raise forms.ValidationError(gettext("The date you earned it cannot be in the future."))
        if earned.year < 1950:
            raise forms.ValidationError(gettext("Enter the year you earned it, e.g. 2021."))
        return earned

    def clean(self):
        cleaned = super().clean()
        earned, expires = cleaned.get("earned_on"), cleaned.get("expires_on")
        if earned and expires and expires <= earned:
            self.add_error("expires_on", gettext("The expiry date must come after the date you earned it."))
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
                form.add_error("certification", gettext("You listed this certification twice."))
            seen.add(certification)


CertificationFormSet = forms.formset_factory(
    ProfileCertificationForm, formset=BaseCertificationFormSet, extra=1, can_delete=True, max_num=50
)


class PlanTargetForm(forms.Form):
    """
    Choose where to go and how routes are ranked; the route itself is picked on the same page.

    Given where the person stands, only roles worth aiming for are accepted: not their own role
    and none below its level, with a message at the field that says why.
    """

    # Both picked by job title (roles' titles and O*NET's alternate titles), never a <select> of every role.
    start = RoleTitleField(queryset=Role.objects.none(), required=False, label=_("From (your job today)"))
    target = RoleTitleField(queryset=Role.objects.none(), label=_("Target role"))
    # Not required: the home page's "where do you stand" asks for routes without saying how to rank them.
    by = forms.ChoiceField(
        choices=Plan.Ranking.choices, label=_("Rank routes by"), initial=Plan.Ranking.TIME, required=False
    )

    def __init__(self, *args, start_role: Role | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_role = start_role
        roles = Role.objects.active().filter(is_entry=False)
        self.fields["start"].queryset = roles
        self.fields["target"].queryset = roles

    def clean_by(self) -> str:
        return self.cleaned_data["by"] or Plan.Ranking.TIME

    def suggested_target(self, default: Role | None) -> Role | None:
        """The target to compare first: the usual one if it lies ahead, else the nearest role that does."""
        if default is not None and self._worth_aiming_for(default, self.start_role):
            return default
        start = self.start_role
        ahead = self.fields["target"].queryset.order_by("level", "title")
        if start is not None and not start.is_entry:
            ahead = ahead.filter(level__gte=start.level).exclude(pk=start.pk)
        return ahead.first()

    @staticmethod
    def _worth_aiming_for(role: Role, start: Role | None) -> bool:
        return start is None or start.is_entry or (role.pk != start.pk and role.level >= start.level)

    def clean_target(self) -> Role:
        target = self.cleaned_data["target"]
        # The "From" picked on this page, else where the person's profile says they stand.
        start = self.cleaned_data.get("start") or self.start_role
        if start is not None and target.pk == start.pk:
            raise forms.ValidationError(
                gettext("You are a %(role)s already: pick a role to move on to.") % {"role": start.title},
                code="own_role",
            )
        if not self._worth_aiming_for(target, start):
            raise forms.ValidationError(
                gettext("%(target)s sits below where you stand (%(start)s): pick a role at your level or above.")
                % {"target": target.title, "start": start.title},
                code="below",
            )
        return target


class PlanPickForm(forms.Form):
    """The route a person picked: its roles as slugs, checked again against the graph by the service."""

    target = forms.SlugField(max_length=80)
    start = forms.SlugField(max_length=80, required=False)
    by = forms.ChoiceField(choices=Plan.Ranking.choices)
    route = forms.CharField(max_length=2000, help_text=_("Role slugs joined by commas."))
    title = forms.CharField(max_length=120, required=False, label=_("Name of the plan"))

    def clean_route(self) -> list[str]:
        slugs = [slug.strip() for slug in self.cleaned_data["route"].split(",") if slug.strip()]
        if len(slugs) < 2:
            raise forms.ValidationError(gettext("Pick a route with at least one move."))
        return slugs


class PlanStepForm(forms.ModelForm):
    """
    A step's status, target date and note, saved in place on the plan page.

    It carries the step's version as it was shown, so a save from a stale page is a conflict
    (planner.services.StepConflict) instead of an overwrite.
    """

    note_max_length = NOTE_MAX_LENGTH
    version = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        label=_("Page"),
        # Only a damaged or tampered page sends a bad one.
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"),
            _("This page's copy of the step cannot be read: reload the page and save again."),
        ),
    )

    class Meta:
        model = PlanStep
        fields = ("status", "target_date", "note")
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # No maxlength: the browser would cut a paste short without a word. A counter shows
            # the limit and the server says at the field when the note is over it.
            "note": forms.Textarea(attrs={"rows": 3, "data-maxlength": NOTE_MAX_LENGTH}),
        }
        labels = {"target_date": _("Target date"), "note": _("Your note")}
        error_messages = {"status": {"invalid_choice": _("Choose to do, doing, done or skipped.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        # Set by the view after a save or a conflict: the version the next save answers to.
        self.next_version: int | None = None
        # Set by the view on a conflict: rows of (label, saved value, the value sent).
        self.conflict: list[tuple[str, str, str]] | None = None

    @property
    def version_to_send(self):
        return self.next_version if self.next_version is not None else self["version"].value()

    def show_conflict(self, saved: PlanStep) -> None:
        """Describe where the step as saved differs from this form's values, and answer to its version."""
        self.next_version = saved.version
        self.conflict = []
        for name in self._meta.fields:
            theirs, yours = getattr(saved, name), self.cleaned_data.get(name)
            if theirs != yours:
                self.conflict.append(
                    (str(self.fields[name].label), _shown(self, name, theirs), _shown(self, name, yours))
                )

    def save_step(self, step: PlanStep) -> PlanStep:
        """
        Write this valid form's values onto ``step`` through ``plan_step_update``: the plan page and
        the API save a step this one way. Raises StepConflict for a stale version, ValidationError
        for what the service refuses.
        """
        return plan_step_update(
            step=step,
            status=self.cleaned_data["status"],
            target_date=self.cleaned_data["target_date"],
            note=self.cleaned_data["note"],
            expected_version=self.cleaned_data["version"],
        )

    def clean_target_date(self) -> datetime.date | None:
        date = self.cleaned_data.get("target_date")
        if date is None or self._date_unchanged(date):
            return date
        today = timezone.localdate()
        if date < today - OLDEST_TARGET_DATE:
            raise forms.ValidationError(
                gettext("%(date)s is more than a year ago: check the year.") % {"date": _day(date)}, code="too_far_back"
            )
        if date > today + LATEST_TARGET_DATE:
            raise forms.ValidationError(
                gettext("%(date)s is more than 30 years away: check the year.") % {"date": _day(date)}, code="too_far"
            )
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
                    gettext(
                        "%(date)s is more than a month ago and this step is still open. "
                        "Pick the date you now aim for, or mark the step done if you finished it then."
                    )
                    % {"date": _day(date)},
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
        return gettext("This date has passed. Set the date you now aim for, or mark the step done.")

    def _date_unchanged(self, date: datetime.date) -> bool:
        # A date saved earlier may have passed since: keep accepting it, so a note can still be saved.
        return bool(self.instance.pk) and self.instance.target_date == date


def _shown(form: forms.Form, name: str, value) -> str:
    """A step field's value as a person reads it."""
    if value in (None, ""):
        return gettext("(empty)")
    if isinstance(value, datetime.date):
        return _day(value)
    if name == "status":
        return str(dict(form.fields[name].choices).get(value, value))
    return str(value)


def _day(date: datetime.date) -> str:
    # A format in the catalogue: "January 1, 1990" in English, "1 de enero de 1990" in Spanish.
    return formats.date_format(date, pgettext("a day in a sentence, as a date format", "F j, Y"))
