"""
Forms of the staff graph editor and the graph file import. They check input; services write.

The model forms run the model's own validation (the same the admin runs), so most mistakes show
at their field before the service runs the graph's rules again under a lock.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from careerpath.converters import MAX_ID
from roles.models import Certification, Role, Skill, Transition, TransitionStep
from roles.selectors.titles import EXACT, job_title_search
from roles.services import ROLE_FIELDS, ROLE_UPDATE_FIELDS, STEP_FIELDS, TRANSITION_UPDATE_FIELDS

MAX_IMPORT_BYTES = 5 * 1024 * 1024
TEXTAREA = {"rows": 3}


class VersionField(forms.IntegerField):
    """The version of the object the form was opened at, to spot someone else's save meanwhile."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        # A history row's id: at most a 64-bit integer (SQLite overflows on a larger one).
        super().__init__(required=False, min_value=0, max_value=MAX_ID, **kwargs)


ROLE_LABELS = {"is_entry": _("Entry node"), "is_track_top": _("Top of its track")}


def _role_widgets() -> dict:
    return {
        "summary": forms.Textarea(attrs=TEXTAREA),
        "duties": forms.Textarea(attrs=TEXTAREA),
        "alternate_titles": forms.Textarea(attrs={"rows": 2}),
        "education_note": forms.Textarea(attrs={"rows": 2}),
        "experience_note": forms.Textarea(attrs={"rows": 2}),
        "sources": forms.Textarea(attrs={"rows": 2}),
        "level": forms.NumberInput(attrs={"min": 0, "max": 10}),
        "min_experience_years": forms.NumberInput(attrs={"min": 0, "max": 50, "step": "0.5"}),
        "min_leadership_years": forms.NumberInput(attrs={"min": 0, "max": 50, "step": "0.5"}),
    }


class RoleCreateForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = ROLE_FIELDS
        widgets = _role_widgets()
        labels = ROLE_LABELS
        help_texts = {"slug": _("Lowercase words joined by hyphens; the role's address and its name in graph files.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].widget.attrs.update({"data-slug-target": "", "autocomplete": "off"})
        self.fields["title"].widget.attrs.update({"data-slug-source": ""})

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug != slug.lower():
            raise forms.ValidationError(_("Use lowercase letters, digits and hyphens only."))
        return slug


class RoleUpdateForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Role
        fields = ROLE_UPDATE_FIELDS
        widgets = _role_widgets()
        labels = ROLE_LABELS


class TransitionCreateForm(forms.Form):
    source_role = forms.ModelChoiceField(
        label=_("From role"), queryset=Role.objects.none(), empty_label=_("Choose the role the move starts from")
    )
    target_role = forms.ModelChoiceField(
        label=_("To role"), queryset=Role.objects.none(), empty_label=_("Choose the role the move leads to")
    )
    kind = forms.ChoiceField(
        label=_("Kind of move"), choices=Transition.Kind.choices, initial=Transition.Kind.PROMOTION
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(
        label=_("Source"), required=False, max_length=120, help_text=_("Document that describes this move.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roles = Role.objects.active().order_by("level", "title")
        self.fields["source_role"].queryset = roles
        self.fields["target_role"].queryset = roles
        self.fields["source_role"].label_from_instance = _role_choice
        self.fields["target_role"].label_from_instance = _role_choice

    def clean(self):
        cleaned = super().clean()
        source, target = cleaned.get("source_role"), cleaned.get("target_role")
        if source and target and source == target:
            self.add_error("target_role", _("A move must lead to another role."))
        return cleaned


def _role_choice(role: Role) -> str:
    return _("%(title)s (level %(level)s)") % {"title": role.title, "level": role.level}


class TransitionUpdateForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Transition
        fields = TRANSITION_UPDATE_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"kind": _("Kind of move")}


class StepForm(forms.ModelForm):
    """A step of a move; a new reference may only name a current skill or certification."""

    version = VersionField()

    class Meta:
        model = TransitionStep
        fields = STEP_FIELDS
        widgets = {
            "description": forms.Textarea(attrs=TEXTAREA),
            "months_min": forms.NumberInput(attrs={"min": 0, "max": 240}),
            "months_max": forms.NumberInput(attrs={"min": 0, "max": 240}),
            "skill_level": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "years": forms.NumberInput(attrs={"min": 0, "max": 50, "step": "0.5"}),
        }
        labels = {
            "kind": _("Kind of step"),
            "months_min": _("Shortest time (months)"),
            "months_max": _("Longest time (months)"),
            "skill_level": _("Skill level needed (1–5)"),
            "education": _("Education needed"),
            "experience_kind": _("Kind of experience"),
        }
        help_texts = {
            "skill": _("For a skill step: the skill it builds."),
            "certification": _("For a certification step: the certification it earns."),
            "education": _("For an education step: the level it reaches."),
            "experience_kind": _("For an experience step, with the years below."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["skill"].queryset = Skill.objects.filter(Q(archived=False) | Q(pk=instance.skill_id or 0)).order_by(
            "name"
        )
        self.fields["certification"].queryset = Certification.objects.filter(
            Q(archived=False) | Q(pk=instance.certification_id or 0)
        ).order_by("name")
        if not instance.pk:
            del self.fields["version"]


class GraphImportForm(forms.Form):
    file = forms.FileField(
        label=_("Role graph file (JSON)"),
        help_text=_("A file in the format that “Download the graph” gives, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": number_format(upload.size / 1024 / 1024, 1), "limit": MAX_IMPORT_BYTES // 1024 // 1024}
            )
        raw = upload.read(MAX_IMPORT_BYTES + 1)
        try:
            self.cleaned_data["text"] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(position)s cannot be read); save it as UTF-8 JSON.")
                % {"position": error.start}
            ) from None
        return upload


class GraphImportApplyForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)


# ---------------------------------------------------------------------------------------------
# Picking a role by job title (home page, profile, new plan)

ROLE_TITLE_MAX_LENGTH = 200


class RoleTitleWidget(forms.HiddenInput):
    """
    The picked role's slug under the field's name, beside the title typed under ``<name>_title``.

    ``{% title_picker form.field %}`` (roles_tags) draws both as a combobox; with JavaScript a
    suggestion fills the slug, without it the title alone is sent and the field resolves it.
    """

    def value_from_datadict(self, data, files, name):
        return (data.get(name) or "", data.get(f"{name}_title") or "")

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_title" not in data


class RoleTitleField(forms.Field):
    """A role named by its slug, or by a job title that names exactly one role; cleans to a Role."""

    widget = RoleTitleWidget

    def __init__(self, *, queryset, **kwargs):
        self.queryset = queryset
        super().__init__(**kwargs)

    def to_python(self, value) -> Role | None:
        if isinstance(value, Role):
            return value
        slug, title = value if isinstance(value, list | tuple) else (value or "", "")
        slug, title = str(slug).strip(), " ".join(str(title).split())
        if "\x00" in slug or "\x00" in title:
            # PostgreSQL cannot hold a NUL byte: refuse it here rather than fail in the query.
            raise forms.ValidationError(_("That has a character no job title holds: type it again."))
        if len(slug) > Role._meta.get_field("slug").max_length or len(title) > ROLE_TITLE_MAX_LENGTH:
            raise forms.ValidationError(_("That is longer than any job title: type a shorter one."))
        if slug:
            role = self.queryset.filter(slug=slug).first()
            if role is None:
                raise forms.ValidationError(
                    _("No role matches “%(title)s” — pick one from the suggestions.") % {"title": slug}
                )
            return role
        if not title:
            return None
        # Typed without picking (no JavaScript): accept a title that names exactly one role.
        exact = [match for match in job_title_search(title, limit=3) if match.match == EXACT]
        if len(exact) == 1:
            role = self.queryset.filter(pk=exact[0].role.pk).first()
            if role is not None:
                return role
        raise forms.ValidationError(
            _("No role matches “%(title)s” — pick one from the suggestions.") % {"title": title}
        )

    def validate(self, value) -> None:
        if value is None and self.required:
            raise forms.ValidationError(_("Type a job title and pick a role from the suggestions."), code="required")


class GraphFocusForm(forms.Form):
    """The graph page's query: the role to centre on (by job title) and how many moves around it."""

    role = RoleTitleField(queryset=Role.objects.none(), required=False, label=_("Centre on a role"))
    depth = forms.TypedChoiceField(
        label=_("Moves around it"), choices=[(str(n), str(n)) for n in (1, 2, 3)], coerce=int, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Role.objects.active()
