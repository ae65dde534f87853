"""
One role graph: the bundled customer service roles and the O*NET 29.0 occupations, joined.

``roles/data/onet_join.json`` names, for each bundled role, the O*NET-SOC code(s) it is the
customer service version of, quoting O*NET's own title or alternate titles as the evidence;
``check_join`` verifies every code and every quote against the extract. ``joined_graph`` lays
the O*NET occupations (roles ``onet-<SOC code>``, as ``import_onet`` makes them) beside the
bundled graph and joins them: an O*NET link from occupation X to occupation Y also leads from X
into every bundled role that is a version of Y, and out of every bundled role that is a version
of X into Y. It is a pure function of three dicts: no database.

Every transition says where it came from in ``origin``: ``documents`` (the bundled file's moves,
from the source documents), ``onet`` (O*NET relatedness between two occupations) or ``join``
(inferred by the join; its note gives the reasoning). The shape additions are in
docs/role-graph-format.md ("The joined graph").

A move along an O*NET link asks for the skills the target occupation rates above the source
(``roles.onet.skill_steps.move_steps``: real skill steps at levels, their months an estimate), where O*NET has the
Skills data for both; otherwise it keeps one estimated action step.

The documents lead: a join never adds a move between two bundled roles (the documents say how
those connect), a document move is never replaced, and a join move into a bundled role asks for
the customer service experience that role requires in the bundled graph, so a shortcut from an
O*NET occupation cannot undercut the documents' years.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from roles.onet import (
    SOURCE,
    Link,
    Occupation,
    OnetData,
    Wages,
    action_step,
    onet_graph,
    role_slug,
)
from roles.onet.extract import ETE_SCALES, load_extract
from roles.onet.skill_steps import (
    MONTHS_PER_YEAR,
    TIER_ORDER,
    move_steps,
    occupation_skills,
    onet_skills,
)

JOIN_PATH = Path(__file__).resolve().parents[1] / "data" / "onet_join.json"
JOIN_FORMAT = "careerpath-onet-join"
EDITORIAL_SOURCE = "careerpath-editorial"
ATTRIBUTION = (
    "This product includes information from the O*NET 29.0 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET(R) is a trademark of USDOL/ETA."
)
DOCUMENTS, ONET, JOIN = "documents", "onet", "join"


class JoinError(Exception):
    """The join file cannot be read or does not match the extract; ``errors`` lists every problem."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def load_join(path: str | Path = JOIN_PATH) -> dict:
    path = Path(path)
    try:
        join = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise JoinError([f"{path.name}: cannot be read ({error})"]) from None
    if not isinstance(join, dict) or join.get("format") != JOIN_FORMAT or not isinstance(join.get("roles"), list):
        raise JoinError([f"{path.name}: not a {JOIN_FORMAT} file"])
    return join


def check_join(join: dict, extract: dict, role_slugs: set[str] | None = None) -> list[str]:
    """
    Every problem with the join, as messages (empty when it is sound).

    Each code must be an occupation of the extract, and each evidence quote must be, word for
    word, that occupation's title (``"field": "title"``) or one of its alternate titles
    (``"field": "alternate_title"``); so must each of a role's ``titles`` (other occupations'
    alternate titles the role also answers to in the title search). With ``role_slugs``, each
    role must be one of them, once.
    """
    errors = []
    occupations = extract["occupations"]
    seen: set[str] = set()
    for number, entry in enumerate(join["roles"]):
        slug = entry.get("role")
        where = f"roles[{number}] ({slug})"
        if slug in seen:
            errors.append(f"{where}: the role appears more than once")
        seen.add(slug)
        if role_slugs is not None and slug not in role_slugs:
            errors.append(f"{where}: no bundled role has this slug")
        for code_number, code_entry in enumerate(entry.get("codes", [])):
            code = code_entry.get("code")
            here = f"{where}.codes[{code_number}]"
            occupation = occupations.get(code)
            if occupation is None:
                errors.append(f"{here}: {code!r} is not an O*NET occupation in the extract")
                continue
            evidence = code_entry.get("evidence") or []
            if not evidence:
                errors.append(f"{here}: {code} has no evidence")
            alternates = {title for title, _, _ in occupation["alternate_titles"]}
            for quote in evidence:
                field, text = quote.get("field"), quote.get("text")
                if field == "title":
                    found = text == occupation["title"]
                elif field == "alternate_title":
                    found = text in alternates
                else:
                    errors.append(f"{here}: evidence field must be title or alternate_title, not {field!r}")
                    continue
                if not found:
                    errors.append(
                        f"{here}: {text!r} is not {'the title' if field == 'title' else 'an alternate title'} of {code}"
                    )
        for title_number, title in enumerate(entry.get("titles", [])):
            here = f"{where}.titles[{title_number}]"
            occupation = occupations.get(title.get("code"))
            if occupation is None:
                errors.append(f"{here}: {title.get('code')!r} is not an O*NET occupation in the extract")
            elif title.get("text") not in {text for text, _, _ in occupation["alternate_titles"]}:
                errors.append(f"{here}: {title.get('text')!r} is not an alternate title of {title['code']}")
    if role_slugs is not None:
        errors.extend(f"role {slug}: not in the join" for slug in sorted(role_slugs - seen))
    return errors


