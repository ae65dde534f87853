"""
Salary spreads: the lowest and highest annual figure the documents give for a role.

Pure functions over plain data (no ORM), so the routing engine and the pages can share them and
tests need no database. A spread is computed from the role's own salary facts and never invents
a figure: a role without facts has no spread.

Rules:

- Every absolute figure (average, most common, both ends of a range) of every scope (national,
  by experience, by industry, by state) takes part; the spread is the lowest and the highest of
  them, so where the documents disagree the spread shows it.
- Figures are annualised: an hourly figure is multiplied by 2,080 (40 hours a week, 52 weeks), a
  monthly figure by 12. An open-ended range ("$95,000+") contributes its stated top and marks
  the spread open-ended.
- A role whose only facts are relative ("+$21,324 over customer service manager") takes the base
  role's spread moved by the difference (low + delta, high + delta, never below zero), marked
  ``derived``, with the sources of both. Several relative facts widen the spread (lowest low,
  highest high). Relative facts are ignored when the role has absolute figures of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

HOURS_PER_YEAR = 2080
MONTHS_PER_YEAR = 12
PERIODS_PER_YEAR: dict[str, int] = {"year": 1, "month": MONTHS_PER_YEAR, "hour": HOURS_PER_YEAR}

ABSOLUTE_KINDS = frozenset({"average", "common", "range"})
RELATIVE = "relative"

Number = Decimal | int | float


@dataclass(frozen=True, slots=True)
class SalaryFactData:
    """One salary figure as a document gives it (mirrors ``roles.models.SalaryFact``)."""

    kind: str
    amount: Number | None = None
    amount_min: Number | None = None
    amount_max: Number | None = None
    open_ended: bool = False
    relative_to: int | None = None
    period: str = "year"
    scope: str = "national"
    scope_label: str = ""
    source: str = ""
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class SalarySpread:
    """The lowest and highest annual figure for a role, in US dollars, and where they come from."""

    low: Decimal
    high: Decimal
    sources: tuple[str, ...]
    derived: bool = False
    figures_count: int = 0
    open_ended: bool = False

    @property
    def midpoint(self) -> Decimal:
        return (self.low + self.high) / 2


def annualise(amount: Number, period: str) -> Decimal:
    """Put a figure on a yearly scale so that hourly, monthly and yearly figures compare."""
    try:
        factor = PERIODS_PER_YEAR[period]
    except KeyError:
        raise ValueError(f"Unknown salary period {period!r}: expected year, month or hour.") from None
    return _decimal(amount) * factor


def _decimal(value: Number) -> Decimal:
    # str() keeps a float's shortest repr (17.5 → Decimal("17.5"), not its binary expansion).
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _absolute_figures(facts: Iterable[SalaryFactData]) -> tuple[list[Decimal], list[str], bool]:
    figures: list[Decimal] = []
    sources: list[str] = []
    open_ended = False
    for fact in facts:
        if fact.kind == "range":
            if fact.amount_min is None or fact.amount_max is None:
                continue
            figures += [annualise(fact.amount_min, fact.period), annualise(fact.amount_max, fact.period)]
            open_ended = open_ended or fact.open_ended
        elif fact.kind in ("average", "common"):
            if fact.amount is None:
                continue
            figures.append(annualise(fact.amount, fact.period))
        else:
            continue
        sources.append(fact.source)
    return figures, sources, open_ended


def salary_spread(facts: Iterable[SalaryFactData]) -> SalarySpread | None:
    """Return the spread of one role's absolute figures, or None when it has none (relative facts aside)."""
    figures, sources, open_ended = _absolute_figures(facts)
    if not figures:
        return None
    return SalarySpread(
        low=min(figures),
        high=max(figures),
        sources=_unique_sorted(sources),
        figures_count=len(figures),
        open_ended=open_ended,
    )


def role_salary_spreads(facts_by_role: Mapping[int, Iterable[SalaryFactData]]) -> dict[int, SalarySpread | None]:
    """
    Return every role's spread, keyed like ``facts_by_role`` (None where the facts give no figure).

    Relative facts are resolved against the base role's spread, following chains of relative
    figures; a cycle or a base without figures leaves the role without a spread.
    """
    facts = {role_id: tuple(role_facts) for role_id, role_facts in facts_by_role.items()}
    spreads = {role_id: salary_spread(role_facts) for role_id, role_facts in facts.items()}
    settled = {role_id for role_id, spread in spreads.items() if spread is not None}
    resolving: set[int] = set()

    def resolve(role_id: int) -> SalarySpread | None:
        if role_id in settled:
            return spreads[role_id]
        if role_id not in facts or role_id in resolving:
            return None
        resolving.add(role_id)
        spreads[role_id] = _relative_spread(facts[role_id], resolve)
        resolving.discard(role_id)
        settled.add(role_id)
        return spreads[role_id]

    for role_id in facts:
        resolve(role_id)
    return spreads


def _relative_spread(
    facts: Iterable[SalaryFactData], resolve: Callable[[int], SalarySpread | None]
) -> SalarySpread | None:
    lows: list[Decimal] = []
    highs: list[Decimal] = []
    sources: list[str] = []
    count = 0
    open_ended = False
    for fact in facts:
        if fact.kind != RELATIVE or fact.amount is None or fact.relative_to is None:
            continue
        base = resolve(fact.relative_to)
        if base is None:
            continue
        delta = annualise(fact.amount, fact.period)
        lows.append(max(Decimal(0), base.low + delta))
        highs.append(max(Decimal(0), base.high + delta))
        sources += [fact.source, *base.sources]
        count += 1
        open_ended = open_ended or base.open_ended
    if not lows:
        return None
    return SalarySpread(
        low=min(lows),
        high=max(highs),
        sources=_unique_sorted(sources),
        derived=True,
        figures_count=count,
        open_ended=open_ended,
    )


def _unique_sorted(sources: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({source for source in sources if source}))
