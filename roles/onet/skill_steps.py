"""
The steps of a move along an O*NET link: the skills the target occupation rates important at a
higher level than the source (``skill_gap_steps``: skill steps at levels on the graph's 1–5 scale,
their months an estimate shared out by how far each climbs), a climb in job zone, or, where O*NET
has no Skills data for either occupation, one estimated action step (``move_steps``). Pure
functions of the O*NET extract: no database.
"""

from __future__ import annotations

import re

from roles.onet import (
    MONTHS_PER_ZONE,
    SOURCE,
    TIERS,
    Link,
    Occupation,
    _months,
    action_step,
    estimate_description,
)

# O*NET skills an occupation requires: those at least this important to it (importance 1..5).
ONET_IMPORTANT = 3.0
ONET_LEVEL_MAX = 7
# The graph's skill category of each O*NET skill group (Content Model element ids).
ONET_SKILL_CATEGORY = (
    ("2.A.", "analytical"),  # basic skills: content and process
    ("2.B.1.", "interpersonal"),  # social skills
    ("2.B.2.", "analytical"),  # complex problem solving
    ("2.B.3.", "technical"),  # technical skills
    ("2.B.4.", "business"),  # systems skills
    ("2.B.5.", "leadership"),  # resource management skills
)
TIER_ORDER = {tier: number for number, tier in enumerate(TIERS)}
MONTHS_PER_YEAR = 12


def onet_level_on_our_scale(level: float) -> int:
    """
    O*NET's skill level (0..7, as published) on CareerPath's 1..5 scale: 1 + 4 × level / 7,
    rounded half up (0 → 1, 3.5 → 3, 7 → 5). docs/role-graph-format.md ("One skill scale").
    """
    return int(1 + 4 * min(max(level, 0.0), ONET_LEVEL_MAX) / ONET_LEVEL_MAX + 0.5)


def onet_skill_slug(name: str) -> str:
    return "onet-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def onet_skills(extract: dict) -> list[dict]:
    """The 35 O*NET skills as graph skills a person can rate; O*NET gives no per-level texts."""
    return [
        {
            "slug": onet_skill_slug(skill["name"]),
            "name": f"{skill['name']} (O*NET)",
            "category": next(category for prefix, category in ONET_SKILL_CATEGORY if skill["id"].startswith(prefix)),
            "description": skill["description"],
            "levels": ["", "", "", "", ""],
            "source": SOURCE,
            "archived": False,
        }
        for skill in extract["skills"]
    ]


def occupation_skills(extract: dict, code: str) -> list[dict]:
    """An occupation's important skills (importance ≥ 3) at their level on the graph's scale."""
    names = {skill["id"]: skill["name"] for skill in extract["skills"]}
    return sorted(
        (
            {"skill": onet_skill_slug(names[skill]), "level": onet_level_on_our_scale(level), "source": SOURCE}
            for skill, (importance, level, not_relevant) in extract["occupations"][code]["skills"].items()
            if importance >= ONET_IMPORTANT and not not_relevant and skill in names
        ),
        key=lambda entry: entry["skill"],
    )


# --- Skill gaps as a move's steps ---------------------------------------------------------------


