"""Salary figures as the role pages show them: money, a fact's figure, a role's spread."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext

from roles.engine import (
    SalaryFactData,
    SalarySpread,
    role_salary_spreads,
)
from roles.models import (
    SalaryFact,
)


def format_money(amount: Decimal | None, *, signed: bool = False) -> str:
    """Format a figure as dollars, keeping cents only where the source gave them ("?" for none)."""
    if amount is None:  # the database's constraints rule it out for the kinds that show a figure
        return "?"
    sign = ""
    if signed:
        sign = "+" if amount >= 0 else "\u2212"
    elif amount < 0:
        sign = "\u2212"
    amount = abs(amount)
    # Grouped and pointed the way the page's language writes numbers ("46,566" or "46.566").
    places = 0 if amount == amount.to_integral_value() else 2
    text = number_format(amount, places, use_l10n=True, force_grouping=True)
    return f"{sign}${text}"


def salary_fact_figure(fact: SalaryFact) -> str:
    """Say a salary fact's figure the way its source gives it ("$55,000–$65,000 per year")."""
    period = fact.get_period_display()
    if fact.kind == SalaryFact.Kind.RANGE:
        top = format_money(fact.amount_max) + ("+" if fact.open_ended else "")
        return gettext("%(low)s–%(high)s %(period)s") % {
            "low": format_money(fact.amount_min),
            "high": top,
            "period": period,
        }
    if fact.kind == SalaryFact.Kind.RELATIVE:
        other = fact.relative_to.title if fact.relative_to is not None else gettext("another role")
        amount = format_money(fact.amount, signed=True)
        if fact.period == SalaryFact.Period.YEAR:
            return gettext("%(amount)s vs %(role)s") % {"amount": amount, "role": other}
        return gettext("%(amount)s %(period)s vs %(role)s") % {"amount": amount, "period": period, "role": other}
    return gettext("%(amount)s %(period)s") % {"amount": format_money(fact.amount), "period": period}


def _fact_data(fact: SalaryFact) -> SalaryFactData:
    return SalaryFactData(
        kind=fact.kind,
        amount=fact.amount,
        amount_min=fact.amount_min,
        amount_max=fact.amount_max,
        open_ended=fact.open_ended,
        relative_to=fact.relative_to_id,
        period=fact.period,
        scope=fact.scope,
        scope_label=fact.scope_label,
        source=fact.source,
        note=fact.note,
        id=fact.id,
    )


def salary_spreads() -> dict[int, SalarySpread | None]:
    """
    Return the salary spread of every role that has salary facts, keyed by role id, in one query.

    Every fact is read, not only those of the roles on the page, because a relative figure
    ("+$21,324 vs Customer Service Manager") is worked out from another role's figures.
    """
    facts_by_role: dict[int, list[SalaryFactData]] = defaultdict(list)
    for fact in SalaryFact.objects.order_by("id"):
        facts_by_role[fact.role_id].append(_fact_data(fact))
    return role_salary_spreads(facts_by_role)


@dataclass(frozen=True)
class SalaryFactRow:
    fact: SalaryFact
    figure: str


def salary_spreads_for(role_ids: Iterable[int]) -> dict[int, SalarySpread | None]:
    """
    The salary spreads of some roles in two queries: their facts, then the facts of the roles
    their relative figures are worked out from ("+$21,324 vs Customer Service Manager").
    """
    role_ids = set(role_ids)
    facts_by_role: dict[int, list[SalaryFactData]] = defaultdict(list)
    bases: set[int] = set()
    for fact in SalaryFact.objects.filter(role_id__in=role_ids).order_by("id"):
        facts_by_role[fact.role_id].append(_fact_data(fact))
        if fact.relative_to_id is not None and fact.relative_to_id not in role_ids:
            bases.add(fact.relative_to_id)
    if bases:
        for fact in SalaryFact.objects.filter(role_id__in=bases).order_by("id"):
            facts_by_role[fact.role_id].append(_fact_data(fact))
    return role_salary_spreads(facts_by_role)
