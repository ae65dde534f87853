"""
Salary spreads: the lowest and highest annual figure the documents give for a role.

Pure functions over plain data (no ORM), so the routing engine and the pages can share them and
tests need no database. A spread is computed from the role's own salary facts and never invents
a figure: a role without facts has no spread.

Rules:

- Every figure (average, most common, both ends of a range) of every scope (national, by
  experience, by industry, by state) takes part; the spread is the lowest and the highest of
  them, so where the documents disagree the spread shows it.
- Figures are annualised: an hourly figure is multiplied by 2,080 (40 hours a week, 52 weeks), a
  monthly figure by 12. An open-ended range ("$95,000+") contributes its stated top, and marks
  the spread open-ended when that top is the highest figure.
- A relative fact ("+$21,324 over customer service manager") compares typical pay, so it adds
  the difference to the base role's central figures: its national averages and most common
  figures (all its figures when it has none of those), never below zero. These worked-out
  figures join the role's own; the spread is ``derived`` when its lowest or highest end is one
  of them, and names the sources of both roles.
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


@dataclass(frozen=True, slots=True)
class _Figure:
    """One annual figure of a role: a document's own, or worked out from a relative fact."""

    value: Decimal
    sources: tuple[str, ...]
    derived: bool = False
    open_ended: bool = False
    central: bool = False


def _absolute_figures(facts: Iterable[SalaryFactData]) -> list[_Figure]:
    figures: list[_Figure] = []
    for fact in facts:
        if fact.kind == "range":
            if fact.amount_min is None or fact.amount_max is None:
                continue
            figures.append(_Figure(annualise(fact.amount_min, fact.period), (fact.source,)))
            figures.append(_Figure(annualise(fact.amount_max, fact.period), (fact.source,), open_ended=fact.open_ended))
        elif fact.kind in ("average", "common"):
            if fact.amount is None:
                continue
            central = fact.scope == "national"
            figures.append(_Figure(annualise(fact.amount, fact.period), (fact.source,), central=central))
    return figures


def _spread(figures: list[_Figure]) -> SalarySpread | None:
    if not figures:
        return None
    low = min(figures, key=lambda figure: figure.value)
    high = max(figures, key=lambda figure: (figure.value, figure.open_ended))
    return SalarySpread(
        low=low.value,
        high=high.value,
        sources=_unique_sorted(source for figure in figures for source in figure.sources),
        derived=low.derived or high.derived,
        figures_count=len(figures),
        open_ended=high.open_ended,
    )


def salary_spread(facts: Iterable[SalaryFactData]) -> SalarySpread | None:
    """Return the spread of one role's absolute figures, or None when it has none (relative facts aside)."""
    return _spread(_absolute_figures(facts))


def role_salary_spreads(facts_by_role: Mapping[int, Iterable[SalaryFactData]]) -> dict[int, SalarySpread | None]:
    """
    Return every role's spread, keyed like ``facts_by_role`` (None where the facts give no figure).

    Relative facts are resolved against the base role's central figures, following chains of
    relative figures; a cycle or a base without figures gives no figure.
    """
    facts = {role_id: tuple(role_facts) for role_id, role_facts in facts_by_role.items()}
    memo: dict[int, list[_Figure]] = {}
    resolving: set[int] = set()

    def figures(role_id: int) -> list[_Figure]:
        if role_id in memo:
            return memo[role_id]
        if role_id not in facts or role_id in resolving:
            return []
        resolving.add(role_id)
        found = _absolute_figures(facts[role_id]) + _relative_figures(facts[role_id], figures)
        resolving.discard(role_id)
        memo[role_id] = found
        return found

    return {role_id: _spread(figures(role_id)) for role_id in facts}


def _relative_figures(facts: Iterable[SalaryFactData], figures: Callable[[int], list[_Figure]]) -> list[_Figure]:
    """
    Work out a role's figures from "+$21,324 over role X" facts.

    The difference is added to the base role's central figures (its national averages and most
    common figures) when it has any, because a relative figure compares typical pay; only a base
    without them lends every figure it has. Never below zero.
    """
    derived: list[_Figure] = []
    for fact in facts:
        if fact.kind != RELATIVE or fact.amount is None or fact.relative_to is None:
            continue
        base = figures(fact.relative_to)
        central = [figure for figure in base if figure.central] or base
        delta = annualise(fact.amount, fact.period)
        derived += [
            _Figure(
                max(Decimal(0), figure.value + delta),
                _unique_sorted((fact.source, *figure.sources)),
                derived=True,
                open_ended=figure.open_ended,
            )
            for figure in central
        ]
    return derived


def _unique_sorted(sources: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({source for source in sources if source}))