def join_titles(join: dict) -> dict[str, list[str]]:
    """
    The O*NET titles of other occupations each bundled role also answers to in the title search
    (the join's ``titles``, e.g. "Call Center Agent" for the representative), by role slug.
    """
    return {
        entry["role"]: [title["text"] for title in entry.get("titles", [])]
        for entry in join["roles"]
        if entry.get("titles")
    }


# --- The extract as O*NET import data ------------------------------------------------------------


def _wage_text(entry: dict, key: str) -> str | None:
    if key in entry["top_coded"]:
        return "#"
    value = entry.get(key)
    return None if value is None else str(value)


def extract_onet_data(extract: dict) -> OnetData:
    """The extract as ``roles.onet.OnetData``, so the conversion is ``import_onet``'s own."""
    occupations = extract["occupations"]
    zoned = {code for code, occupation in occupations.items() if occupation["job_zone"] is not None}
    links = [
        Link(source=code, target=target, tier=tier, index=index)
        for code in sorted(zoned)
        for target, tier, index in occupations[code]["related"]
        if target in zoned and target != code
    ]
    linked = {link.source for link in links} | {link.target for link in links}
    return OnetData(
        occupations={
            code: Occupation(
                code=code,
                title=occupations[code]["title"],
                description=occupations[code]["description"],
                zone=occupations[code]["job_zone"],
            )
            for code in sorted(linked)
        },
        links=links,
        wages={
            soc: Wages(
                soc_code=soc,
                title=entry["title"],
                mean=_wage_text(entry, "mean"),
                pct10=_wage_text(entry, "pct10"),
                pct90=_wage_text(entry, "pct90"),
            )
            for soc, entry in extract["wages"].items()
        },
    )


def occupation_data(extract: dict, code: str) -> dict:
    """One occupation's O*NET data as a role graph file carries it (key ``onet`` on a role)."""
    occupation = extract["occupations"][code]
    commodities = extract["commodities"]
    categories = extract["education_categories"]
    return {
        "code": code,
        "title": occupation["title"],
        "job_zone": occupation["job_zone"],
        "skills": [
            {"skill": skill, "importance": importance, "level": level, "level_not_relevant": not_relevant}
            for skill, (importance, level, not_relevant) in sorted(occupation["skills"].items())
        ],
        "education": {
            scale: [
                {"category": category, "share": share}
                for (category, _), share in zip(categories[scale]["categories"], shares, strict=True)
            ]
            for scale, shares in sorted(occupation["education"].items())
        },
        "technology": [
            {"example": example, "commodity": commodities[commodity], "hot": hot, "in_demand": in_demand}
            for example, commodity, hot, in_demand in occupation["technology"]
        ],
        "alternate_titles": [
            {"title": title, "short_title": short, "sources": sources}
            for title, short, sources in occupation["alternate_titles"]
        ],
    }


