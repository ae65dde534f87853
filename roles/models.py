"""
The role graph: roles, the moves between them, and the facts behind each.

Every fact that came from a document carries the document's file name in a ``source`` field, so
the product can always say where a figure came from. The graph knows nothing of people.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SKILL_LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
MAX_STEP_MONTHS = 240
MAX_YEARS = 50


class Track(models.TextChoices):
    FRONTLINE = "frontline", "Frontline"
    LEADERSHIP = "leadership", "Leadership"
    MANAGEMENT = "management", "Management"
    OPERATIONS = "operations", "Operations"
    CUSTOMER_EXPERIENCE = "customer_experience", "Customer experience"
    CONSULTING = "consulting", "Consulting"
    SUCCESS = "success", "Customer success"
    SALES = "sales", "Sales and accounts"
    OTHER = "other", "Other"


class Education(models.IntegerChoices):
    """Education levels, ordered so that a higher value meets a lower requirement."""

    NONE = 0, "No formal education"
    HIGH_SCHOOL = 1, "High school diploma or GED"
    ASSOCIATE = 2, "Associate degree or some college"
    BACHELOR = 3, "Bachelor's degree"
    MASTER = 4, "Master's degree"
    DOCTORATE = 5, "Doctoral degree"


class JobZone(models.IntegerChoices):
    """O*NET's job zones: how much preparation an occupation needs (Job Zone Reference, O*NET 29.0)."""

    ONE = 1, _("1: little or no preparation needed")
    TWO = 2, _("2: some preparation needed")
    THREE = 3, _("3: medium preparation needed")
    FOUR = 4, _("4: considerable preparation needed")
    FIVE = 5, _("5: extensive preparation needed")


# How people type an education level: the command's --education and the API's ?education=.
EDUCATION_BY_NAME = {member.name.lower(): int(member) for member in Education}


class GraphRevision(models.Model):
    """
    A counter bumped on every change to the role graph.

    The cached networkx graph is keyed by this number, so every process notices a change made in
    another one by reading a single row.
    """

    number = models.PositiveBigIntegerField(default=0)
    # A new token with every bump: a rolled-back bump can never be mistaken for a later one.
    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="graphrevision_single_row"),
        ]

    def __str__(self) -> str:
        return f"Graph revision {self.number}"


class Source(models.Model):
    """
    A source the graph's facts come from (``roles/data/sources.json``): a document, a data set or
    the project's editorial estimates. Graph rows cite it by ``key`` in their ``source`` fields;
    pages show its title and publisher, never the key.
    """

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        DATASET = "dataset", "Data set"
        EDITORIAL = "editorial", "Editorial"

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    date = models.CharField(max_length=40, blank=True, help_text="As the source prints it.")
    address = models.URLField(max_length=300, blank=True)
    licence = models.TextField(blank=True)
    attribution = models.TextField(blank=True, help_text="The notice the licence asks to show with the data.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})" if self.publisher else self.title


class OnetReference(models.Model):
    """
    What per-role O*NET data refers to (the joined graph file's top-level ``onet``): the release,
    its scales, the 35 skills, the education categories and the job zones. One row, or none when
    the graph was loaded without O*NET.
    """

    data = models.JSONField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="onetreference_single_row")]

    def __str__(self) -> str:
        return str(self.data.get("release", "O*NET reference"))


class Origin(models.TextChoices):
    """Where a role or a move in the graph comes from (docs/role-graph-format.md, the joined graph)."""

    DOCUMENTS = "documents", "From the documents"
    ONET = "onet", "O*NET relatedness"
    JOIN = "join", "Inferred by the join"


