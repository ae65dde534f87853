"""
Admin for the role graph: roles with their skills, certifications and salary facts; moves with
their ordered steps; skills, certifications and salary facts on their own.

Plans refer to roles and steps, so the admin archives rather than deletes: the archive actions
save each object so that the graph revision moves on as for any other edit.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q

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
from roles.queries import salary_fact_figure

admin.site.site_header = "CareerPath administration"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "The role graph and its people"


def _set_archived(modeladmin, request, queryset, *, archived: bool) -> None:
    changed = 0
    for obj in queryset:
        if obj.archived != archived:
            obj.archived = archived
            obj.save(update_fields=["archived"])
            changed += 1
    verb = "Archived" if archived else "Restored"
    modeladmin.message_user(request, f"{verb} {changed} of {len(queryset)} selected.", messages.SUCCESS)


@admin.action(description="Archive selected (kept for plans, hidden from the graph)")
def archive_selected(modeladmin, request, queryset):
    _set_archived(modeladmin, request, queryset, archived=True)


@admin.action(description="Restore selected from the archive")
def restore_selected(modeladmin, request, queryset):
    _set_archived(modeladmin, request, queryset, archived=False)


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
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "track", "level", "is_entry", "is_track_top", "archived"]
    list_display_links = ["title"]
    list_filter = ["track", "archived", "level", "is_entry", "is_track_top"]
    search_fields = ["title", "slug", "alternate_titles", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["level", "title"]
    actions = [archive_selected, restore_selected]
    inlines = [RoleSkillInline, RoleCertificationInline, SalaryFactInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", ("track", "level"), ("is_entry", "is_track_top", "archived")]}),
        ("Description", {"fields": ["summary", "duties", "alternate_titles", "onet_soc_code", "sources"]}),
        (
            "Requirements",
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
    title = "track it starts from"
    parameter_name = "from_track"
    field = "source_role__track"

    def lookups(self, request, model_admin):
        return Track.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class TargetTrackFilter(SourceTrackFilter):
    title = "track it leads to"
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
            "What the step satisfies",
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
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["source_role", "target_role", "kind", "steps_count", "archived"]
    list_display_links = ["source_role", "target_role"]
    list_filter = ["kind", "archived", SourceTrackFilter, TargetTrackFilter]
    search_fields = ["source_role__title", "target_role__title", "source_role__slug", "target_role__slug"]
    list_select_related = ["source_role", "target_role"]
    autocomplete_fields = ["source_role", "target_role"]
    actions = [archive_selected, restore_selected]
    inlines = [TransitionStepInline]
    fields = [("source_role", "target_role"), "kind", "note", "source", "archived"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_steps_count=Count("steps", filter=Q(steps__archived=False)))

    @admin.display(description="steps", ordering="_steps_count")
    def steps_count(self, obj):
        return obj._steps_count


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category", "source", "archived"]
    list_filter = ["category", "archived", "source"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [archive_selected, restore_selected]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "description", "source", "archived"]}),
        ("What each level looks like", {"fields": ["level_1", "level_2", "level_3", "level_4", "level_5"]}),
    ]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
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

    @admin.display(description="figure")
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
