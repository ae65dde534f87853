"""
Turn the O*NET 29.0 database into a role graph file (docs/role-graph-format.md).

``read_onet`` reads and checks the tab-separated files (``Occupation Data.txt``, ``Job
Zones.txt``, ``Related Occupations.txt``) and, when it is there, the BLS OEWS May 2024 national
wage workbook; any problem raises ``OnetError`` naming the file and the line. ``onet_graph``
converts the data, without the database, and ``merge_graph`` lays the O*NET items over a graph
export, so that loading the result adds and refreshes O*NET items and leaves everything else,
the bundled customer service graph first of all, as it is (the loader archives what a file
leaves out). ``python manage.py import_onet`` puts the three together.

The package's other modules: ``extract`` (the compact extract the repository ships, and
``build_onet_extract``), ``joined`` (the join of the bundled roles to O*NET occupations, and the
one graph it makes) and ``memory`` (the engine's graph straight from a graph file dict).

The mapping:

- every occupation with related-occupation links is a role ``onet-<SOC code>`` (e.g.
  ``onet-43-4051-00``: stable across releases, and never a bundled role's slug), track "other",
  level twice its job zone (2 to 10), the O*NET description as its summary;
- every related-occupation link is a move, a promotion when the job zone goes up and lateral
  otherwise, its note keeping the relatedness tier and index;
- each move has one action step whose months use the synthetic weighting of ``bench/onet.py``:
  3–6, 6–12 or 12–24 months by tier (Primary-Short, Primary-Long, Supplemental), plus 12–24
  months per job zone climbed. The step says that the months are an estimate, not an observed
  figure: O*NET links occupations by similarity and does not record career moves.
- salaries are BLS OEWS May 2024 national figures, exactly as published (annual mean, and the
  10th to 90th percentile range), joined on the SOC code; none when the workbook is absent.
"""

from __future__ import annotations

import copy
import csv
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

WAGES_FILE = "national_M2024_dl.xlsx"

TIERS = {
    # tier: (skill level, months_min, months_max)
    "Primary-Short": (2, 3, 6),
    "Primary-Long": (3, 6, 12),
    "Supplemental": (4, 12, 24),
}
ZONE_YEARS = {1: 0, 2: 1, 3: 2, 4: 4, 5: 6}
MONTHS_PER_ZONE = (12, 24)
OEWS_TOP_CODED = 239200  # OEWS writes "#" for annual wages at or above $239,200.


def xlsx_rows(path: Path) -> list[list[str | None]]:
    """Read the first sheet of an .xlsx file as rows of cell texts (shared strings resolved)."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as book:
        strings = [
            "".join(text.text or "" for text in item.iter(f"{ns}t"))
            for item in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{ns}si")
        ]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{ns}row"):
        cells: dict[int, str | None] = {}
        for cell in row.iter(f"{ns}c"):
            value = cell.find(f"{ns}v")
            text = value.text if value is not None else None
            if cell.get("t") == "s" and text is not None:
                text = strings[int(text)]
            cells[_column(cell.get("r", ""))] = text
        rows.append([cells.get(index) for index in range(max(cells, default=-1) + 1)])
    return rows


def _column(reference: str) -> int:
    index = 0
    for char in reference:
        if not char.isalpha():
            break
        index = index * 26 + ord(char.upper()) - ord("A") + 1
    return index - 1


SOURCE = "onet-29.0"
WAGES_SOURCE = "bls-oews-2024"
OCCUPATIONS_FILE = "Occupation Data.txt"
ZONES_FILE = "Job Zones.txt"
RELATED_FILE = "Related Occupations.txt"
REQUIRED_FILES = (OCCUPATIONS_FILE, ZONES_FILE, RELATED_FILE)

CODE_RE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
OCCUPATION_COLUMNS = ("O*NET-SOC Code", "Title", "Description")
ZONE_COLUMNS = ("O*NET-SOC Code", "Job Zone")
RELATED_COLUMNS = ("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index")
WAGE_COLUMNS = ("OCC_CODE", "OCC_TITLE", "O_GROUP", "A_MEAN", "A_PCT10", "A_PCT90")
# Fields of an existing role or move that an import refreshes; anything else (skills, duties,
# the archived flag, steps staff added...) is left as the graph has it.
ROLE_FIELDS = ("title", "level", "summary", "onet_soc_code")
TRANSITION_FIELDS = ("kind", "note", "source")


class OnetError(Exception):
    """The O*NET folder, or one of its files, cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    description: str
    zone: int


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    tier: str
    index: int


@dataclass(frozen=True)
class Wages:
    """One OEWS row's annual figures, as the texts the workbook gives ('#' = top-coded)."""

    soc_code: str
    title: str
    mean: str | None
    pct10: str | None
    pct90: str | None


