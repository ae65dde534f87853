"""
People and their plans: a profile of where a person stands, and plans toward a target role.

A plan copies what it shows of the role graph (titles, months) into its own rows, and refers to the
graph with protected foreign keys: a role, move or step a plan uses can be archived but never
deleted, so nothing a person wrote is lost when the graph changes.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roles.models import Certification, Education, Role, Skill, Transition, TransitionStep

MAX_YEARS = 50
NOTE_MAX_LENGTH = 2000
# A plan step's fields its owner edits; saving any of them makes a new version of the step.
EDITED_FIELDS = frozenset({"status", "target_date", "note"})


class Profile(models.Model):
    """Where a person stands today: the facts the engine personalises routes with."""

    # On delete, per foreign key to the user: what is the person's alone goes with their account.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    current_role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty if you have no customer service experience yet."),
    )
    years_experience = models.DecimalField(
        _("years of customer service experience"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    years_leading = models.DecimalField(
        _("years leading people"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    education = models.PositiveSmallIntegerField(
        _("highest education"), choices=Education.choices, default=Education.HIGH_SCHOOL
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week for your plan"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Time you can give to study and practice; it sets the pace of learning steps."),
    )
    # The language chosen with the switcher (a code of settings.LANGUAGES), blank until one is:
    # what is written to the person while they are not reading (notifications, emails) uses it.
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(years_experience__gte=0, years_experience__lte=MAX_YEARS), name="profile_years_range"
            ),
            models.CheckConstraint(
                condition=Q(years_leading__gte=0, years_leading__lte=MAX_YEARS), name="profile_leading_range"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1, hours_per_week__lte=60), name="profile_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("self-rated level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # A coach may confirm or adjust the level; both figures are kept and gaps use the verified one.
    # The verification stays if the coach deletes their account (it is the client's record).
    verified_level = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profileskill_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="profileskill_level_range"),
            models.CheckConstraint(
                condition=Q(verified_level__isnull=True) | Q(verified_level__gte=1, verified_level__lte=5),
                name="profileskill_verified_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.level}"

    @property
    def effective_level(self) -> int:
        return self.verified_level or self.level


class ProfileCertification(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="certifications")
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="+")
    earned_on = models.DateField(_("earned on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        ordering = ["certification__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "certification"], name="profilecertification_unique"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("earned_on")),
                name="profilecertification_expires_after_earned",
            ),
        ]

    def __str__(self) -> str:
        return str(self.certification)


# How long a deleted plan waits in the bin before `purge_plan_bin` deletes it for good.
BIN_DAYS = 30


class PlanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def in_bin(self):
        return self.filter(deleted_at__isnull=False)


class PlanManager(models.Manager.from_queryset(PlanQuerySet)):  # type: ignore[misc]
    """
    Plans outside the bin: the one place that hides a deleted plan from every page and list.

    As the default manager it also filters the related managers (``user.plans``, a coaching's
    ``shared_plans``), so the owner's lists, the coach's views and the export never see a binned
    plan unless they ask ``Plan.with_bin``. The base manager stays unfiltered: a comment still
    reaches its plan, and deleting a person still deletes the plans in their bin.
    """

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Plan(models.Model):
    class Ranking(models.TextChoices):
        TIME = "time", _("Fastest")
        MOVES = "moves", _("Fewest moves")
        SALARY = "salary", _("Best pay")

    # The owner's plans go with their account, the bin's too (and so does what coaches wrote on them).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=120)
    start_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    target_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    ranking = models.CharField(max_length=6, choices=Ranking.choices, default=Ranking.TIME)
    graph_revision = models.PositiveBigIntegerField(default=0, help_text="The graph revision the route came from.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # Set when the owner deletes the plan: it waits in the bin for BIN_DAYS, then goes for good.
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = PlanManager()
    with_bin = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(start_role=models.F("target_role")), name="plan_start_not_target"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planner:plan-detail", kwargs={"pk": self.pk})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_in_bin(self) -> bool:
        return self.deleted_at is not None

    @property
    def purge_on(self) -> datetime.date | None:
        """The day the bin deletes this plan for good."""
        return (self.deleted_at + datetime.timedelta(days=BIN_DAYS)).date() if self.deleted_at else None


class PlanRole(models.Model):
    """A role on a plan's route, in order (0 is where the person starts)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="route_roles")
    position = models.PositiveSmallIntegerField()
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    transition = models.ForeignKey(
        Transition, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="The move into it."
    )
    # A recomputed plan keeps its earlier route's rows (and their steps and notes), retired.
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="planrole_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.role}"


class PlanStep(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("Doing")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    move = models.ForeignKey(PlanRole, on_delete=models.CASCADE, related_name="steps", help_text="The move it is on.")
    transition_step = models.ForeignKey(
        TransitionStep, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_steps"
    )
    order = models.PositiveSmallIntegerField()
    # Copied from the graph so the plan reads the same after the graph changes.
    kind = models.CharField(max_length=14, choices=TransitionStep.Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    months_min = models.PositiveSmallIntegerField(default=0)
    months_max = models.PositiveSmallIntegerField(default=0)
    met_at_creation = models.BooleanField(default=False, help_text="The person already met it when planning.")
    # The step is the plan owner's once accepted: it stays if the coach who suggested it leaves.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who added a step that is not from the role graph (a coach's accepted suggestion).",
    )
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.TODO)
    target_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Counts saves of what the person edits (status, target date, note): a form carries the
    # version it was opened at, and a save from an older one is a conflict, not an overwrite.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["plan", "move__position", "order"]
        constraints = [
            models.UniqueConstraint(fields=["move", "order"], name="planstep_order_unique"),
            models.CheckConstraint(condition=Q(months_min__lte=models.F("months_max")), name="planstep_months_range"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or EDITED_FIELDS.intersection(update_fields)):
            self.version += 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.SKIPPED)
