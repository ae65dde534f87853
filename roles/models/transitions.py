"""The moves between roles and the ordered steps behind each."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roles.models.common import MAX_STEP_MONTHS, MAX_YEARS, SKILL_LEVEL_VALIDATORS, Education, Origin
from roles.models.roles import Role
from roles.models.skills import Certification, Skill


class TransitionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False, source_role__archived=False, target_role__archived=False)


class Transition(models.Model):
    """A move from one role to another, with the ordered steps behind it."""

    class Kind(models.TextChoices):
        PROMOTION = "promotion", _("Promotion")
        SPECIALISATION = "specialisation", _("Specialisation")
        LATERAL = "lateral", _("Lateral move")

    source_role = models.ForeignKey(
        Role, verbose_name=_("source role"), on_delete=models.PROTECT, related_name="transitions_out"
    )
    target_role = models.ForeignKey(
        Role, verbose_name=_("target role"), on_delete=models.PROTECT, related_name="transitions_in"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROMOTION)
    note = models.TextField(verbose_name=_("note"), blank=True)
    source = models.CharField(
        verbose_name=_("source"), max_length=120, blank=True, help_text=_("Document that describes this move.")
    )
    archived = models.BooleanField(verbose_name=_("archived"), default=False)
    origin = models.CharField(
        verbose_name=_("origin"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.DOCUMENTS,
        db_default=Origin.DOCUMENTS,
    )
    # The O*NET related-occupation link behind an onet or join move: from, to, tier, index.
    onet_link = models.JSONField(verbose_name=_("onet link"), null=True, blank=True)

    objects = TransitionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["source_role__level", "source_role__title", "target_role__title"]
        constraints = [
            models.UniqueConstraint(fields=["source_role", "target_role"], name="transition_unique"),
            models.CheckConstraint(condition=~Q(source_role=F("target_role")), name="transition_not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.source_role} → {self.target_role}"

    @property
    def is_live(self) -> bool:
        """Usable in new routes: neither the move nor either of its roles is archived."""
        return not (self.archived or self.source_role.archived or self.target_role.archived)

    def clean(self) -> None:
        if self.source_role_id and self.source_role_id == self.target_role_id:
            raise ValidationError({"target_role": gettext("A move must lead to another role.")})


class TransitionStep(models.Model):
    class Kind(models.TextChoices):
        EXPERIENCE = "experience", _("Gain experience")
        EDUCATION = "education", _("Earn a qualification")
        CERTIFICATION = "certification", _("Get certified")
        SKILL = "skill", _("Build a skill")
        ACTION = "action", _("Take action")

    class ExperienceKind(models.TextChoices):
        CUSTOMER_SERVICE = "customer_service", _("Customer service")
        LEADERSHIP = "leadership", _("Leading people")

    transition = models.ForeignKey(
        Transition, verbose_name=_("transition"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(verbose_name=_("order"))
    kind = models.CharField(verbose_name=_("kind"), max_length=14, choices=Kind.choices)
    title = models.CharField(verbose_name=_("title"), max_length=200)
    description = models.TextField(verbose_name=_("description"), blank=True)
    months_min = models.PositiveSmallIntegerField(
        verbose_name=_("months min"), validators=[MaxValueValidator(MAX_STEP_MONTHS)]
    )
    months_max = models.PositiveSmallIntegerField(
        verbose_name=_("months max"), validators=[MaxValueValidator(MAX_STEP_MONTHS)]
    )
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    skill_level = models.PositiveSmallIntegerField(
        verbose_name=_("skill level"), null=True, blank=True, validators=SKILL_LEVEL_VALIDATORS
    )
    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certification"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
    )
    education = models.PositiveSmallIntegerField(
        verbose_name=_("education"), choices=Education.choices, null=True, blank=True
    )
    experience_kind = models.CharField(
        verbose_name=_("experience kind"), max_length=16, choices=ExperienceKind.choices, blank=True
    )
    years = models.DecimalField(
        _("years required"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    optional = models.BooleanField(
        verbose_name=_("optional"), default=False, help_text=_("Helps, but the move does not require it.")
    )
    source = models.CharField(verbose_name=_("source"), max_length=120, blank=True)
    archived = models.BooleanField(verbose_name=_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transition step")
        verbose_name_plural = _("transition steps")
        ordering = ["transition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["transition", "order"], name="step_order_unique"),
            models.CheckConstraint(
                condition=Q(months_min__lte=F("months_max")) & Q(months_max__lte=MAX_STEP_MONTHS),
                name="step_months_range",
            ),
            models.CheckConstraint(
                condition=Q(skill_level__isnull=True) | Q(skill_level__gte=1, skill_level__lte=5),
                name="step_skill_level_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind="skill") | Q(skill__isnull=False, skill_level__isnull=False),
                name="step_skill_has_skill",
            ),
            models.CheckConstraint(
                condition=~Q(kind="certification") | Q(certification__isnull=False),
                name="step_certification_has_certification",
            ),
            models.CheckConstraint(
                condition=~Q(kind="education") | Q(education__isnull=False), name="step_education_has_level"
            ),
            models.CheckConstraint(
                condition=~Q(kind="experience") | (Q(years__isnull=False) & ~Q(experience_kind="")),
                name="step_experience_has_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def clean(self) -> None:
        errors = {}
        if self.months_min is not None and self.months_max is not None and self.months_min > self.months_max:
            errors["months_max"] = gettext("The longest time is below the shortest.")
        if self.kind == self.Kind.SKILL and (self.skill_id is None or self.skill_level is None):
            errors["skill"] = gettext("A skill step names the skill and the level it needs.")
        if self.kind == self.Kind.CERTIFICATION and self.certification_id is None:
            errors["certification"] = gettext("A certification step names the certification.")
        if self.kind == self.Kind.EDUCATION and self.education is None:
            errors["education"] = gettext("An education step names the level of education.")
        if self.kind == self.Kind.EXPERIENCE and (self.years is None or not self.experience_kind):
            errors["years"] = gettext("An experience step says how many years of which experience.")
        if errors:
            raise ValidationError(errors)