def reference_data(extract: dict) -> dict:
    """The scales, skills, categories and job zones that per-role O*NET data refers to (top-level ``onet``)."""
    used = {"IM", "LV", *ETE_SCALES}
    return {
        "release": extract["release"],
        "wages_release": extract["wages_release"],
        "attribution": ATTRIBUTION,
        "source": SOURCE,
        "scales": [scale for scale in extract["scales"] if scale["id"] in used],
        "skills": extract["skills"],
        "education_categories": {
            scale: {
                "name": entry["name"],
                "categories": [{"category": number, "label": label} for number, label in entry["categories"]],
            }
            for scale, entry in sorted(extract["education_categories"].items())
        },
        "job_zones": extract["job_zones"],
        # Not in the O*NET files here: no level anchor texts exist in this data set.
        "level_anchors": None,
    }


# --- O*NET skills on the graph's scale ---------------------------------------------------------


def _quotes(code_entry: dict) -> str:
    return ", ".join(f"\u201c{quote['text']}\u201d" for quote in code_entry["evidence"])


def _experience_step(order: int, role: dict) -> dict | None:
    """The bundled role's customer service years, as a step a person who has them skips."""
    years = role.get("min_experience_years") or 0
    if years <= 0:
        return None
    return {
        "order": order,
        "kind": "experience",
        "title": f"Reach {years:g} years of customer service experience",
        "description": (
            f"{role['title']} asks for {years:g} years of customer service experience in the bundled graph "
            "(from the source documents); a move from another occupation does not waive them."
        ),
        "months_min": round(years * MONTHS_PER_YEAR),
        "months_max": round(years * MONTHS_PER_YEAR),
        "skill": None,
        "skill_level": None,
        "certification": None,
        "education": None,
        "experience_kind": "customer_service",
        "years": years,
        "optional": False,
        "source": EDITORIAL_SOURCE,
        "archived": False,
    }


def _join_move(
    *, source: str, target: str, target_role: dict | None, climb: int, link: Link | None, note: str, steps: list[dict]
) -> dict:
    steps = list(steps)
    if target_role is not None:
        experience = _experience_step(len(steps) + 1, target_role)
        if experience is not None:
            steps.append(experience)
    return {
        "from": source,
        "to": target,
        "kind": "promotion" if climb > 0 else "lateral",
        "note": note,
        "source": SOURCE,
        "archived": False,
        "origin": JOIN,
        "onet_link": _link_data(link),
        "steps": steps,
    }


def _link_data(link: Link | None) -> dict | None:
    if link is None:
        return None
    return {"from": link.source, "to": link.target, "tier": link.tier, "index": link.index}


def _rank(move: dict) -> tuple:
    """Which of two join moves between the same roles to keep: the same occupation, then the closest link."""
    link = move["onet_link"]
    if link is None:
        return (0, 0, 0)
    return (1, TIER_ORDER[link["tier"]], link["index"])