class Skill(models.Model):
    class Category(models.TextChoices):
        INTERPERSONAL = "interpersonal", "Interpersonal"
        LEADERSHIP = "leadership", "Leadership"
        ANALYTICAL = "analytical", "Analytical"
        TECHNICAL = "technical", "Technical and tools"
        BUSINESS = "business", "Business"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.TextField(blank=True)
    level_1 = models.TextField("level 1: what it looks like", blank=True)
    level_2 = models.TextField("level 2: what it looks like", blank=True)
    level_3 = models.TextField("level 3: what it looks like", blank=True)
    level_4 = models.TextField("level 4: what it looks like", blank=True)
    level_5 = models.TextField("level 5: what it looks like", blank=True)
    source = models.CharField(max_length=120, blank=True, help_text="Document the skill is named in.")
    archived = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def level_descriptions(self) -> list[str]:
        return [self.level_1, self.level_2, self.level_3, self.level_4, self.level_5]


class Certification(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160)
    abbreviation = models.CharField(max_length=20, blank=True)
    issuer = models.CharField(max_length=160, blank=True)
    description = models.TextField(blank=True)
    cost_min = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    cost_max = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    duration_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_STEP_MONTHS)]
    )
    source = models.CharField(max_length=120, blank=True)
    archived = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_min__isnull=True) | Q(cost_max__isnull=True) | Q(cost_min__lte=F("cost_max")),
                name="certification_cost_min_lte_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False)


