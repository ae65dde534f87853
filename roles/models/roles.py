"""Roles, what they ask for, and the job titles that name them."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roles.models.common import MAX_YEARS, SKILL_LEVEL_VALIDATORS, Education, JobZone, Origin, Track, text_lines
from roles.models.skills import Certification, Skill


class RoleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False)


class Role(models.Model):
    slug = models.SlugField(verbose_name=_("slug"), max_length=80, unique=True)
    title = models.CharField(verbose_name=_("title"), max_length=120)
    track = models.CharField(verbose_name=_("track"), max_length=24, choices=Track.choices)
    level = models.PositiveSmallIntegerField(
        _("seniority level"),
        validators=[MaxValueValidator(10)],
        help_text=_("0 for the entry node, rising with seniority (10 at most)."),
    )
    summary = models.TextField(verbose_name=_("summary"), blank=True)
    duties = models.TextField(verbose_name=_("duties"), blank=True, help_text=_("One duty per line."))
    alternate_titles = models.TextField(
        verbose_name=_("alternate titles"), blank=True, help_text=_("One title per line.")
    )
    min_education = models.PositiveSmallIntegerField(
        _("education required"), choices=Education.choices, default=Education.NONE
    )
    preferred_education = models.PositiveSmallIntegerField(
        _("education preferred"), choices=Education.choices, null=True, blank=True
    )
    education_note = models.TextField(verbose_name=_("education note"), blank=True)
    min_experience_years = models.DecimalField(
        _("years of customer service experience"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    min_leadership_years = models.DecimalField(
        _("years leading people"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    experience_note = models.TextField(verbose_name=_("experience note"), blank=True)
    onet_soc_code = models.CharField(_("O*NET-SOC code"), max_length=12, blank=True)
    # The O*NET job zone of the role's occupation (a bundled role: its first O*NET code's), as the
    # graph file's ``onet.job_zone`` gives it; the loader sets it, no one edits it. None: unknown.
    job_zone = models.PositiveSmallIntegerField(_("O*NET job zone"), choices=JobZone.choices, null=True, blank=True)
    sources = models.TextField(
        verbose_name=_("sources"), blank=True, help_text=_("Documents the role's description comes from, one per line.")
    )
    is_entry = models.BooleanField(
        verbose_name=_("is entry"), default=False, help_text=_("The starting point for people with no experience.")
    )
    is_track_top = models.BooleanField(
        verbose_name=_("is track top"), default=False, help_text=_("Top of its track: leading nowhere is expected.")
    )
    archived = models.BooleanField(verbose_name=_("archived"), default=False)
    origin = models.CharField(
        verbose_name=_("origin"),
        max_length=10,
        choices=[(Origin.DOCUMENTS, _("From the documents")), (Origin.ONET, _("An O*NET occupation"))],
        default=Origin.DOCUMENTS,
        db_default=Origin.DOCUMENTS,
    )
    # The O*NET-SOC codes a bundled role is the customer service version of, each with the
    # evidence (O*NET's own titles) for the match: roles/data/onet_join.json's entry.
    # (Defaults in the database too, so rows written by code that predates these fields stay valid.)
    onet_join = models.JSONField(
        verbose_name=_("onet join"), default=list, db_default=Value([], output_field=models.JSONField()), blank=True
    )

    objects = RoleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["level", "title"]
        permissions = [("edit_graph", "Can edit the role graph")]
        constraints = [
            models.CheckConstraint(condition=Q(level__lte=10), name="role_level_range"),
            models.CheckConstraint(
                condition=Q(min_experience_years__gte=0) & Q(min_experience_years__lte=MAX_YEARS),
                name="role_experience_range",
            ),
            models.CheckConstraint(
                condition=Q(min_leadership_years__gte=0) & Q(min_leadership_years__lte=MAX_YEARS),
                name="role_leadership_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roles:role-detail", kwargs={"slug": self.slug})

    @property
    def duty_list(self) -> list[str]:
        return text_lines(self.duties)

    @property
    def alternate_title_list(self) -> list[str]:
        return text_lines(self.alternate_titles)

    @property
    def source_list(self) -> list[str]:
        return text_lines(self.sources)


class RoleOnetData(models.Model):
    """
    A role's O*NET occupation data as the graph file carries it (key ``onet``: skills, education,
    technology, alternate titles), kept beside the role rather than on it: it is large, and
    every list of roles would otherwise decode it. It comes whole from a release and is never
    edited here, so it keeps no history.
    """

    role = models.OneToOneField(
        Role, verbose_name=_("role"), on_delete=models.CASCADE, primary_key=True, related_name="onet_data"
    )
    data = models.JSONField(verbose_name=_("data"))

    def __str__(self) -> str:
        return f"{self.role_id}: O*NET {self.data.get('code', '')}"


class RoleSkill(models.Model):
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="role_skills")
    skill = models.ForeignKey(Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="role_skills")
    level = models.PositiveSmallIntegerField(verbose_name=_("level"), validators=SKILL_LEVEL_VALIDATORS)
    source = models.CharField(verbose_name=_("source"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role skill")
        verbose_name_plural = _("role skills")
        ordering = ["-level", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="roleskill_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="roleskill_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.skill} (level {self.level})"


class RoleCertification(models.Model):
    class Kind(models.TextChoices):
        REQUIRED = "required", _("Required")
        RECOMMENDED = "recommended", _("Recommended")

    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="role_certifications")
    certification = models.ForeignKey(
        Certification, verbose_name=_("certification"), on_delete=models.PROTECT, related_name="role_certifications"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=12, choices=Kind.choices, default=Kind.RECOMMENDED)
    source = models.CharField(verbose_name=_("source"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role certification")
        verbose_name_plural = _("role certifications")
        ordering = ["kind", "certification__name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "certification"], name="rolecertification_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.certification} ({self.get_kind_display()})"


class JobTitle(models.Model):
    """
    A job title a person may type to say where they stand, and the role it names.

    Filled in bulk from the roles and the O*NET extract by ``roles.services.job_titles_rebuild``,
    and redone for the roles an edit touches by ``job_titles_refresh`` (never edited by hand);
    ``roles.selectors.job_title_search`` reads it. ``normalized`` is
    ``roles.titles.normalize_title`` of the title: what searches compare. On PostgreSQL a trigram
    index on it (migration 0003) makes typo-tolerant searches quick.
    """

    class Kind(models.TextChoices):
        ROLE_TITLE = "role", _("Role title")
        ROLE_ALTERNATE = "alternate", _("Alternate title")
        ONET_ALTERNATE = "onet_alternate", _("O*NET alternate title")
        ONET_SHORT = "onet_short", _("O*NET short title")

    title = models.CharField(verbose_name=_("title"), max_length=255)
    normalized = models.CharField(verbose_name=_("normalized"), max_length=255, db_index=True)
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="job_titles")
    kind = models.CharField(verbose_name=_("kind"), max_length=16, choices=Kind.choices)
    # One of the bundled customer service roles (not an O*NET occupation): ranked first on ties,
    # because the product is about customer service careers.
    customer_service = models.BooleanField(verbose_name=_("customer service"), default=False)

    class Meta:
        verbose_name = _("job title")
        verbose_name_plural = _("job titles")
        ordering = ["normalized", "id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "normalized"], name="job_title_unique_per_role"),
        ]

    def __str__(self) -> str:
        return self.title
