"""
Admin for the role graph: roles with their skills, certifications and salary facts; moves with
their ordered steps; skills, certifications and salary facts on their own.

Plans refer to roles and steps, so the admin archives rather than deletes: the archive actions
save each object so that the graph revision moves on as for any other edit. Deleting something
that is still used is refused (the foreign keys are protected, in the database too); the refusal
page offers to archive it instead.

Role and move change forms carry the version they were opened at: a save over someone else's
change made meanwhile is refused with what they changed, never silently overwritten.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from careerpath.converters import MAX_ID
from roles.history import changed_since, display_value, history_version
from roles.models import (
    Certification,
    GraphRevision,
    Role,
    RoleCertification,
    RoleSkill,
    SalaryFact,
    Skill,
    Track,
    Transition,
    TransitionStep,
)
from roles.selectors import salary_fact_figure
from roles.services import job_titles_refresh

admin.site.site_header = gettext_lazy("CareerPath administration")
admin.site.site_title = gettext_lazy("CareerPath admin")
admin.site.index_title = gettext_lazy("The role graph and its people")
# The index links to the graph editor, its health page, history and import for those who may edit.
admin.site.index_template = "roles/editor/admin_index.html"


@transaction.atomic
def _set_archived(modeladmin, request, queryset, *, archived: bool) -> None:
    changed = 0
    for obj in queryset:
        if obj.archived != archived:
            obj.archived = archived
            obj.save(update_fields=["archived"])
            changed += 1
    if queryset.model is Role:  # the title search leaves archived roles out, and takes restored ones back
        job_titles_refresh(role_ids=[obj.pk for obj in queryset])
    counts = {"changed": changed, "selected": len(queryset)}
    if archived:
        message = ngettext(
            "Archived %(changed)d of %(selected)d selected.",
            "Archived %(changed)d of %(selected)d selected.",
            len(queryset),
        )
    else:
        message = ngettext(
            "Restored %(changed)d of %(selected)d selected.",
            "Restored %(changed)d of %(selected)d selected.",
            len(queryset),
        )
    modeladmin.message_user(request, message % counts, messages.SUCCESS)


@admin.action(description=gettext_lazy("Archive selected (kept for plans, hidden from the graph)"))
def archive_selected(modeladmin, request, queryset):
    _set_archived(modeladmin, request, queryset, archived=True)


@admin.action(description=gettext_lazy("Restore selected from the archive"))
def restore_selected(modeladmin, request, queryset):
    _set_archived(modeladmin, request, queryset, archived=False)


class VersionedAdminForm(forms.ModelForm):
    """
    A change form that knows the version it was opened at (the object's latest history row).

    If someone saved the object since, changing a field this form holds to a value other than the
    one submitted, the save is refused with their values; saving again then keeps yours.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_ID)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = history_version(self.instance)

    def clean(self):
        cleaned = super().clean()
        expected = cleaned.get("version")
        if self.instance.pk is None or expected is None:
            return cleaned
        model = type(self.instance)
        saved = model.objects.get(pk=self.instance.pk)
        version = history_version(saved)
        if version == expected:
            return cleaned
        names = [name for name in self.fields if name != "version" and name in cleaned]
        changed = changed_since(saved, expected, names)
        conflicts = [f for f in changed.fields if _pk(cleaned[f.name]) != f.theirs]
        if not conflicts:
            return cleaned
        # Saving again is a deliberate choice to keep these values: carry on from the saved version.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = version
        details = "; ".join(
            _("%(field)s: theirs “%(theirs)s”, yours “%(yours)s”")
            % {"field": f.label, "theirs": f.theirs_display, "yours": display_value(model, f.name, cleaned[f.name])}
            for f in conflicts
        )
        values = {"by": changed.by, "thing": model._meta.verbose_name, "details": details}
        if changed.when:
            message = _(
                "Not saved: %(by)s changed this %(thing)s at %(time)s UTC after you opened it. %(details)s. "
                "Save again to replace their values with yours, or reload the page to start from theirs."
            ) % {**values, "time": f"{changed.when:%H:%M}"}
        else:
            message = (
                _(
                    "Not saved: %(by)s changed this %(thing)s after you opened it. %(details)s. "
                    "Save again to replace their values with yours, or reload the page to start from theirs."
                )
                % values
            )
        raise ValidationError(message)