def joined_graph(bundled: dict, extract: dict | None = None, join: dict | None = None) -> dict:
    """
    Return one role graph file dict: ``bundled`` with the O*NET occupations joined to it.

    Raise JoinError when the join does not match the extract or the bundled roles.
    """
    extract = load_extract() if extract is None else extract
    join = load_join() if join is None else join
    bundled_roles = {role["slug"]: role for role in bundled["roles"]}
    errors = check_join(join, extract, set(bundled_roles))
    if errors:
        raise JoinError(errors)

    data = extract_onet_data(extract)
    onet = onet_graph(data)
    occupations = data.occupations
    graph = copy.deepcopy(bundled)
    graph["onet"] = reference_data(extract)

    versions: dict[str, list[tuple[str, dict]]] = {}  # O*NET code → [(bundled slug, join entry)]
    roles = []
    for role in graph["roles"]:
        entry = next(item for item in join["roles"] if item["role"] == role["slug"])
        role["origin"] = DOCUMENTS
        role["onet_join"] = entry["codes"]
        role["onet"] = occupation_data(extract, entry["codes"][0]["code"]) if entry["codes"] else None
        for code_entry in entry["codes"]:
            versions.setdefault(code_entry["code"], []).append((role["slug"], code_entry))
        roles.append(role)
    for role in onet["roles"]:
        role["origin"] = ONET
        role["onet"] = occupation_data(extract, role["onet_soc_code"])
        role["skills"] = occupation_skills(extract, role["onet_soc_code"])
        roles.append(role)
    graph["skills"] = sorted([*graph["skills"], *onet_skills(extract)], key=lambda skill: skill["slug"])
    graph["roles"] = sorted(roles, key=lambda role: role["slug"])

    moves: dict[tuple[str, str], dict] = {}
    for move in graph["transitions"]:
        move["origin"] = DOCUMENTS
        move["onet_link"] = None
        moves[move["from"], move["to"]] = move
    links = {(role_slug(link.source), role_slug(link.target)): link for link in data.links}
    for move in onet["transitions"]:
        link = links[move["from"], move["to"]]
        move["origin"] = ONET
        move["onet_link"] = _link_data(link)
        move["steps"] = move_steps(
            extract,
            link,
            occupations[link.source],
            occupations[link.target],
            prepare=f"Prepare for {occupations[link.target].title}",
        )
        moves.setdefault((move["from"], move["to"]), move)

    candidates: list[dict] = []
    for code, joined in versions.items():
        if code not in occupations:
            continue
        general = occupations[code]
        for slug, code_entry in joined:
            role = bundled_roles[slug]
            low, high = 0, 3
            candidates.append(
                _join_move(
                    source=role_slug(code),
                    target=slug,
                    target_role=role,
                    climb=0,
                    link=None,
                    note=(
                        f"Inferred by the join: {role['title']} is the customer service version of O*NET's "
                        f"{general.title} ({code}), which lists {_quotes(code_entry)}; a move within one occupation."
                    ),
                    steps=[
                        action_step(
                            f"Apply for {role['title']} positions",
                            f"{low}–{high} months to find and apply for a {role['title']} position is an editorial "
                            "estimate: the work is the same occupation's.",
                            low,
                            high,
                            source=EDITORIAL_SOURCE,
                        )
                    ],
                )
            )
    for link in data.links:
        source, target = occupations[link.source], occupations[link.target]
        climb = target.zone - source.zone
        relation = (
            f"O*NET relates {source.title} ({link.source}) to {target.title} ({link.target}): "
            f"{link.tier} tier, index {link.index}"
        )
        for slug, code_entry in versions.get(link.target, []):
            role = bundled_roles[slug]
            if any(item["code"] == link.source for item in role_codes(join, slug)):
                continue  # the role's own occupation: the move within it is made above
            candidates.append(
                _join_move(
                    source=role_slug(link.source),
                    target=slug,
                    target_role=role,
                    climb=climb,
                    link=link,
                    note=(
                        f"Inferred by the join: {relation}; {role['title']} is the customer service version of "
                        f"{link.target}, which lists {_quotes(code_entry)}. Job zone {source.zone} to {target.zone}."
                    ),
                    steps=move_steps(extract, link, source, target, prepare=f"Prepare for {role['title']}"),
                )
            )
        for slug, code_entry in versions.get(link.source, []):
            role = bundled_roles[slug]
            if any(item["code"] == link.target for item in role_codes(join, slug)):
                continue
            candidates.append(
                _join_move(
                    source=slug,
                    target=role_slug(link.target),
                    target_role=None,
                    climb=climb,
                    link=link,
                    note=(
                        f"Inferred by the join: {role['title']} is the customer service version of {link.source}, "
                        f"which lists {_quotes(code_entry)}; {relation}. Job zone {source.zone} to {target.zone}."
                    ),
                    steps=move_steps(extract, link, source, target, prepare=f"Prepare for {target.title}"),
                )
            )
    for move in sorted(candidates, key=_rank):
        moves.setdefault((move["from"], move["to"]), move)

    graph["transitions"] = [moves[key] for key in sorted(moves)]
    return graph


def role_codes(join: dict, slug: str) -> list[dict]:
    return next((entry["codes"] for entry in join["roles"] if entry["role"] == slug), [])


# Keys the joined graph adds to the role graph file format (docs/role-graph-format.md).
ADDED_KEYS = {"graph": ("onet",), "role": ("origin", "onet_join", "onet"), "transition": ("origin", "onet_link")}


def without_additions(graph: dict) -> dict:
    """The graph without the keys the joined graph adds, for a loader that does not know them yet."""
    plain = {key: value for key, value in graph.items() if key not in ADDED_KEYS["graph"]}
    plain["roles"] = [
        {key: value for key, value in role.items() if key not in ADDED_KEYS["role"]} for role in graph["roles"]
    ]
    plain["transitions"] = [
        {key: value for key, value in move.items() if key not in ADDED_KEYS["transition"]}
        for move in graph["transitions"]
    ]
    return plain