@dataclass
class OnetData:
    occupations: dict[str, Occupation]
    links: list[Link]
    # SOC code (first 7 characters of an O*NET-SOC code) → wages; None when the workbook is absent.
    wages: dict[str, Wages] | None = None
    skipped: list[str] = field(default_factory=list)


def role_slug(code: str) -> str:
    return "onet-" + code.replace(".", "-")


def onet_code_for_slug(slug: str) -> str | None:
    """The O*NET-SOC code an ``onet-<code>`` role slug stands for (``role_slug`` undone), else None."""
    code = slug.removeprefix("onet-")
    if code == slug or len(code) != 10:
        return None
    code = code[:7] + "." + code[8:]
    return code if CODE_RE.match(code) else None


# --- Reading -----------------------------------------------------------------------------------


def _table(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a tab-separated O*NET file as (line number, row) pairs, checking its shape."""
    name = path.name
    if not path.is_file():
        raise OnetError(f"{name}: no such file in {path.parent}")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except UnicodeDecodeError as error:
        raise OnetError(f"{name}: not UTF-8 text ({error})") from None
    except (OSError, csv.Error) as error:
        raise OnetError(f"{name}: cannot be read ({error})") from None
    if not lines:
        raise OnetError(f"{name}, line 1: the file is empty; expected a header row")
    header = [cell.strip() for cell in lines[0]]
    missing = [column for column in columns if column not in header]
    if missing:
        raise OnetError(f"{name}, line 1: the header lacks the column(s) {', '.join(missing)}")
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise OnetError(f"{name}, line {number}: expected {len(header)} tab-separated fields, found {len(cells)}")
        rows.append((number, {column: cell.strip() for column, cell in zip(header, cells, strict=True)}))
    return rows


def _code(name: str, number: int, value: str, column: str = "O*NET-SOC Code") -> str:
    if not CODE_RE.match(value):
        raise OnetError(f"{name}, line {number}: {column} must look like 43-4051.00, not {value!r}")
    return value


def read_onet(directory: str | Path) -> OnetData:
    """Read and check the O*NET folder; raise OnetError naming the file and line of any problem."""
    directory = Path(directory)
    if not directory.is_dir():
        raise OnetError(f"O*NET folder not found: {directory}")

    titles: dict[str, tuple[str, str]] = {}
    for number, row in _table(directory / OCCUPATIONS_FILE, OCCUPATION_COLUMNS):
        code = _code(OCCUPATIONS_FILE, number, row["O*NET-SOC Code"])
        if code in titles:
            raise OnetError(f"{OCCUPATIONS_FILE}, line {number}: occupation {code} appears more than once")
        if not row["Title"]:
            raise OnetError(f"{OCCUPATIONS_FILE}, line {number}: occupation {code} has no title")
        if len(row["Title"]) > 120:
            raise OnetError(f"{OCCUPATIONS_FILE}, line {number}: the title is longer than 120 characters")
        titles[code] = (row["Title"], row["Description"])

    zones: dict[str, int] = {}
    for number, row in _table(directory / ZONES_FILE, ZONE_COLUMNS):
        code = _code(ZONES_FILE, number, row["O*NET-SOC Code"])
        if code in zones:
            raise OnetError(f"{ZONES_FILE}, line {number}: occupation {code} appears more than once")
        if code not in titles:
            raise OnetError(f"{ZONES_FILE}, line {number}: occupation {code} is not in {OCCUPATIONS_FILE}")
        zone = row["Job Zone"]
        if zone not in ("1", "2", "3", "4", "5"):
            raise OnetError(f"{ZONES_FILE}, line {number}: Job Zone must be 1 to 5, not {zone!r}")
        zones[code] = int(zone)

    links: list[Link] = []
    skipped: list[str] = []
    seen: set[tuple[str, str]] = set()
    for number, row in _table(directory / RELATED_FILE, RELATED_COLUMNS):
        source = _code(RELATED_FILE, number, row["O*NET-SOC Code"])
        target = _code(RELATED_FILE, number, row["Related O*NET-SOC Code"], "Related O*NET-SOC Code")
        tier, index = row["Relatedness Tier"], row["Index"]
        if tier not in TIERS:
            raise OnetError(
                f"{RELATED_FILE}, line {number}: Relatedness Tier must be one of {', '.join(TIERS)}, not {tier!r}"
            )
        if not index.isdigit():
            raise OnetError(f"{RELATED_FILE}, line {number}: Index must be a whole number, not {index!r}")
        for code in (source, target):
            if code not in titles:
                raise OnetError(f"{RELATED_FILE}, line {number}: occupation {code} is not in {OCCUPATIONS_FILE}")
        if (source, target) in seen:
            raise OnetError(f"{RELATED_FILE}, line {number}: the link {source} → {target} appears more than once")
        seen.add((source, target))
        if source == target:
            skipped.append(f"{RELATED_FILE}, line {number}: {source} is linked to itself")
            continue
        unzoned = [code for code in (source, target) if code not in zones]
        if unzoned:
            skipped.append(f"{RELATED_FILE}, line {number}: {', '.join(unzoned)} has no job zone in {ZONES_FILE}")
            continue
        links.append(Link(source=source, target=target, tier=tier, index=int(index)))

    linked = {link.source for link in links} | {link.target for link in links}
    occupations = {
        code: Occupation(code=code, title=titles[code][0], description=titles[code][1], zone=zones[code])
        for code in sorted(linked)
    }
    return OnetData(occupations=occupations, links=links, wages=read_wages(directory / WAGES_FILE), skipped=skipped)


def read_wages(path: Path) -> dict[str, Wages] | None:
    """Read the OEWS national workbook's detailed occupations; None when the file is absent."""
    if not path.is_file():
        return None
    try:
        rows = xlsx_rows(path)
    except (OSError, zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, IndexError) as error:
        raise OnetError(f"{path.name}: not a readable .xlsx workbook ({error})") from None
    if not rows:
        raise OnetError(f"{path.name}, row 1: the sheet is empty; expected a header row")
    header = rows[0]
    missing = [column for column in WAGE_COLUMNS if column not in header]
    if missing:
        raise OnetError(f"{path.name}, row 1: the header lacks the column(s) {', '.join(missing)}")
    wages = {}
    for values in rows[1:]:
        row = dict(zip(header, values, strict=False))
        if row.get("O_GROUP") != "detailed" or not row.get("OCC_CODE"):
            continue
        wages[row["OCC_CODE"]] = Wages(
            soc_code=row["OCC_CODE"],
            title=row.get("OCC_TITLE") or "",
            mean=row.get("A_MEAN"),
            pct10=row.get("A_PCT10"),
            pct90=row.get("A_PCT90"),
        )
    return wages


# --- Converting --------------------------------------------------------------------------------


def _figure(text: str | None) -> int | float | None:
    """A published annual figure as a JSON number; None for '*' (not available), '#' (top-coded) or blank."""
    if not text:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError:
        return None
    if not value.is_finite() or value <= 0:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _fact(
    kind: str,
    *,
    amount: int | float | None = None,
    amount_min: int | float | None = None,
    amount_max: int | float | None = None,
    open_ended: bool = False,
    scope_label: str,
    note: str,
) -> dict:
    """A national annual salary fact, its keys in the exporter's order."""
    return {
        "kind": kind,
        "amount": amount,
        "amount_min": amount_min,
        "amount_max": amount_max,
        "open_ended": open_ended,
        "relative_to": None,
        "period": "year",
        "scope": "national",
        "scope_label": scope_label,
        "source": WAGES_SOURCE,
        "note": note,
    }


def salary_facts(wages: Wages | None) -> list[dict]:
    """The OEWS national annual mean and 10th–90th percentile range, as published."""
    if wages is None:
        return []
    about = f"BLS OEWS May 2024 national estimate for SOC {wages.soc_code} ({wages.title}), all industries."
    facts = []
    mean = _figure(wages.mean)
    if mean is not None:
        facts.append(_fact("average", amount=mean, scope_label="Annual mean wage", note=about))
    low = _figure(wages.pct10)
    high = _figure(wages.pct90)
    top_coded = wages.pct90 == "#"
    if top_coded:
        high = OEWS_TOP_CODED
        about += f" The 90th percentile is published as '#': ${OEWS_TOP_CODED:,} or more."
    if low is not None and high is not None and low <= high:
        facts.append(
            _fact(
                "range",
                amount_min=low,
                amount_max=high,
                open_ended=top_coded,
                scope_label="10th to 90th percentile",
                note=about,
            )
        )
    return facts


def _months(link: Link, climb: int) -> tuple[int, int]:
    _, low, high = TIERS[link.tier]
    if climb > 0:
        low, high = low + MONTHS_PER_ZONE[0] * climb, high + MONTHS_PER_ZONE[1] * climb
    return low, high


def estimate_description(link: Link, source_zone: int, target_zone: int) -> str:
    """Why a move along an O*NET link takes the months it does: an estimate, said as one."""
    low, high = _months(link, target_zone - source_zone)
    return (
        f"{low}–{high} months is an estimate derived from O*NET job zones (zone {source_zone} "
        f"to {target_zone}) and the relatedness tier ({link.tier}), not an observed figure: "
        "O*NET links occupations by similarity and does not record career moves."
    )


def action_step(title: str, description: str, low: int, high: int, *, source: str = SOURCE) -> dict:
    """A move's one action step (O*NET's unless ``source`` says otherwise), its keys in the exporter's order."""
    return {
        "order": 1,
        "kind": "action",
        "title": title,
        "description": description,
        "months_min": low,
        "months_max": high,
        "skill": None,
        "skill_level": None,
        "certification": None,
        "education": None,
        "experience_kind": "",
        "years": None,
        "optional": False,
        "source": source,
        "archived": False,
    }


def onet_graph(data: OnetData) -> dict:
    """Convert O*NET data to a role graph file dict (roles and moves only), sorted as exported."""
    occupations = data.occupations
    roles = []
    for code, occupation in sorted(occupations.items(), key=lambda item: role_slug(item[0])):
        wages = data.wages.get(code[:7]) if data.wages is not None else None
        roles.append(
            {
                "slug": role_slug(code),
                "title": occupation.title,
                "track": "other",
                "level": occupation.zone * 2,
                "summary": occupation.description,
                "duties": [],
                "alternate_titles": [],
                "min_education": "none",
                "preferred_education": None,
                "education_note": "",
                "min_experience_years": 0,
                "min_leadership_years": 0,
                "experience_note": f"O*NET job zone {occupation.zone} of 5.",
                "onet_soc_code": code,
                "sources": [SOURCE],
                "is_entry": False,
                "is_track_top": False,
                "archived": False,
                "skills": [],
                "certifications": [],
                "salary_facts": salary_facts(wages),
            }
        )

    transitions = []
    for link in sorted(data.links, key=lambda link: (role_slug(link.source), role_slug(link.target))):
        source, target = occupations[link.source], occupations[link.target]
        climb = target.zone - source.zone
        low, high = _months(link, climb)
        transitions.append(
            {
                "from": role_slug(link.source),
                "to": role_slug(link.target),
                "kind": "promotion" if climb > 0 else "lateral",
                "note": (
                    f"O*NET related occupation: {link.tier} tier, index {link.index}; "
                    f"job zone {source.zone} to {target.zone}."
                ),
                "source": SOURCE,
                "archived": False,
                "steps": [
                    action_step(
                        f"Prepare for {target.title}", estimate_description(link, source.zone, target.zone), low, high
                    )
                ],
            }
        )
    return {"roles": roles, "transitions": transitions}


# --- Merging -----------------------------------------------------------------------------------


def merge_graph(current: dict, onet: dict, *, replace_wages: bool = True) -> dict:
    """
    Lay the O*NET roles and moves over ``current`` (a ``graph_export()`` dict) and return the result.

    Nothing in ``current`` is left out, so loading the result archives nothing. New O*NET items
    are added whole. An existing one keeps what staff may have added (skills, duties, the
    archived flag, other salary facts, other steps) and takes the O*NET fields afresh: for a
    role its title, level, summary, SOC code, the O*NET source and, when ``replace_wages``, its
    OEWS salary facts; for a move its kind, note, source and the O*NET step.
    """
    merged = copy.deepcopy(current)
    roles = {role["slug"]: role for role in merged.get("roles", [])}
    for new in onet["roles"]:
        role = roles.get(new["slug"])
        if role is None:
            roles[new["slug"]] = copy.deepcopy(new)
            continue
        for key in ROLE_FIELDS:
            role[key] = new[key]
        role["sources"] = [*role.get("sources", []), *(s for s in new["sources"] if s not in role.get("sources", []))]
        if replace_wages:
            kept = [fact for fact in role.get("salary_facts", []) if fact.get("source") != WAGES_SOURCE]
            role["salary_facts"] = kept + copy.deepcopy(new["salary_facts"])

    transitions = {(t["from"], t["to"]): t for t in merged.get("transitions", [])}
    for new in onet["transitions"]:
        key = (new["from"], new["to"])
        transition = transitions.get(key)
        if transition is None:
            transitions[key] = copy.deepcopy(new)
            continue
        for name in TRANSITION_FIELDS:
            transition[name] = new[name]
        steps = [step for step in transition.get("steps", []) if step.get("source") != SOURCE]
        orders = {step["order"] for step in steps}
        for step in new["steps"]:
            step = copy.deepcopy(step)
            if step["order"] in orders:
                step["order"] = max(orders) + 1
            orders.add(step["order"])
            steps.append(step)
        transition["steps"] = sorted(steps, key=lambda step: step["order"])

    merged["roles"] = [roles[slug] for slug in sorted(roles)]
    merged["transitions"] = [transitions[key] for key in sorted(transitions)]
    return merged
