"""
Admin for people's coaching: coach applications (approve or reject), and read-mostly views of
coachings with their consent record, invitation codes, comments, suggestions, reviews and
notifications. Consent is the client's to give: staff see it, never edit it.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy, ngettext

from coaching import services
from coaching.models import Coach, Coaching, CoachInvitation, Comment, ConsentEvent, Notification, Review, Suggestion


@admin.register(Coach)
class CoachAdmin(admin.ModelAdmin):
    list_display = ("user", "status", "applied_at", "decided_at", "decided_by")
    list_filter = ("status",)
    list_select_related = ("user", "decided_by")
    search_fields = ("user__username", "user__email", "bio")
    raw_id_fields = ("user",)
    readonly_fields = ("applied_at", "decided_at", "decided_by")
    fields = ("user", "status", "bio", "applied_at", "decided_at", "decided_by")
    actions = ("approve", "reject")

    def save_model(self, request, obj, form, change):
        """A staff decision (or a coach made here) is stamped with who and when, like the actions."""
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data and obj.status != Coach.Status.APPLIED:
            services.coach_decide(coach=obj, approve=obj.status == Coach.Status.APPROVED, by=request.user)

    @admin.action(description=gettext_lazy("Approve the selected coaches"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=gettext_lazy("Reject the selected applications"))
    def reject(self, request, queryset):
        self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve: bool) -> None:
        count = 0
        for coach in queryset:
            services.coach_decide(coach=coach, approve=approve, by=request.user)
            count += 1
        if approve:
            message = ngettext("Approved %(count)d coach.", "Approved %(count)d coaches.", count)
        else:
            message = ngettext("Rejected %(count)d coach.", "Rejected %(count)d coaches.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


class ConsentEventInline(admin.TabularInline):
    model = ConsentEvent
    fields = ("created_at", "actor", "action", "detail")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("created_at", "id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Coaching)
class CoachingAdmin(admin.ModelAdmin):
    """Read-only: only the client and the coach change a coaching, so the record stays theirs."""

    list_display = ("client", "coach", "status", "invited_by", "share_all", "created_at", "ended_at")
    list_filter = ("status", "invited_by")
    list_select_related = ("client", "coach")
    search_fields = ("client__username", "client__email", "coach__username", "coach__email")
    fields = (
        "client",
        "coach",
        "status",
        "invited_by",
        "share_all",
        "shared_plans",
        "created_at",
        "accepted_at",
        "ended_at",
    )
    readonly_fields = fields
    inlines = (ConsentEventInline,)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing is allowed through the view permission; nothing is editable.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CoachInvitation)
class CoachInvitationAdmin(admin.ModelAdmin):
    list_display = ("code", "coach", "created_at", "expires_at", "used_at", "used_by")
    list_select_related = ("coach", "used_by")
    search_fields = ("code", "coach__username")
    raw_id_fields = ("coach", "used_by")
    readonly_fields = ("code", "created_at", "used_at", "used_by")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "author", "plan", "step", "created_at", "edited_at", "deleted_at")
    list_select_related = ("author", "plan", "step", "plan__owner")
    search_fields = ("body", "author__username", "plan__title")
    list_filter = (("deleted_at", admin.EmptyFieldListFilter),)
    raw_id_fields = ("plan", "step", "parent", "author")


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "author", "kind", "status", "created_at", "decided_at")
    list_select_related = ("author", "plan")
    list_filter = ("kind", "status")
    search_fields = ("title", "message", "author__username", "plan__title")
    raw_id_fields = ("plan", "author", "move", "step")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("__str__", "author", "verdict", "created_at")
    list_select_related = ("author", "plan")
    list_filter = ("verdict",)
    search_fields = ("message", "author__username", "plan__title")
    raw_id_fields = ("plan", "author")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("text", "recipient", "kind", "created_at", "read_at")
    list_select_related = ("recipient",)
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter))
    search_fields = ("text", "recipient__username")
    raw_id_fields = ("recipient", "actor")


User = get_user_model()


@admin.action(description=gettext_lazy("Make the selected people coaches"))
def make_coaches(modeladmin, request, queryset):
    count = 0
    for user in queryset:
        services.coach_make(user=user, by=request.user)
        count += 1
    message = ngettext("Made %(count)d coach.", "Made %(count)d coaches.", count) % {"count": count}
    modeladmin.message_user(request, message, messages.SUCCESS)


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class CareerPathUserAdmin(UserAdmin):
    actions = (*(UserAdmin.actions or ()), make_coaches)
