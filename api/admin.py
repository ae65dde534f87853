from django.contrib import admin

from api.models import PersonalAccessToken


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    """Staff can see and revoke tokens (set “revoked at”); nobody can read a secret, only its hash is kept."""

    list_display = ("name", "user", "scope", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("user", "prefix", "secret_hash", "scope", "created_at", "last_used_at")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False  # tokens are made by their owner on /api/tokens/, where the secret is shown once
