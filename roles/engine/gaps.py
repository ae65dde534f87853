"""
What a person lacks for a role: skills, certifications, education and years.

Pure functions over the role graph built by ``roles.engine.build_graph`` (no ORM, no people
models): the planner turns its profiles into a ``Person`` and asks here. Ids stay ids; names
come from the graph (``G.graph["skills"]``, ``G.graph["certifications"]``) so the answer is
self-describing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

import networkx as nx

from roles.engine.types import EXPERIENCE, MONTHS_PER_YEAR, Person, RoleNode, Route, role_node

REQUIRED = "required"
RECOMMENDED = "recommended"


@dataclass(frozen=True, slots=True)
class SkillGap:
    skill_id: int
    name: str
    required: int
    current: int


@dataclass(frozen=True, slots=True)
class CertificationGap:
    certification_id: int
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class YearsGap:
    """Years a role asks for against the years the person has (``short`` is 0 when met)."""

    required: float
    current: float

    @property
    def short(self) -> float:
        return max(0.0, round(self.required - self.current, 2))


@dataclass(frozen=True, slots=True)
class RoleGaps:
    """What a person lacks for one role; ``ready`` when nothing required is missing."""

    role_id: int
    skills: tuple[SkillGap, ...]
    certifications_required: tuple[CertificationGap, ...]
    certifications_recommended: tuple[CertificationGap, ...]
    education_required: int
    education_preferred: int | None
    education_current: int
    experience: YearsGap
    leadership: YearsGap
    months_from_start: int = 0

    @property
    def education_short(self) -> bool:
        return self.education_current < self.education_required

    @property
    def below_preferred_education(self) -> bool:
        return self.education_preferred is not None and self.education_current < self.education_preferred

    @property
    def ready(self) -> bool:
        return not (
            self.skills
            or self.certifications_required
            or self.education_short
            or self.experience.short
            or self.leadership.short
        )


def _name(info_by_id: Mapping[int, object], item_id: int) -> str:
    info = info_by_id.get(item_id)
    return getattr(info, "name", None) or str(item_id)


def role_gaps(G: nx.DiGraph, person: Person, role_id: int, *, months_from_start: int = 0) -> RoleGaps:
    """Return what the person lacks for the role; raise UnknownRole for a role not in the graph."""
    role: RoleNode = role_node(G, role_id)
    skill_names = G.graph.get("skills", {})
    cert_names = G.graph.get("certifications", {})
    skills = tuple(
        SkillGap(skill_id=skill_id, name=_name(skill_names, skill_id), required=level, current=have)
        for skill_id, level in role.skills.items()
        if (have := person.skills.get(skill_id, 0)) < level
    )
    missing = [
        CertificationGap(certification_id=cert_id, name=_name(cert_names, cert_id), kind=kind)
        for cert_id, kind in role.certifications.items()
        if cert_id not in person.certification_ids
    ]
    return RoleGaps(
        role_id=role_id,
        skills=tuple(sorted(skills, key=lambda gap: (gap.current - gap.required, gap.name))),
        certifications_required=tuple(gap for gap in missing if gap.kind == REQUIRED),
        certifications_recommended=tuple(gap for gap in missing if gap.kind != REQUIRED),
        education_required=role.min_education,
        education_preferred=role.preferred_education,
        education_current=person.education,
        experience=YearsGap(required=float(role.min_experience_years), current=float(person.years_experience)),
        leadership=YearsGap(required=float(role.min_leadership_years), current=float(person.years_leading)),
        months_from_start=months_from_start,
    )


def route_gaps(G: nx.DiGraph, person: Person, route: Route) -> list[RoleGaps]:
    """
    Return the gaps at each role after the start of a route, as the person will be on arrival.

    On the way the person gains what the route's required steps give (a skill at the step's
    level, a certification, an education level) and experience for the typical time spent:
    customer service experience except while holding an entry role, leadership experience while
    holding a role that leads people (the same rules as the route's months).
    """
    skills = dict(person.skills)
    certifications = set(person.certification_ids)
    education = person.education
    service_months = float(person.years_experience) * MONTHS_PER_YEAR
    leading_months = float(person.years_leading) * MONTHS_PER_YEAR
    twice_elapsed = 0  # low + high months so far: the typical time is half of it
    gaps = []
    for leg in route.legs:
        holder = role_node(G, leg.from_id)
        for item in leg.steps:
            step = item.step
            if step.optional:
                continue
            if step.skill_id is not None and step.kind != EXPERIENCE:
                skills[step.skill_id] = max(skills.get(step.skill_id, 0), step.skill_level or 1)
            if step.certification_id is not None:
                certifications.add(step.certification_id)
            if step.education is not None:
                education = max(education, step.education)
        months = sum(leg.months_range) / 2
        twice_elapsed += sum(leg.months_range)
        if not holder.is_entry:
            service_months += months
        if holder.leads_people:
            leading_months += months
        arrived = replace(
            person,
            current_role_id=leg.to_id,
            years_experience=_years(service_months),
            years_leading=_years(leading_months),
            education=education,
            skills=dict(skills),
            certification_ids=frozenset(certifications),
        )
        gaps.append(role_gaps(G, arrived, leg.to_id, months_from_start=(twice_elapsed + 1) // 2))
    return gaps


def _years(months: float) -> float:
    return float(Decimal(str(months / MONTHS_PER_YEAR)).quantize(Decimal("0.01")))
