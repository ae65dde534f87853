"""
Coaches and their clients: the consent between them, and what a coach writes on a shared plan.

These tables were created by the planner app and keep its names (``db_table``): the models moved
here with a state-only migration, so existing rows stay where they are.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planner.models import NOTE_MAX_LENGTH, Plan, PlanRole, PlanStep
from roles.models import TransitionStep

# How pages name a coach whose account was deleted (what they wrote stays on the client's plans).
FORMER_COACH = "a former coach"


class Coach(models.Model):
    """A person who applied to coach others; only approved coaches may be invited or accept clients."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # The application is the person's own: it goes with their account.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach")
    bio = models.TextField(_("about you as a coach"), blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.APPLIED)
    applied_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The decision stands if the staff member who made it leaves.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "planner_coach"
        verbose_name_plural = _("coaches")
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
        INVITED = "invited", _("Waiting for an answer")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Ended")

    class Side(models.TextChoices):
        CLIENT = "client", _("The client")
        COACH = "coach", _("The coach")

    # A client who deletes their account takes the coaching and its record with them (it is about
    # their plans). A coach who does leaves it to the client, ended and with its whole consent
    # record, under "a former coach": the client's history is not the coach's to erase.
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coachings")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="clientships"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.INVITED)
    invited_by = models.CharField(max_length=6, choices=Side.choices)
    # Nothing is shared until the client chooses: accepting a coach is not showing them everything.
    share_all = models.BooleanField(_("share all my plans"), default=False)
    shared_plans = models.ManyToManyField(Plan, blank=True, related_name="coachings")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = CoachingQuerySet.as_manager()

    class Meta:
        db_table = "planner_coaching"
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
        return f"{self.coach or FORMER_COACH} coaching {self.client} ({self.get_status_display()})"


class CoachInvitation(models.Model):
    """A one-time code a coach hands out; the client who uses it grants the coach access."""

    # Unused codes are worthless without their coach; used ones already made their coaching.
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_invitations")
    code = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # The coach's record of a used code stays if the client who used it leaves.
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "planner_coachinvitation"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.code


class ConsentEvent(models.Model):
    """The record of every grant, change and revoke: who and when. Never edited."""

    class Action(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SHARING_CHANGED = "sharing", _("Changed what is shared")
        REVOKED = "revoked", _("Ended access")

    coaching = models.ForeignKey(Coaching, on_delete=models.CASCADE, related_name="events")
    # The record outlives whoever acted ("a deleted account"); it goes only with its coaching.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=8, choices=Action.choices)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "planner_consentevent"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M}"


class Comment(models.Model):
    """A comment on a plan or on one of its steps; replies thread under a parent."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    # Written on someone's plan, it stays there if its author deletes their account, shown as by
    # "a former coach" (the plan's owner writes only on their own plans, which go with them).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "planner_comment"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author or FORMER_COACH} on {self.plan}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Suggestion(models.Model):
    """A coach's proposed change; it touches the plan only when the client accepts it."""

    class Kind(models.TextChoices):
        ADD_STEP = "add_step", _("Add a step")
        CHANGE_DATE = "date", _("Change a step's date")
        OTHER_ROUTE = "route", _("Take another route")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for you")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="suggestions")
    # Written on someone's plan, it stays there if its author deletes their account, shown as by
    # "a former coach" (the plan's owner writes only on their own plans, which go with them).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
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
        db_table = "planner_suggestion"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.plan}"


class Review(models.Model):
    class Verdict(models.TextChoices):
        LOOKS_GOOD = "good", _("Looks good")
        NEEDS_CHANGES = "changes", _("Needs changes")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    # Written on someone's plan, it stays there if its author deletes their account, shown as by
    # "a former coach" (the plan's owner writes only on their own plans, which go with them).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verdict = models.CharField(max_length=7, choices=Verdict.choices)
    message = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "planner_review"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} on {self.plan}"


class CoachNote(models.Model):
    """A coach's private note on a client: the client never sees it."""

    # Private to the coach: it goes with either person's account (nobody else may read it).
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "planner_coachnote"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note by {self.coach} on {self.client}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        SUGGESTION = "suggestion", _("Suggestion")
        REVIEW = "review", _("Review")
        COACHING = "coaching", _("Coaching")

    # A person's notifications are theirs alone; the actor may go and leave the notification.
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "planner_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text
