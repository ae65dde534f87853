from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PersonalAccessTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PersonalAccessToken(models.Model):
    """
    A token a person makes for their scripts: ``cp_<prefix>_<secret>``.

    Only the prefix (to find the row) and a SHA-256 hash of the secret are stored; the secret is
    shown once, when the token is made. The secret is 256 random bits, so a fast hash is enough
    (a slow password hash protects guessable secrets, and this one is not guessable).
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read-write", _("Read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=80, help_text=_("What the token is for, so you know which one to revoke."))
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PersonalAccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["read", "read-write"]), name="token_scope_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.shown_start})"

    @property
    def shown_start(self) -> str:
        """How the token starts, for telling tokens apart: ``cp_<prefix>_…`` (never the secret)."""
        return f"cp_{self.prefix}_…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE
