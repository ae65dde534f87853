"""A role's page: what it asks for, its moves in and out, its salary and its O*NET data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from roles.engine import (
    SalarySpread,
)
from roles.models import (
    OnetReference,
    Role,
    RoleCertification,
    RoleOnetData,
    RoleSkill,
    SalaryFact,
    Transition,
    TransitionStep,
)
from roles.onet.skill_steps import ONET_IMPORTANT, onet_level_on_our_scale
from roles.selectors.salaries import SalaryFactRow, salary_fact_figure, salary_spreads_for


@dataclass(frozen=True)
class SkillRow:
    role_skill: RoleSkill
    level_description: str


@dataclass(frozen=True)
class Move:
    """One move to or from a role, with its non-archived steps in order."""

    transition: Transition
    other_role: Role
    steps: list[TransitionStep]
    months_min: int
    months_max: int


# O*NET skills a role's page lists: those at least this important to the occupation (1..5).


@dataclass(frozen=True, slots=True)
class OnetSkillRow:
    name: str
    description: str
    importance: float
    level: float
    our_level: int


@dataclass(frozen=True, slots=True)
class OnetShare:
    label: str
    share: float


@dataclass(frozen=True)
class OnetView:
    """An occupation's O*NET data as a role page shows it, with the names the codes stand for."""

    code: str
    title: str
    job_zone: dict | None
    skills: list[OnetSkillRow]
    education: list[tuple[str, list[OnetShare]]]  # (the scale's name, the categories with workers)
    technology: list[dict]
    source: str


def onet_view(data: dict | None, reference: dict | None) -> OnetView | None:
    """The role's O*NET data (``RoleOnetData.data``) read against the release's reference (``OnetReference``)."""
    if not data or not reference:
        return None
    skills = {skill["id"]: skill for skill in reference["skills"]}
    rows = [
        OnetSkillRow(
            name=skills[entry["skill"]]["name"] if entry["skill"] in skills else entry["skill"],
            description=skills.get(entry["skill"], {}).get("description", ""),
            importance=entry["importance"],
            level=entry["level"],
            our_level=onet_level_on_our_scale(entry["level"]),
        )
        for entry in data.get("skills", [])
        if entry["importance"] >= ONET_IMPORTANT and not entry["level_not_relevant"]
    ]
    education = []
    for scale, shares in sorted(data.get("education", {}).items()):
        category = reference["education_categories"].get(scale)
        if category is None:
            continue
        # A category's short label: its text before the " - " explanation O*NET appends to some.
        labels = {entry["category"]: entry["label"].split(" - ")[0] for entry in category["categories"]}
        education.append(
            (
                category["name"],
                [
                    OnetShare(label=labels.get(e["category"], str(e["category"])), share=e["share"])
                    for e in shares
                    if e["share"] > 0
                ],
            )
        )
    zones = {zone["zone"]: zone for zone in reference.get("job_zones", [])}
    return OnetView(
        code=data["code"],
        title=data["title"],
        job_zone=zones.get(data.get("job_zone")),
        skills=sorted(rows, key=lambda row: (-row.importance, row.name)),
        education=education,
        technology=sorted(data.get("technology", []), key=lambda tool: (not tool["hot"], tool["example"])),
        source=reference.get("source", ""),
    )


def _role_onet_view(role: Role) -> OnetView | None:
    onet_data: RoleOnetData | None = getattr(role, "onet_data", None)  # select_related by role_detail_get
    if onet_data is None:
        return None
    return onet_view(onet_data.data, OnetReference.objects.filter(pk=1).values_list("data", flat=True).first())


@dataclass(frozen=True)
class RoleDetail:
    role: Role
    skills: list[SkillRow]
    required_certifications: list[RoleCertification]
    recommended_certifications: list[RoleCertification]
    salary_facts: list[SalaryFactRow]
    spread: SalarySpread | None
    moves_out: list[Move] = field(default_factory=list)
    moves_in: list[Move] = field(default_factory=list)
    onet: OnetView | None = None


def _steps_prefetch() -> Prefetch:
    steps = TransitionStep.objects.filter(archived=False).select_related("skill", "certification").order_by("order")
    return Prefetch("steps", queryset=steps, to_attr="active_steps")


def move_months(steps: Iterable[TransitionStep]) -> tuple[int, int]:
    """Return the shortest and longest time a move takes: the sum over its required steps."""
    required = [step for step in steps if not step.optional]
    return sum(step.months_min for step in required), sum(step.months_max for step in required)


def _moves(transitions: Iterable[Transition], *, outgoing: bool) -> list[Move]:
    moves = []
    for transition in transitions:
        steps: list[TransitionStep] = transition.active_steps  # type: ignore[attr-defined]  # _steps_prefetch's
        low, high = move_months(steps)
        moves.append(
            Move(
                transition=transition,
                other_role=transition.target_role if outgoing else transition.source_role,
                steps=steps,
                months_min=low,
                months_max=high,
            )
        )
    return moves


def role_detail_get(*, slug: str) -> RoleDetail:
    """Return everything a role's page shows, or raise Http404; archived roles are found too."""
    role = (
        Role.objects.filter(slug=slug)
        .select_related("onet_data")
        .prefetch_related(
            Prefetch(
                "role_skills", queryset=RoleSkill.objects.select_related("skill").order_by("-level", "skill__name")
            ),
            Prefetch(
                "role_certifications",
                queryset=RoleCertification.objects.select_related("certification").order_by("certification__name"),
            ),
            Prefetch(
                "salary_facts",
                queryset=SalaryFact.objects.select_related("relative_to").order_by("scope", "kind", "id"),
            ),
        )
        .first()
    )
    if role is None:
        raise Http404("No role has that address.")

    outgoing = (
        Transition.objects.active()
        .filter(source_role=role)
        .select_related("target_role")
        .prefetch_related(_steps_prefetch())
        .order_by("target_role__level", "target_role__title")
    )
    incoming = (
        Transition.objects.active()
        .filter(target_role=role)
        .select_related("source_role")
        .prefetch_related(_steps_prefetch())
        .order_by("source_role__level", "source_role__title")
    )

    skills = []
    for role_skill in role.role_skills.all():
        descriptions = role_skill.skill.level_descriptions
        description = descriptions[role_skill.level - 1] if 1 <= role_skill.level <= len(descriptions) else ""
        skills.append(SkillRow(role_skill=role_skill, level_description=description))
    certifications = list(role.role_certifications.all())
    facts = list(role.salary_facts.all())
    return RoleDetail(
        role=role,
        skills=skills,
        required_certifications=[c for c in certifications if c.kind == RoleCertification.Kind.REQUIRED],
        recommended_certifications=[c for c in certifications if c.kind != RoleCertification.Kind.REQUIRED],
        salary_facts=[SalaryFactRow(fact=fact, figure=salary_fact_figure(fact)) for fact in facts],
        spread=salary_spreads_for([role.id]).get(role.id) if facts else None,
        moves_out=_moves(outgoing, outgoing=True),
        moves_in=_moves(incoming, outgoing=False),
        onet=_role_onet_view(role),
    )
