"""
Routes side by side on the new-plan page: what each costs and which leads on the chosen ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from planner.models import Plan
from planner.wording import list_words, month_range_words
from roles import engine
from roles.models import TransitionStep


@dataclass
class RouteComparison:
    """What sets a set of ranked routes apart, for the new-plan page."""

    tied: bool  # every route scores the same on the chosen ranking: "best" would say nothing
    tied_on: str  # the figure they share, in words ("38–55 months", "3 moves")
    differs_in: list[str]  # what does differ between them, in words
    leader_label: str  # the badge for route 1 when it does lead ("" when tied)

    @property
    def differs_in_words(self) -> str:
        """The differences as one phrase: "moves, pay on the way and certifications"."""
        return list_words(self.differs_in)


RANKING_LEADER = {
    Plan.Ranking.TIME: _("Fastest"),
    Plan.Ranking.MOVES: _("Fewest moves"),
    Plan.Ranking.SALARY: _("Best pay"),
}


def _ranking_key(route: engine.Route, by: str) -> object:
    if by == Plan.Ranking.MOVES:
        return route.moves
    if by == Plan.Ranking.SALARY:
        return route.salary_score
    return route.months_range


def route_certifications(route: engine.Route) -> list[str]:
    """The certifications a route still asks of the person (required steps they do not meet)."""
    return [
        step.step.title
        for step in route.steps
        if step.step.kind == TransitionStep.Kind.CERTIFICATION and not step.skipped and not step.step.optional
    ]


def route_comparison(routes: list[engine.Route], by: str) -> RouteComparison | None:
    """
    Say whether the routes tie on the chosen ranking and, if they do, what tells them apart.

    Routes ranked by time often share one range for a typical person (the longest move sets
    it), so the ranking badge is only worth showing when route 1 is ahead of route 2.
    """
    if not routes:
        return None
    keys = [_ranking_key(route, by) for route in routes]
    tied = len(routes) > 1 and len(set(keys)) == 1
    leads = len(routes) == 1 or keys[0] != keys[1]
    if by == Plan.Ranking.MOVES:
        shared = ngettext("%(count)s move", "%(count)s moves", routes[0].moves) % {"count": routes[0].moves}
    elif by == Plan.Ranking.SALARY:
        shared = gettext("the same pay on the way")
    else:
        shared = month_range_words(routes[0].months_range)
    differs = []
    if len({route.moves for route in routes}) > 1:
        differs.append(gettext("the number of moves"))
    if len({route.salary_score for route in routes}) > 1:
        differs.append(gettext("pay on the way"))
    if len({tuple(route_certifications(route)) for route in routes}) > 1:
        differs.append(gettext("certifications to earn"))
    if len({sum(1 for step in route.steps if step.skipped) for route in routes}) > 1:
        differs.append(gettext("steps you already meet"))
    if len({route.role_ids[1:-1] for route in routes}) > 1:
        differs.append(gettext("the roles on the way"))
    return RouteComparison(
        tied=tied,
        tied_on=shared,
        differs_in=differs,
        leader_label=str(RANKING_LEADER.get(by, gettext("Best"))) if leads and len(routes) > 1 else "",
    )