def _pk(value):
    return value.pk if hasattr(value, "pk") else value


class ArchiveInsteadOfDeleteMixin:
    """A delete refused because the object is used offers to archive it instead."""

    delete_confirmation_template = "roles/editor/admin_delete_confirmation.html"

    def get_urls(self):
        opts = self.model._meta
        urls = [
            path(
                "<path:object_id>/archive/",
                self.admin_site.admin_view(self.archive_view),
                name=f"{opts.app_label}_{opts.model_name}_archive",
            )
        ]
        return urls + super().get_urls()

    def archive_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if request.method != "POST":
            return redirect(reverse(f"admin:{self._url_prefix()}_delete", args=[obj.pk]))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if not obj.archived:
            with transaction.atomic():
                obj.archived = True
                obj.save(update_fields=["archived"])
                if isinstance(obj, Role):
                    job_titles_refresh(role_ids=[obj.pk])
        self.message_user(
            request,
            _("Archived “%(object)s”: new routes leave it out, and everything that uses it keeps it.")
            % {"object": obj},
            messages.SUCCESS,
        )
        return redirect(reverse(f"admin:{self._url_prefix()}_change", args=[obj.pk]))

    def delete_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "archive_url": reverse(f"admin:{self._url_prefix()}_archive", args=[object_id]),
        }
        return super().delete_view(request, object_id, extra_context=extra_context)

    def _url_prefix(self) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"


class GraphLinksMixin:
    """Link a role's or a move's change page to its readable history and to the graph editor."""

    change_form_template = "roles/editor/admin_change_form.html"
    editor_url_name = ""
    history_url_name = ""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {})}
        if str(object_id).isdigit():
            extra_context["graph_editor_url"] = reverse(self.editor_url_name, args=[object_id])
            extra_context["graph_history_url"] = reverse(self.history_url_name, args=[object_id])
        return super().change_view(request, object_id, form_url=form_url, extra_context=extra_context)


class RoleSkillInline(admin.TabularInline):
    model = RoleSkill
    extra = 0
    autocomplete_fields = ["skill"]
    fields = ["skill", "level", "source"]


class RoleCertificationInline(admin.TabularInline):
    model = RoleCertification
    extra = 0
    autocomplete_fields = ["certification"]
    fields = ["certification", "kind", "source"]


class SalaryFactInline(admin.StackedInline):
    model = SalaryFact
    fk_name = "role"
    extra = 0
    autocomplete_fields = ["relative_to"]
    fieldsets = [
        (None, {"fields": [("kind", "period"), ("amount", "amount_min", "amount_max", "open_ended"), "relative_to"]}),
        (None, {"fields": [("scope", "scope_label"), "source", "note"]}),
    ]


@admin.register(Role)
class RoleAdmin(GraphLinksMixin, ArchiveInsteadOfDeleteMixin, admin.ModelAdmin):
    form = VersionedAdminForm
    editor_url_name = "roles:editor-role"
    history_url_name = "roles:history-role"
    list_display = ["title", "slug", "track", "level", "is_entry", "is_track_top", "archived"]
    list_display_links = ["title"]
    list_filter = ["track", "archived", "level", "is_entry", "is_track_top"]
    search_fields = ["title", "slug", "alternate_titles", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["level", "title"]
    actions = [archive_selected, restore_selected]
    inlines = [RoleSkillInline, RoleCertificationInline, SalaryFactInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # In the admin's transaction, like the editor's services: the title search stays true.
        job_titles_refresh(role_ids=[obj.pk])

    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", ("track", "level"), ("is_entry", "is_track_top", "archived"), "version"]},
        ),
        (
            gettext_lazy("Description"),
            {"fields": ["summary", "duties", "alternate_titles", "onet_soc_code", "sources"]},
        ),
        (
            gettext_lazy("Requirements"),
            {
                "fields": [
                    ("min_education", "preferred_education"),
                    "education_note",
                    ("min_experience_years", "min_leadership_years"),
                    "experience_note",
                ]
            },
        ),
    ]