def _shares(total: int, weights: list[int]) -> list[int]:
    """``total`` months shared in proportion to ``weights`` (largest remainder): they add up to ``total``."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda index: (shares[index] - exact[index], index))
    for index in by_remainder[: total - sum(shares)]:
        shares[index] += 1
    return shares


def _months_text(low: int, high: int) -> str:
    if low == high:
        return f"{low} month" if low == 1 else f"{low} months"
    return f"{low}–{high} months"


def skill_gap_steps(extract: dict, source_code: str, target_code: str, low: int, high: int) -> list[dict]:
    """
    The skills a move from one occupation to another asks a person to build, as skill steps.

    A gap is one of the target occupation's important skills (importance ≥ 3, level relevant:
    the skills its role requires, ``occupation_skills``) whose level on CareerPath's 1..5 scale
    is above the source occupation's level of the same skill. Each step names the skill
    (``onet-<name>``) and the level, so the routing engine skips it for a person who already
    rates that skill at that level. The move's estimated ``low``–``high`` months are shared
    among its gaps by the levels each climbs (a step takes at least a month at most): O*NET says
    which skills differ and by how much, not how long learning takes, so the months stay an
    estimate and each step says so. Empty when either occupation has no Skills data (the move
    keeps its estimated action step) or when nothing is short.
    """
    occupations = extract["occupations"]
    source, target = occupations.get(source_code), occupations.get(target_code)
    if not source or not target or not source["skills"] or not target["skills"]:
        return []
    names = {skill["id"]: skill["name"] for skill in extract["skills"]}
    gaps = []
    for skill, (importance, level, not_relevant) in target["skills"].items():
        if importance < ONET_IMPORTANT or not_relevant or skill not in names:
            continue
        had = source["skills"].get(skill, (None, 0.0, True))[1]
        needed, have = onet_level_on_our_scale(level), onet_level_on_our_scale(had)
        if needed > have:
            gaps.append((needed - have, importance, names[skill], needed, have, level, had))
    gaps.sort(key=lambda gap: (-gap[0], -gap[1], gap[2]))
    climbs = [gap[0] for gap in gaps]
    steps = []
    for order, (gap, months_min, months_max) in enumerate(
        zip(gaps, _shares(low, climbs), _shares(high, climbs), strict=True), start=1
    ):
        _, importance, name, needed, have, level, had = gap
        months_max = max(months_max, 1)
        months_min = min(months_min, months_max)
        steps.append(
            {
                **action_step(
                    f"Build {name} to level {needed} of 5",
                    f"O*NET 29.0 rates {name} at level {level:.2f} of 7 for {target['title']} (importance "
                    f"{importance:.2f} of 5) and {had:.2f} for {source['title']}: level {needed} against {have} on "
                    f"CareerPath's 1–5 scale. {_months_text(months_min, months_max)} is an estimate, this skill's "
                    f"share by levels to climb of the move's {low}–{high}; O*NET does not measure how long learning "
                    "takes.",
                    months_min,
                    months_max,
                ),
                "order": order,
                "kind": "skill",
                "skill": onet_skill_slug(name),
                "skill_level": needed,
            }
        )
    return steps


def _zone_name(extract: dict, zone: int) -> str:
    return next((entry["name"] for entry in extract["job_zones"] if entry["zone"] == zone), f"Job Zone {zone}")


def move_steps(extract: dict, link: Link, source: Occupation, target: Occupation, *, prepare: str) -> list[dict]:
    """
    A move's steps along an O*NET link: the skill gaps (``skill_gap_steps``) sharing the months
    the relatedness tier suggests, then, for a move up in job zone, the preparation the zones
    add (12–24 months per zone, an estimate). Without skill gaps, the one estimated action step
    ``prepare`` with the tier's and the zones' months together, as ``import_onet`` makes it.
    """
    climb = target.zone - source.zone
    _, low, high = TIERS[link.tier]
    steps = skill_gap_steps(extract, link.source, link.target, low, high)
    if not steps:
        months = _months(link, climb)
        return [action_step(prepare, estimate_description(link, source.zone, target.zone), *months)]
    if climb > 0:
        low, high = MONTHS_PER_ZONE[0] * climb, MONTHS_PER_ZONE[1] * climb
        steps.append(
            {
                **action_step(
                    f"Gain the preparation of job zone {target.zone}",
                    f"{target.title} is in O*NET {_zone_name(extract, target.zone)}, {source.title} in job zone "
                    f"{source.zone}. {low}–{high} months ({MONTHS_PER_ZONE[0]}–{MONTHS_PER_ZONE[1]} per zone "
                    "climbed) is an estimate, not an observed figure: O*NET rates the preparation an occupation "
                    "needs, not how long people take to gain it.",
                    low,
                    high,
                ),
                "order": len(steps) + 1,
            }
        )
    return steps


# --- Joining -------------------------------------------------------------------------------------