class Role(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    track = models.CharField(max_length=24, choices=Track.choices)
    level = models.PositiveSmallIntegerField(
        "seniority level",
        validators=[MaxValueValidator(10)],
        help_text="0 for the entry node, rising with seniority (10 at most).",
    )
    summary = models.TextField(blank=True)
    duties = models.TextField(blank=True, help_text="One duty per line.")
    alternate_titles = models.TextField(blank=True, help_text="One title per line.")
    min_education = models.PositiveSmallIntegerField(
        "education required", choices=Education.choices, default=Education.NONE
    )
    preferred_education = models.PositiveSmallIntegerField(
        "education preferred", choices=Education.choices, null=True, blank=True
    )
    education_note = models.TextField(blank=True)
    min_experience_years = models.DecimalField(
        "years of customer service experience",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    min_leadership_years = models.DecimalField(
        "years leading people",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    experience_note = models.TextField(blank=True)
    onet_soc_code = models.CharField("O*NET-SOC code", max_length=12, blank=True)
    # The O*NET job zone of the role's occupation (a bundled role: its first O*NET code's), as the
    # graph file's ``onet.job_zone`` gives it; the loader sets it, no one edits it. None: unknown.
    job_zone = models.PositiveSmallIntegerField(_("O*NET job zone"), choices=JobZone.choices, null=True, blank=True)
    sources = models.TextField(blank=True, help_text="Documents the role's description comes from, one per line.")
    is_entry = models.BooleanField(default=False, help_text="The starting point for people with no experience.")
    is_track_top = models.BooleanField(default=False, help_text="Top of its track: leading nowhere is expected.")
    archived = models.BooleanField(default=False)
    origin = models.CharField(
        max_length=10,
        choices=[(Origin.DOCUMENTS, "From the documents"), (Origin.ONET, "An O*NET occupation")],
        default=Origin.DOCUMENTS,
        db_default=Origin.DOCUMENTS,
    )
    # The O*NET-SOC codes a bundled role is the customer service version of, each with the
    # evidence (O*NET's own titles) for the match: roles/data/onet_join.json's entry.
    # (Defaults in the database too, so rows written by code that predates these fields stay valid.)
    onet_join = models.JSONField(default=list, db_default=Value([], output_field=models.JSONField()), blank=True)

    objects = RoleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
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

    role = models.OneToOneField(Role, on_delete=models.CASCADE, primary_key=True, related_name="onet_data")
    data = models.JSONField()

    def __str__(self) -> str:
        return f"{self.role_id}: O*NET {self.data.get('code', '')}"


def text_lines(text: str) -> list[str]:
    """Split a text field kept one item a line into its non-blank, stripped lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class RoleSkill(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="role_skills")
    level = models.PositiveSmallIntegerField(validators=SKILL_LEVEL_VALIDATORS)
    source = models.CharField(max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-level", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="roleskill_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="roleskill_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.skill} (level {self.level})"


class RoleCertification(models.Model):
    class Kind(models.TextChoices):
        REQUIRED = "required", "Required"
        RECOMMENDED = "recommended", "Recommended"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_certifications")
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="role_certifications")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.RECOMMENDED)
    source = models.CharField(max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "certification__name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "certification"], name="rolecertification_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.certification} ({self.get_kind_display()})"


class SalaryFact(models.Model):
    """One salary figure as a document gives it: never computed, never rounded."""

    class Kind(models.TextChoices):
        AVERAGE = "average", "Average"
        COMMON = "common", "Most common"
        RANGE = "range", "Range"
        RELATIVE = "relative", "Relative to another role"

    class Period(models.TextChoices):
        YEAR = "year", "per year"
        MONTH = "month", "per month"
        HOUR = "hour", "per hour"

    class Scope(models.TextChoices):
        NATIONAL = "national", "United States"
        EXPERIENCE = "experience", "By experience"
        INDUSTRY = "industry", "By industry"
        STATE = "state", "By state"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_facts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Average, common or relative figure."
    )
    amount_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    open_ended = models.BooleanField(default=False, help_text='The top of the range is open ("$95,000+").')
    relative_to = models.ForeignKey(
        Role, on_delete=models.PROTECT, null=True, blank=True, related_name="relative_salary_facts"
    )
    period = models.CharField(max_length=5, choices=Period.choices, default=Period.YEAR)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.NATIONAL)
    scope_label = models.CharField(
        max_length=120, blank=True, help_text="The experience level, industry or state the figure is for."
    )
    source = models.CharField(max_length=120, help_text="File name of the source document, or another named source.")
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["scope", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="range", amount_min__isnull=False, amount_max__isnull=False, amount_min__lte=F("amount_max"))
                    | Q(kind__in=["average", "common"], amount__isnull=False, amount__gt=0)
                    | Q(kind="relative", amount__isnull=False, relative_to__isnull=False)
                ),
                name="salaryfact_figures_match_kind",
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_min__gte=0), name="salaryfact_min_not_negative"
            ),
            models.CheckConstraint(condition=~Q(source=""), name="salaryfact_has_source"),
            models.CheckConstraint(
                condition=Q(relative_to__isnull=True) | ~Q(relative_to=F("role")),
                name="salaryfact_not_relative_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.get_kind_display()} ({self.source})"

    def clean(self) -> None:
        errors = salary_fact_errors(
            kind=self.kind,
            amount=self.amount,
            amount_min=self.amount_min,
            amount_max=self.amount_max,
            relative_to_given=self.relative_to_id is not None,
            relative_to_self=self.relative_to_id is not None and self.relative_to_id == self.role_id,
            source=self.source,
        )
        if errors:
            raise ValidationError(errors)


def salary_fact_errors(
    *,
    kind: str,
    amount: Decimal | None,
    amount_min: Decimal | None,
    amount_max: Decimal | None,
    relative_to_given: bool,
    relative_to_self: bool,
    source: str,
) -> dict[str, str]:
    """
    Return what is wrong with a salary figure, by field: the rules ``SalaryFact.clean`` (the
    admin) and the graph file's loader share, so a figure one accepts the other accepts too.
    """
    errors = {}
    if kind == SalaryFact.Kind.RANGE:
        if amount_min is None:
            errors["amount_min"] = "A range needs a lowest figure."
        if amount_max is None:
            errors["amount_max"] = "A range needs a highest figure."
        if amount_min is not None and amount_max is not None and amount_min > amount_max:
            errors["amount_max"] = "The highest figure is below the lowest."
    elif kind in (SalaryFact.Kind.AVERAGE, SalaryFact.Kind.COMMON):
        if amount is None or amount <= 0:
            errors["amount"] = "Give the figure, above zero."
    elif kind == SalaryFact.Kind.RELATIVE:
        if amount is None:
            errors["amount"] = "Give the difference (negative when lower)."
        if not relative_to_given:
            errors["relative_to"] = "Say which role the figure is relative to."
    if relative_to_self:
        errors["relative_to"] = "A role's salary cannot be relative to itself."
    if not (source or "").strip():
        errors["source"] = "Every salary figure names its source."
    return errors


class TransitionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived=False, source_role__archived=False, target_role__archived=False)


class Transition(models.Model):
    """A move from one role to another, with the ordered steps behind it."""

    class Kind(models.TextChoices):
        PROMOTION = "promotion", "Promotion"
        SPECIALISATION = "specialisation", "Specialisation"
        LATERAL = "lateral", "Lateral move"

    source_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="transitions_out")
    target_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="transitions_in")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PROMOTION)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=120, blank=True, help_text="Document that describes this move.")
    archived = models.BooleanField(default=False)
    origin = models.CharField(
        max_length=10, choices=Origin.choices, default=Origin.DOCUMENTS, db_default=Origin.DOCUMENTS
    )
    # The O*NET related-occupation link behind an onet or join move: from, to, tier, index.
    onet_link = models.JSONField(null=True, blank=True)

    objects = TransitionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
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
            raise ValidationError({"target_role": "A move must lead to another role."})


class TransitionStep(models.Model):
    class Kind(models.TextChoices):
        EXPERIENCE = "experience", "Gain experience"
        EDUCATION = "education", "Earn a qualification"
        CERTIFICATION = "certification", "Get certified"
        SKILL = "skill", "Build a skill"
        ACTION = "action", "Take action"

    class ExperienceKind(models.TextChoices):
        CUSTOMER_SERVICE = "customer_service", "Customer service"
        LEADERSHIP = "leadership", "Leading people"

    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=14, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    months_min = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_STEP_MONTHS)])
    months_max = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_STEP_MONTHS)])
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, null=True, blank=True, related_name="steps")
    skill_level = models.PositiveSmallIntegerField(null=True, blank=True, validators=SKILL_LEVEL_VALIDATORS)
    certification = models.ForeignKey(
        Certification, on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    education = models.PositiveSmallIntegerField(choices=Education.choices, null=True, blank=True)
    experience_kind = models.CharField(max_length=16, choices=ExperienceKind.choices, blank=True)
    years = models.DecimalField(
        "years required",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    optional = models.BooleanField(default=False, help_text="Helps, but the move does not require it.")
    source = models.CharField(max_length=120, blank=True)
    archived = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
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
            errors["months_max"] = "The longest time is below the shortest."
        if self.kind == self.Kind.SKILL and (self.skill_id is None or self.skill_level is None):
            errors["skill"] = "A skill step names the skill and the level it needs."
        if self.kind == self.Kind.CERTIFICATION and self.certification_id is None:
            errors["certification"] = "A certification step names the certification."
        if self.kind == self.Kind.EDUCATION and self.education is None:
            errors["education"] = "An education step names the level of education."
        if self.kind == self.Kind.EXPERIENCE and (self.years is None or not self.experience_kind):
            errors["years"] = "An experience step says how many years of which experience."
        if errors:
            raise ValidationError(errors)


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
        ROLE_TITLE = "role", "Role title"
        ROLE_ALTERNATE = "alternate", "Alternate title"
        ONET_ALTERNATE = "onet_alternate", "O*NET alternate title"
        ONET_SHORT = "onet_short", "O*NET short title"

    title = models.CharField(max_length=255)
    normalized = models.CharField(max_length=255, db_index=True)
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="job_titles")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # One of the bundled customer service roles (not an O*NET occupation): ranked first on ties,
    # because the product is about customer service careers.
    customer_service = models.BooleanField(default=False)

    class Meta:
        ordering = ["normalized", "id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "normalized"], name="job_title_unique_per_role"),
        ]

    def __str__(self) -> str:
        return self.title