class SourceTrackFilter(admin.SimpleListFilter):
    title = gettext_lazy("track it starts from")
    parameter_name = "from_track"
    field = "source_role__track"

    def lookups(self, request, model_admin):
        return Track.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class TargetTrackFilter(SourceTrackFilter):
    title = gettext_lazy("track it leads to")
    parameter_name = "to_track"
    field = "target_role__track"


class TransitionStepInline(admin.StackedInline):
    model = TransitionStep
    extra = 0
    ordering = ["order"]
    autocomplete_fields = ["skill", "certification"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("order", "kind", "optional", "archived"),
                    "title",
                    "description",
                    ("months_min", "months_max"),
                ]
            },
        ),
        (
            gettext_lazy("What the step satisfies"),
            {
                "fields": [
                    ("skill", "skill_level"),
                    "certification",
                    "education",
                    ("experience_kind", "years"),
                    "source",
                ]
            },
        ),
    ]


@admin.register(Transition)
class TransitionAdmin(GraphLinksMixin, ArchiveInsteadOfDeleteMixin, admin.ModelAdmin):
    form = VersionedAdminForm
    editor_url_name = "roles:editor-transition"
    history_url_name = "roles:history-transition"
    list_display = ["source_role", "target_role", "kind", "steps_count", "archived"]
    list_display_links = ["source_role", "target_role"]
    list_filter = ["kind", "archived", SourceTrackFilter, TargetTrackFilter]
    search_fields = ["source_role__title", "target_role__title", "source_role__slug", "target_role__slug"]
    list_select_related = ["source_role", "target_role"]
    autocomplete_fields = ["source_role", "target_role"]
    actions = [archive_selected, restore_selected]
    inlines = [TransitionStepInline]
    fields = [("source_role", "target_role"), "kind", "note", "source", "archived", "version"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_steps_count=Count("steps", filter=Q(steps__archived=False)))

    @admin.display(description=gettext_lazy("steps"), ordering="_steps_count")
    def steps_count(self, obj):
        return obj._steps_count


@admin.register(Skill)
class SkillAdmin(ArchiveInsteadOfDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "category", "source", "archived"]
    list_filter = ["category", "archived", "source"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [archive_selected, restore_selected]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "description", "source", "archived"]}),
        (
            gettext_lazy("What each level looks like"),
            {"fields": ["level_1", "level_2", "level_3", "level_4", "level_5"]},
        ),
    ]


@admin.register(Certification)
class CertificationAdmin(ArchiveInsteadOfDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "issuer", "cost_min", "cost_max", "duration_months", "archived"]
    list_filter = ["archived", "issuer", "source"]
    search_fields = ["name", "abbreviation", "slug", "issuer"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [archive_selected, restore_selected]


@admin.register(SalaryFact)
class SalaryFactAdmin(admin.ModelAdmin):
    list_display = ["role", "figure", "kind", "scope", "scope_label", "source"]
    list_filter = ["source", "kind", "scope", "period"]
    search_fields = ["role__title", "scope_label", "source", "note"]
    list_select_related = ["role", "relative_to"]
    autocomplete_fields = ["role", "relative_to"]
    fieldsets = [
        (None, {"fields": ["role", ("kind", "period"), ("amount", "amount_min", "amount_max", "open_ended")]}),
        (None, {"fields": ["relative_to", ("scope", "scope_label"), "source", "note"]}),
    ]

    @admin.display(description=gettext_lazy("figure"))
    def figure(self, obj):
        return salary_fact_figure(obj)


@admin.register(GraphRevision)
class GraphRevisionAdmin(admin.ModelAdmin):
    """The revision counter moves on by itself with every change; nobody edits it."""

    list_display = ["number", "changed_at"]
    readonly_fields = ["number", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
