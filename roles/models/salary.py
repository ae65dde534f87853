"""
Salary figures as documents give them, and the rules every figure keeps (the model, the loader
and the editor share them).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roles.models.roles import Role


class SalaryFact(models.Model):
    """One salary figure as a document gives it: never computed, never rounded."""

    class Kind(models.TextChoices):
        AVERAGE = "average", _("Average")
        COMMON = "common", _("Most common")
        RANGE = "range", _("Range")
        RELATIVE = "relative", _("Relative to another role")

    class Period(models.TextChoices):
        YEAR = "year", _("per year")
        MONTH = "month", _("per month")
        HOUR = "hour", _("per hour")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("United States")
        EXPERIENCE = "experience", _("By experience")
        INDUSTRY = "industry", _("By industry")
        STATE = "state", _("By state")

    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="salary_facts")
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(
        verbose_name=_("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Average, common or relative figure."),
    )
    amount_min = models.DecimalField(
        verbose_name=_("amount min"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        verbose_name=_("amount max"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    open_ended = models.BooleanField(
        verbose_name=_("open ended"), default=False, help_text=_('The top of the range is open ("$95,000+").')
    )
    relative_to = models.ForeignKey(
        Role,
        verbose_name=_("relative to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relative_salary_facts",
    )
    period = models.CharField(verbose_name=_("period"), max_length=5, choices=Period.choices, default=Period.YEAR)
    scope = models.CharField(verbose_name=_("scope"), max_length=10, choices=Scope.choices, default=Scope.NATIONAL)
    scope_label = models.CharField(
        verbose_name=_("scope label"),
        max_length=120,
        blank=True,
        help_text=_("The experience level, industry or state the figure is for."),
    )
    source = models.CharField(
        verbose_name=_("source"),
        max_length=120,
        help_text=_("File name of the source document, or another named source."),
    )
    note = models.TextField(verbose_name=_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("salary fact")
        verbose_name_plural = _("salary facts")
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
            errors["amount_min"] = gettext("A range needs a lowest figure.")
        if amount_max is None:
            errors["amount_max"] = gettext("A range needs a highest figure.")
        if amount_min is not None and amount_max is not None and amount_min > amount_max:
            errors["amount_max"] = gettext("The highest figure is below the lowest.")
    elif kind in (SalaryFact.Kind.AVERAGE, SalaryFact.Kind.COMMON):
        if amount is None or amount <= 0:
            errors["amount"] = gettext("Give the figure, above zero.")
    elif kind == SalaryFact.Kind.RELATIVE:
        if amount is None:
            errors["amount"] = gettext("Give the difference (negative when lower).")
        if not relative_to_given:
            errors["relative_to"] = gettext("Say which role the figure is relative to.")
    if relative_to_self:
        errors["relative_to"] = gettext("A role's salary cannot be relative to itself.")
    if not (source or "").strip():
        errors["source"] = gettext("Every salary figure names its source.")
    return errors
