"""
People and their plans: a profile of where a person stands, and plans toward a target role.

A plan copies what it shows of the role graph (titles, months) into its own rows, and refers to the
graph with protected foreign keys: a role, move or step a plan uses can be archived but never
deleted, so nothing a person wrote is lost when the graph changes.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from roles.models import Certification, Education, Role, Skill, Transition, TransitionStep

MAX_YEARS = 50
NOTE_MAX_LENGTH = 2000


class Profile(models.Model):
    """Where a person stands today: the facts the engine personalises routes with."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    current_role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty if you have no customer service experience yet.",
    )
    years_experience = models.DecimalField(
        "years of customer service experience",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    years_leading = models.DecimalField(
        "years leading people",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    education = models.PositiveSmallIntegerField(
        "highest education", choices=Education.choices, default=Education.HIGH_SCHOOL
    )
    hours_per_week = models.PositiveSmallIntegerField(
        "hours a week for your plan",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Time you can give to study and practice; it sets the pace of learning steps.",
    )
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
        "self-rated level", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # A coach may confirm or adjust the level; both figures are kept and gaps use the verified one.
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
    earned_on = models.DateField("earned on")
    expires_on = models.DateField("expires on", null=True, blank=True)

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


class PlanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class Plan(models.Model):
    class Ranking(models.TextChoices):
        TIME = "time", "Fastest"
        MOVES = "moves", "Fewest moves"
        SALARY = "salary", "Best pay"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=120)
    start_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    target_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+")
    ranking = models.CharField(max_length=6, choices=Ranking.choices, default=Ranking.TIME)
    graph_revision = models.PositiveBigIntegerField(default=0, help_text="The graph revision the route came from.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = PlanQuerySet.as_manager()

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
        TODO = "todo", "To do"
        DOING = "doing", "Doing"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

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

    class Meta:
        ordering = ["plan", "move__position", "order"]
        constraints = [
            models.UniqueConstraint(fields=["move", "order"], name="planstep_order_unique"),
            models.CheckConstraint(condition=Q(months_min__lte=models.F("months_max")), name="planstep_months_range"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.SKIPPED)


# --- Coaching ------------------------------------------------------------------------------


class Coach(models.Model):
    """A person who applied to coach others; only approved coaches may be invited or accept clients."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach")
    bio = models.TextField("about you as a coach", blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.APPLIED)
    applied_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-applied_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class CoachingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Coaching.Status.ACTIVE)

    def open(self):
        return self.filter(status__in=[Coaching.Status.INVITED, Coaching.Status.ACTIVE])


class Coaching(models.Model):
    """The consent between a client and a coach: which plans the coach may see, until revoked."""

    class Status(models.TextChoices):
        INVITED = "invited", "Waiting for an answer"
        ACTIVE = "active", "Active"
        DECLINED = "declined", "Declined"
        REVOKED = "revoked", "Ended"

    class Side(models.TextChoices):
        CLIENT = "client", "The client"
        COACH = "coach", "The coach"

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coachings")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clientships")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.INVITED)
    invited_by = models.CharField(max_length=6, choices=Side.choices)
    share_all = models.BooleanField("share all my plans", default=True)
    shared_plans = models.ManyToManyField(Plan, blank=True, related_name="coachings")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = CoachingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(client=models.F("coach")), name="coaching_not_self"),
            models.UniqueConstraint(
                fields=["client", "coach"],
                condition=Q(status__in=["invited", "active"]),
                name="coaching_one_open_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coach} coaching {self.client} ({self.get_status_display()})"


class CoachInvitation(models.Model):
    """A one-time code a coach hands out; the client who uses it grants the coach access."""

    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_invitations")
    code = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code


class ConsentEvent(models.Model):
    """The record of every grant, change and revoke: who and when. Never edited."""

    class Action(models.TextChoices):
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        SHARING_CHANGED = "sharing", "Changed what is shared"
        REVOKED = "revoked", "Ended access"

    coaching = models.ForeignKey(Coaching, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=8, choices=Action.choices)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M}"


class Comment(models.Model):
    """A comment on a plan or on one of its steps; replies thread under a parent."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.plan}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Suggestion(models.Model):
    """A coach's proposed change; it touches the plan only when the client accepts it."""

    class Kind(models.TextChoices):
        ADD_STEP = "add_step", "Add a step"
        CHANGE_DATE = "date", "Change a step's date"
        OTHER_ROUTE = "route", "Take another route"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for you"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="suggestions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # Add a step: on which move, what and of which kind.
    move = models.ForeignKey(PlanRole, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200, blank=True)
    step_kind = models.CharField(max_length=14, choices=TransitionStep.Kind.choices, blank=True)
    # Change a date: which step, to when (also the date of a new step).
    step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions")
    target_date = models.DateField(null=True, blank=True)
    # Another route: role slugs joined by commas.
    route = models.CharField(max_length=2000, blank=True)
    message = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.plan}"


class Review(models.Model):
    class Verdict(models.TextChoices):
        LOOKS_GOOD = "good", "Looks good"
        NEEDS_CHANGES = "changes", "Needs changes"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=7, choices=Verdict.choices)
    message = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} on {self.plan}"


class CoachNote(models.Model):
    """A coach's private note on a client: the client never sees it."""

    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note by {self.coach} on {self.client}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        SUGGESTION = "suggestion", "Suggestion"
        REVIEW = "review", "Review"
        COACHING = "coaching", "Coaching"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text
