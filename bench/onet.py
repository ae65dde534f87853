"""
Build a plain-data role graph from the O*NET 29.0 database, to benchmark the routing engine.

Reads ``Occupation Data.txt``, ``Job Zones.txt`` and ``Related Occupations.txt`` (tab-separated)
from ``../shared/datasets/onet`` next to the repository, without the database: 923 roles and
18,460 moves. BLS OEWS May 2024 national wages (``national_M2024_dl.xlsx``) become salary facts
when the file is there (read with the standard library: no spreadsheet package needed).

The weighting is synthetic, for benchmarking only. O*NET's related-occupation links are
similarity links, not observed career moves, so each move is given:

- a kind: a move up in job zone is a promotion, any other move is lateral;
- a skill step, "Prepare for <title>", towards a synthetic skill per job zone ("Job zone N
  preparation"), at a level and for a time set by the relatedness tier: Primary-Short level 2,
  3–6 months; Primary-Long level 3, 6–12 months; Supplemental level 4, 12–24 months;
- for a promotion, an experience step asking for the target zone's years of experience
  (``ZONE_YEARS``) and taking 12–24 months per job zone climbed.

The tier is kept in the move's ``note``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from roles.engine import Move, RoleNode, SalaryFactData, SkillInfo, StepData, build_graph
from roles.onet import MONTHS_PER_ZONE, OEWS_TOP_CODED, TIERS, WAGES_FILE, xlsx_rows

DATASET_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "onet"
ZONE_YEARS = {1: 0, 2: 1, 3: 2, 4: 4, 5: 6}


@dataclass(frozen=True)
class OnetData:
    roles: list[RoleNode]
    moves: list[Move]
    skills: list[SkillInfo]
    codes: dict[int, str]

    def graph(self) -> nx.DiGraph:
        return build_graph(self.roles, self.moves, skills=self.skills)


def dataset_available(directory: Path = DATASET_DIR) -> bool:
    return all(
        (directory / name).is_file() for name in ("Occupation Data.txt", "Job Zones.txt", "Related Occupations.txt")
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def load_onet(directory: Path = DATASET_DIR) -> OnetData:
    """Read the O*NET files into plain roles and moves (see the module docstring for the weighting)."""
    titles = {row["O*NET-SOC Code"]: row["Title"] for row in _rows(directory / "Occupation Data.txt")}
    zones = {row["O*NET-SOC Code"]: int(row["Job Zone"]) for row in _rows(directory / "Job Zones.txt")}
    wages = _oews_wages(directory / WAGES_FILE)
    skills = [SkillInfo(id=zone, slug=f"job-zone-{zone}", name=f"Job zone {zone} preparation") for zone in ZONE_YEARS]

    ids: dict[str, int] = {}
    roles = []
    for number, code in enumerate(sorted(zones), start=1):
        ids[code] = number
        zone = zones[code]
        roles.append(
            RoleNode(
                id=number,
                slug=f"{_slug(titles[code])}-{code.replace('.', '-')}",
                title=titles[code],
                level=zone * 2,
                min_experience_years=ZONE_YEARS[zone],
                skills={zone: 3},
                salary_facts=wages.get(code[:7], ()),
            )
        )

    moves = []
    step_id = 0
    for number, row in enumerate(_rows(directory / "Related Occupations.txt"), start=1):
        source, target, tier = row["O*NET-SOC Code"], row["Related O*NET-SOC Code"], row["Relatedness Tier"]
        if source not in ids or target not in ids or source == target:
            continue
        level, low, high = TIERS[tier]
        climb = zones[target] - zones[source]
        step_id += 1
        steps = [
            StepData(
                id=step_id,
                transition_id=number,
                order=1,
                kind="skill",
                title=f"Prepare for {titles[target]}",
                months_min=low,
                months_max=high,
                skill_id=zones[target],
                skill_level=level,
            )
        ]
        if climb > 0:
            step_id += 1
            steps.append(
                StepData(
                    id=step_id,
                    transition_id=number,
                    order=2,
                    kind="experience",
                    title=f"Build {ZONE_YEARS[zones[target]]} years of experience",
                    months_min=MONTHS_PER_ZONE[0] * climb,
                    months_max=MONTHS_PER_ZONE[1] * climb,
                    experience_kind="customer_service",
                    years=float(ZONE_YEARS[zones[target]]),
                )
            )
        moves.append(
            Move(
                transition_id=number,
                source_id=ids[source],
                target_id=ids[target],
                kind="promotion" if climb > 0 else "lateral",
                steps=tuple(steps),
                note=tier,
                source="Related Occupations.txt",
            )
        )
    return OnetData(roles=roles, moves=moves, skills=skills, codes={number: code for code, number in ids.items()})


def _oews_wages(path: Path) -> dict[str, tuple[SalaryFactData, ...]]:
    """Return OEWS national annual wages by SOC code: the mean, and the 10th–90th percentile range."""
    if not path.is_file():
        return {}
    rows = xlsx_rows(path)
    header = rows[0]
    wages: dict[str, tuple[SalaryFactData, ...]] = {}
    for values in rows[1:]:
        row = dict(zip(header, values, strict=False))
        if row.get("O_GROUP") != "detailed":
            continue
        facts = []
        mean = _wage(row.get("A_MEAN"))
        if mean:
            facts.append(SalaryFactData(kind="average", amount=mean, source=WAGES_FILE))
        low, high = _wage(row.get("A_PCT10")), _wage(row.get("A_PCT90"))
        if low and high:
            facts.append(
                SalaryFactData(
                    kind="range",
                    amount_min=low,
                    amount_max=high,
                    open_ended=row.get("A_PCT90") == "#",
                    scope_label="10th to 90th percentile",
                    source=WAGES_FILE,
                )
            )
        if facts:
            wages[row["OCC_CODE"]] = tuple(facts)
    return wages


def _wage(text: str | None) -> int | None:
    if text == "#":
        return OEWS_TOP_CODED
    try:
        return round(float(text)) if text else None
    except ValueError:
        return None
