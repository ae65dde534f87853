"""Skills and certifications: what a step asks for."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roles.models.common import MAX_STEP_MONTHS


class Skill(models.Model):
    class Category(models.TextChoices):
        INTERPERSONAL = "interpersonal", _("Interpersonal")
        LEADERSHIP = "leadership", _("Leadership")
        ANALYTICAL = "analytical", _("Analytical")
        TECHNICAL = "technical", _("Technical and tools")
        BUSINESS = "business", _("Business")

    slug = models.SlugField(verbose_name=_("slug"), max_length=80, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=120)
    category = models.CharField(verbose_name=_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(verbose_name=_("description"), blank=True)
    level_1 = models.TextField(_("level 1: what it looks like"), blank=True)
    level_2 = models.TextField(_("level 2: what it looks like"), blank=True)
    level_3 = models.TextField(_("level 3: what it looks like"), blank=True)
    level_4 = models.TextField(_("level 4: what it looks like"), blank=True)
    level_5 = models.TextField(_("level 5: what it looks like"), blank=True)
    source = models.CharField(
        verbose_name=_("source"), max_length=120, blank=True, help_text=_("Document the skill is named in.")
    )
    archived = models.BooleanField(verbose_name=_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def level_descriptions(self) -> list[str]:
        return [self.level_1, self.level_2, self.level_3, self.level_4, self.level_5]


class Certification(models.Model):
    slug = models.SlugField(verbose_name=_("slug"), max_length=80, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=160)
    abbreviation = models.CharField(verbose_name=_("abbreviation"), max_length=20, blank=True)
    issuer = models.CharField(verbose_name=_("issuer"), max_length=160, blank=True)
    description = models.TextField(verbose_name=_("description"), blank=True)
    cost_min = models.DecimalField(
        verbose_name=_("cost min"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost_max = models.DecimalField(
        verbose_name=_("cost max"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    duration_months = models.PositiveSmallIntegerField(
        verbose_name=_("duration months"), null=True, blank=True, validators=[MaxValueValidator(MAX_STEP_MONTHS)]
    )
    source = models.CharField(verbose_name=_("source"), max_length=120, blank=True)
    archived = models.BooleanField(verbose_name=_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_min__isnull=True) | Q(cost_max__isnull=True) | Q(cost_min__lte=F("cost_max")),
                name="certification_cost_min_lte_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name
