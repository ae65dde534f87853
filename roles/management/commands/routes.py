"""``python manage.py routes FROM TO [--k N] [--by time|moves|salary] [--json]``: ranked routes."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from roles import engine
from roles.engine import Person, routes_answer
from roles.models import EDUCATION_BY_NAME, MAX_YEARS
from roles.selectors import graph_get


class Command(BaseCommand):
    help = (
        "Show the best routes from one role to another, ranked by time, number of moves or salary, with "
        "each route's months, moves, steps and the salary at each role (with the documents it comes from). "
        "Without a person's details the times are for someone who meets none of the steps yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FROM", help="Slug of the role to start from.")
        parser.add_argument("target", metavar="TO", help="Slug of the role to reach.")
        parser.add_argument("--k", default="3", help=f"How many routes to show, 1 to {engine.MAX_ROUTES} (default 3).")
        parser.add_argument("--by", default=engine.TIME, help="Rank by time (default), moves or salary.")
        parser.add_argument("--json", action="store_true", help="Write the routes as JSON.")
        person = parser.add_argument_group("the person (optional: times are then theirs)")
        person.add_argument("--years", default=None, help="Years of customer service experience.")
        person.add_argument("--years-leading", default=None, help="Years leading people.")
        person.add_argument("--education", default=None, help=f"One of: {', '.join(EDUCATION_BY_NAME)}.")
        person.add_argument(
            "--skill", action="append", default=[], metavar="SLUG=LEVEL", help="A skill held, at a level 1 to 5."
        )
        person.add_argument(
            "--certification", action="append", default=[], metavar="SLUG", help="A certification held."
        )

    def handle(self, *args, **options):
        try:
            G = graph_get()
        except DatabaseError as error:
            raise CommandError(
                f"Cannot read the role graph ({error}). Run `python manage.py migrate` and "
                "`python manage.py load_role_graph` first."
            ) from None
        k = _count(options["k"])
        by = options["by"]
        if by not in engine.RANKINGS:
            raise CommandError(str(engine.InvalidRanking(by)))
        try:
            source = engine.role_id_for_slug(G, options["source"])
            target = engine.role_id_for_slug(G, options["target"])
            person = _person(G, options, current_role_id=source)
            routes = engine.k_best_routes(G, source, target, k=k, by=by, person=person)
        except engine.RouteError as error:
            raise CommandError(str(error)) from None

        if options["json"]:
            data = routes_answer(
                G, source=options["source"], target=options["target"], by=by, k=k, person=person, routes=routes
            )
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        self.stdout.write(_table(G, routes, source=source, target=target, by=by, k=k, person=person))


def _count(text: str) -> int:
    try:
        k = int(text)
    except (TypeError, ValueError):
        raise CommandError(f"--k takes a whole number from 1 to {engine.MAX_ROUTES}, not “{text}”.") from None
    if not 1 <= k <= engine.MAX_ROUTES:
        raise CommandError(str(engine.InvalidRouteCount(k)))
    return k


def _years(text: str | None, option: str) -> Decimal:
    if text is None:
        return Decimal(0)
    try:
        years = Decimal(text)
    except InvalidOperation:
        raise CommandError(f"{option} takes a number of years, not “{text}”.") from None
    if not years.is_finite() or not 0 <= years <= MAX_YEARS:
        raise CommandError(f"{option} takes a number of years from 0 to {MAX_YEARS}, not “{text}”.")
    return years


def _person(G, options: dict, *, current_role_id: int) -> Person | None:
    """Return the person the options describe, or None when they describe nobody."""
    given = ("years", "years_leading", "education", "skill", "certification")
    if all(options[name] in (None, []) for name in given):
        return None
    education = options["education"] or "none"
    if education not in EDUCATION_BY_NAME:
        raise CommandError(f"--education takes one of {', '.join(EDUCATION_BY_NAME)}, not “{education}”.")
    skill_ids = {info.slug: skill_id for skill_id, info in G.graph["skills"].items()}
    skills = {}
    for item in options["skill"]:
        slug, _, level = item.partition("=")
        if slug not in skill_ids:
            raise CommandError(f"--skill: there is no skill “{slug}”.")
        if level not in {"1", "2", "3", "4", "5"}:
            raise CommandError(f"--skill {slug}: give a level from 1 to 5, as in {slug}=3.")
        skills[skill_ids[slug]] = int(level)
    certification_ids = {info.slug: cert_id for cert_id, info in G.graph["certifications"].items()}
    held = set()
    for slug in options["certification"]:
        if slug not in certification_ids:
            raise CommandError(f"--certification: there is no certification “{slug}”.")
        held.add(certification_ids[slug])
    return Person(
        current_role_id=current_role_id,
        years_experience=_years(options["years"], "--years"),
        years_leading=_years(options["years_leading"], "--years-leading"),
        education=EDUCATION_BY_NAME[education],
        skills=skills,
        certification_ids=frozenset(held),
    )


def _months(low: int, high: int) -> str:
    return f"{low} months" if low == high else f"{low}–{high} months"


def _money(spread) -> str:
    if spread is None:
        return "no figure"
    low, high = f"${spread.low:,.0f}", f"${spread.high:,.0f}"
    text = low if low == high else f"{low}–{high}"
    return text + ("+" if spread.open_ended else "") + (" (derived)" if spread.derived else "")


def _table(G, routes: list[engine.Route], *, source: int, target: int, by: str, k: int, person: Person | None) -> str:
    nodes = G.nodes
    who = "for this person" if person else "for someone who meets none of the steps yet"
    lines = [
        f"Routes from {nodes[source]['title']} to {nodes[target]['title']}, best by {by} first "
        f"({len(routes)} of {k} asked; times {who})",
        "",
        f"{'#':>2}  {'Typical':>8}  {'Range':>14}  {'Moves':>5}  {'Pay on the way':>14}  Route",
    ]
    for rank, route in enumerate(routes, start=1):
        pay = f"${route.salary_score:,.0f}" if route.salary_score is not None else "unknown"
        path = " → ".join(nodes[role_id]["title"] for role_id in route.role_ids)
        lines.append(
            f"{rank:>2}  {route.months:>5} mo  {_months(*route.months_range):>14}  {route.moves:>5}  {pay:>14}  {path}"
        )
    for rank, route in enumerate(routes, start=1):
        typical = f"{route.months} months typically ({_months(*route.months_range)})"
        lines += ["", f"Route {rank}: {typical}, {route.moves} moves"]
        for leg in route.legs:
            lines.append(
                f"  {nodes[leg.from_id]['title']} → {nodes[leg.to_id]['title']}"
                f" ({leg.kind}, {_months(*leg.months_range)})"
            )
            for item in leg.steps:
                step = item.step
                if item.skipped:
                    note = "already met"
                elif item.partly_met:
                    note = f"partly met: {_months(*item.months_range)} left"
                else:
                    note = _months(*item.months_range)
                if step.optional:
                    note += ", optional"
                source = f" [{step.source}]" if step.source else ""
                lines.append(f"    {step.order}. {step.title} ({note}){source}")
        lines.append("  Salary:")
        for role_id, spread in zip(route.role_ids, route.salaries, strict=True):
            sources = f" [{', '.join(spread.sources)}]" if spread else ""
            lines.append(f"    {nodes[role_id]['title']}: {_money(spread)}{sources}")
    return "\n".join(lines)
