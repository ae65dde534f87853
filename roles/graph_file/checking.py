"""
Read and check a graph file: every problem is reported with its path in the file
(``roles[3].salary_facts[0].source``), and only a clean file becomes a ``ParsedGraph``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from roles.graph_file.checking_onet import check_onet_join, check_onet_link, check_onet_role
from roles.graph_file.reader import Reader
from roles.graph_file.shape import (
    CERTIFICATION_KEYS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MONEY_LIMIT,
    MOVE_ORIGINS,
    ROLE_CERTIFICATION_KEYS,
    ROLE_FILE_SHAPE,
    ROLE_KEYS,
    ROLE_ORIGINS,
    ROLE_SKILL_KEYS,
    SALARY_KEYS,
    SKILL_KEYS,
    STEP_KEYS,
    TRANSITION_KEYS,
    GraphFileError,
)
from roles.models import (
    Certification,
    JobZone,
    Role,
    RoleCertification,
    SalaryFact,
    Skill,
    Transition,
    TransitionStep,
    salary_fact_errors,
)
from roles.sources import load_sources

# The choices, computed once: an enum's ``values`` builds a new list on every call.
SKILL_CATEGORIES = tuple(Skill.Category.values)
CERTIFICATION_KINDS = tuple(RoleCertification.Kind.values)
SALARY_KINDS = tuple(SalaryFact.Kind.values)
SALARY_PERIODS = tuple(SalaryFact.Period.values)
SALARY_SCOPES = tuple(SalaryFact.Scope.values)
MOVE_KINDS = tuple(Transition.Kind.values)
STEP_KINDS = tuple(TransitionStep.Kind.values)
EXPERIENCE_KINDS = tuple(TransitionStep.ExperienceKind.values)


@dataclass
class ParsedGraph:
    """A checked graph file: model field values keyed by natural keys, references as slugs."""

    skills: dict[str, dict] = field(default_factory=dict)
    certifications: dict[str, dict] = field(default_factory=dict)
    roles: dict[str, dict] = field(default_factory=dict)
    role_skills: dict[str, list[dict]] = field(default_factory=dict)
    role_certifications: dict[str, list[dict]] = field(default_factory=dict)
    salary_facts: dict[str, list[dict]] = field(default_factory=dict)
    transitions: dict[tuple[str, str], dict] = field(default_factory=dict)
    steps: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    # The joined graph's top-level ``onet`` (what per-role O*NET data refers to), or None.
    onet: dict | None = None
    # Each role's O*NET data (the role's ``onet``), or None.
    role_onet: dict[str, dict | None] = field(default_factory=dict)


def _check_model(reader: Reader, model: type, values: dict, path: str, exclude: Iterable[str] = ()) -> None:
    """Run the model's own field validation, the same the admin runs, and report it at ``path``."""
    instance = model(**{k: v for k, v in values.items() if not k.endswith("_slug")})
    # A missing value was reported already; do not report it twice.
    exclude = [*exclude, *(k for k, v in values.items() if v is None and not model._meta.get_field(k).null)]
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            where = path if name == "__all__" else f"{path}.{name}"
            for message in messages:
                reader.error(where, message)


def parse_graph(data: Any, *, sources: Collection[str] | None = None) -> ParsedGraph:
    """
    Check a decoded graph file; raise GraphFileError listing every problem.

    Every source key must name a known source: ``sources`` (default: roles/data/sources.json's keys).
    """
    reader = Reader(known_sources=set(load_sources()) if sources is None else set(sources))
    parsed = ParsedGraph()
    top = reader.obj(data, "$")
    if top is None:
        raise GraphFileError(reader.errors)
    reader.unknown_keys(top, ("format", "version", "skills", "certifications", "roles", "transitions", "onet"), "$")
    onet = top.get("onet")
    if onet is not None and reader.obj(onet, "onet") is not None:
        if not isinstance(onet.get("release"), str) or not onet.get("release"):
            reader.error("onet.release", gettext("is required"))
        reader.source(onet, "source", "onet")
        parsed.onet = onet
    if top.get("format", FORMAT_NAME) != FORMAT_NAME:
        reader.error("$.format", gettext("must be %(name)r") % {"name": FORMAT_NAME})
    if top.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        reader.error("$.version", gettext("must be %(version)s") % {"version": FORMAT_VERSION})

    for index, item in enumerate(reader.list(top.get("skills"), "skills")):
        _parse_skill(reader, parsed, item, f"skills[{index}]")
    for index, item in enumerate(reader.list(top.get("certifications"), "certifications")):
        _parse_certification(reader, parsed, item, f"certifications[{index}]")
    roles = reader.list(top.get("roles"), "roles")
    # Slugs first, so a salary fact may be relative to a role listed after it.
    role_slugs = {item.get("slug") for item in roles if isinstance(item, dict)}
    for index, item in enumerate(roles):
        _parse_role(reader, parsed, item, f"roles[{index}]", role_slugs)
    for index, item in enumerate(reader.list(top.get("transitions"), "transitions")):
        _parse_transition(reader, parsed, item, f"transitions[{index}]")

    entries = [slug for slug, values in parsed.roles.items() if values["is_entry"]]
    if len(entries) > 1:
        reader.error(
            "roles",
            gettext("only one role may be the entry node; these are: %(slugs)s")
            % {"slugs": ", ".join(sorted(entries))},
        )
    if reader.errors:
        raise GraphFileError(reader.errors)
    return parsed


def _unique(reader: Reader, seen: dict, key: Any, path: str, what: str) -> bool:
    if key in seen:
        reader.error(path, gettext("%(what)s %(key)r appears more than once") % {"what": what, "key": key})
        return False
    return True


def _parse_skill(reader: Reader, parsed: ParsedGraph, item: Any, path: str) -> None:
    data = reader.obj(item, path)
    if data is None:
        return
    reader.unknown_keys(data, SKILL_KEYS, path)
    levels = reader.list(data.get("levels"), f"{path}.levels")
    if len(levels) != 5 or not all(isinstance(level, str) for level in levels):
        reader.error(f"{path}.levels", gettext("must be a list of 5 descriptions, level 1 to level 5"))
        levels = ["", "", "", "", ""]
    values = {
        "slug": reader.text(data, "slug", path, required=True),
        "name": reader.text(data, "name", path, required=True),
        "category": reader.choice(data, "category", path, SKILL_CATEGORIES),
        "description": reader.text(data, "description", path),
        **{f"level_{n}": levels[n - 1].strip() for n in range(1, 6)},
        "source": reader.source(data, "source", path),
        "archived": reader.boolean(data, "archived", path),
    }
    _check_model(reader, Skill, values, path)
    if values["slug"] and _unique(reader, parsed.skills, values["slug"], f"{path}.slug", "skill"):
        parsed.skills[values["slug"]] = values


def _parse_certification(reader: Reader, parsed: ParsedGraph, item: Any, path: str) -> None:
    data = reader.obj(item, path)
    if data is None:
        return
    reader.unknown_keys(data, CERTIFICATION_KEYS, path)
    values = {
        "slug": reader.text(data, "slug", path, required=True),
        "name": reader.text(data, "name", path, required=True),
        "abbreviation": reader.text(data, "abbreviation", path),
        "issuer": reader.text(data, "issuer", path),
        "description": reader.text(data, "description", path),
        "cost_min": reader.number(data, "cost_min", path, low=Decimal(0), high=MONEY_LIMIT),
        "cost_max": reader.number(data, "cost_max", path, low=Decimal(0), high=MONEY_LIMIT),
        "duration_months": reader.integer(data, "duration_months", path, low=0, high=240),
        "source": reader.source(data, "source", path),
        "archived": reader.boolean(data, "archived", path),
    }
    if values["cost_min"] is not None and values["cost_max"] is not None and values["cost_min"] > values["cost_max"]:
        reader.error(f"{path}.cost_max", gettext("is below cost_min"))
    _check_model(reader, Certification, values, path)
    if values["slug"] and _unique(reader, parsed.certifications, values["slug"], f"{path}.slug", "certification"):
        parsed.certifications[values["slug"]] = values


def _parse_role(reader: Reader, parsed: ParsedGraph, item: Any, path: str, role_slugs: set) -> None:
    data = reader.obj(item, path)
    if data is None:
        return
    reader.unknown_keys(data, ROLE_KEYS, path)
    values = {shape.name: reader.field(data, shape, path) for shape in ROLE_FILE_SHAPE}
    for index, key in enumerate(values["sources"].splitlines()):
        reader.known_source(key, f"{path}.sources[{index}]")
    values["origin"] = reader.choice(data, "origin", path, ROLE_ORIGINS, default="documents")
    values["onet_join"] = check_onet_join(reader, data.get("onet_join"), f"{path}.onet_join")
    onet = check_onet_role(reader, data.get("onet"), f"{path}.onet")
    # Not a key of its own: the role's job zone is its O*NET data's (checked and reported there).
    zone = onet.get("job_zone") if onet is not None else None
    values["job_zone"] = zone if type(zone) is int and zone in JobZone.values else None
    _check_model(reader, Role, values, path)
    slug = values["slug"]
    if not slug or not _unique(reader, parsed.roles, slug, f"{path}.slug", "role"):
        return
    parsed.roles[slug] = values
    parsed.role_onet[slug] = onet

    parsed.role_skills[slug] = _references(
        reader,
        data.get("skills"),
        f"{path}.skills",
        key="skill",
        allowed=ROLE_SKILL_KEYS,
        known=parsed.skills,
        read_rest=lambda entry, where: {
            "level": reader.integer(entry, "level", where, low=1, high=5, required=True),
            "source": reader.source(entry, "source", where),
        },
    )
    parsed.role_certifications[slug] = _references(
        reader,
        data.get("certifications"),
        f"{path}.certifications",
        key="certification",
        allowed=ROLE_CERTIFICATION_KEYS,
        known=parsed.certifications,
        read_rest=lambda entry, where: {
            "kind": reader.choice(entry, "kind", where, CERTIFICATION_KINDS, default="recommended"),
            "source": reader.source(entry, "source", where),
        },
    )

    parsed.salary_facts[slug] = []
    for index, entry in enumerate(reader.list(data.get("salary_facts"), f"{path}.salary_facts")):
        where = f"{path}.salary_facts[{index}]"
        entry = reader.obj(entry, where)
        if entry is None:
            continue
        reader.unknown_keys(entry, SALARY_KEYS, where)
        relative_to = entry.get("relative_to")
        if relative_to is not None and (not isinstance(relative_to, str) or relative_to not in role_slugs):
            reader.error(f"{where}.relative_to", gettext("names no role in the file: %(slug)r") % {"slug": relative_to})
            relative_to = None
        fact = {
            "kind": reader.choice(entry, "kind", where, SALARY_KINDS),
            "amount": reader.number(entry, "amount", where, low=-MONEY_LIMIT, high=MONEY_LIMIT),
            "amount_min": reader.number(entry, "amount_min", where, low=Decimal(0), high=MONEY_LIMIT),
            "amount_max": reader.number(entry, "amount_max", where, low=Decimal(0), high=MONEY_LIMIT),
            "open_ended": reader.boolean(entry, "open_ended", where),
            "relative_to_slug": None if relative_to == slug else relative_to,
            "period": reader.choice(entry, "period", where, SALARY_PERIODS, default="year"),
            "scope": reader.choice(entry, "scope", where, SALARY_SCOPES, default="national"),
            "scope_label": reader.text(entry, "scope_label", where, max_length=120),
            "source": reader.source(entry, "source", where),
            "note": reader.text(entry, "note", where),
        }
        problems = salary_fact_errors(
            kind=fact["kind"],
            amount=fact["amount"],
            amount_min=fact["amount_min"],
            amount_max=fact["amount_max"],
            relative_to_given=relative_to is not None,
            relative_to_self=relative_to == slug,
            source=fact["source"],
        )
        for name, message in problems.items():
            reader.error(f"{where}.{name}", message)
        parsed.salary_facts[slug].append(fact)


def _references(
    reader: Reader,
    items: Any,
    path: str,
    *,
    key: str,
    allowed: Iterable[str],
    known: dict,
    read_rest: Callable[[dict, str], dict],
) -> list[dict]:
    """Read a role's list of references to skills or certifications, each named once and in the file."""
    out = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(reader.list(items, path)):
        where = f"{path}[{index}]"
        entry = reader.obj(entry, where)
        if entry is None:
            continue
        reader.unknown_keys(entry, allowed, where)
        slug = reader.text(entry, key, where, required=True)
        if slug and slug not in known:
            reader.error(
                f"{where}.{key}", gettext("names no %(what)s in the file: %(slug)r") % {"what": key, "slug": slug}
            )
        if slug and _unique(reader, seen, slug, f"{where}.{key}", key):
            seen[slug] = index
        out.append({f"{key}_slug": slug, **read_rest(entry, where)})
    return out


def _parse_transition(reader: Reader, parsed: ParsedGraph, item: Any, path: str) -> None:
    data = reader.obj(item, path)
    if data is None:
        return
    reader.unknown_keys(data, TRANSITION_KEYS, path)
    source = reader.text(data, "from", path, required=True)
    target = reader.text(data, "to", path, required=True)
    for key, slug in (("from", source), ("to", target)):
        if slug and slug not in parsed.roles:
            reader.error(f"{path}.{key}", gettext("names no role in the file: %(slug)r") % {"slug": slug})
    if source and source == target:
        reader.error(f"{path}.to", gettext("a move must lead to another role"))
    values = {
        "kind": reader.choice(data, "kind", path, MOVE_KINDS, default="promotion"),
        "note": reader.text(data, "note", path),
        "source": reader.source(data, "source", path),
        "archived": reader.boolean(data, "archived", path),
        "origin": reader.choice(data, "origin", path, MOVE_ORIGINS, default="documents"),
        "onet_link": check_onet_link(reader, data.get("onet_link"), f"{path}.onet_link"),
    }
    key = (source, target)
    if not (source and target) or not _unique(reader, parsed.transitions, key, path, "move"):
        return
    parsed.transitions[key] = values
    steps: list[dict] = []
    orders: dict[int, int] = {}
    for index, entry in enumerate(reader.list(data.get("steps"), f"{path}.steps")):
        where = f"{path}.steps[{index}]"
        entry = reader.obj(entry, where)
        if entry is None:
            continue
        reader.unknown_keys(entry, STEP_KEYS, where)
        step = {
            "order": reader.integer(entry, "order", where, low=1, high=1000, required=True),
            "kind": reader.choice(entry, "kind", where, STEP_KINDS),
            "title": reader.text(entry, "title", where, required=True, max_length=200),
            "description": reader.text(entry, "description", where),
            "months_min": reader.integer(entry, "months_min", where, low=0, high=240, required=True),
            "months_max": reader.integer(entry, "months_max", where, low=0, high=240, required=True),
            "skill_slug": entry.get("skill"),
            "skill_level": reader.integer(entry, "skill_level", where, low=1, high=5),
            "certification_slug": entry.get("certification"),
            "education": reader.education(entry, "education", where, nullable=True),
            "experience_kind": reader.text(entry, "experience_kind", where),
            "years": reader.number(entry, "years", where, low=Decimal(0), high=Decimal(50)),
            "optional": reader.boolean(entry, "optional", where),
            "source": reader.source(entry, "source", where),
            "archived": reader.boolean(entry, "archived", where),
        }
        _check_step(reader, parsed, step, where)
        if step["order"] is not None:
            if step["order"] in orders:
                reader.error(
                    f"{where}.order",
                    gettext("order %(order)s appears more than once in this move") % {"order": step["order"]},
                )
            orders[step["order"]] = index
        steps.append(step)
    parsed.steps[key] = steps


def _check_step(reader: Reader, parsed: ParsedGraph, step: dict, path: str) -> None:
    kind = step["kind"]
    if step["months_min"] is not None and step["months_max"] is not None and step["months_min"] > step["months_max"]:
        reader.error(f"{path}.months_max", gettext("is below months_min"))
    skill = step["skill_slug"]
    if skill is not None and (not isinstance(skill, str) or skill not in parsed.skills):
        reader.error(f"{path}.skill", gettext("names no skill in the file: %(slug)r") % {"slug": skill})
    certification = step["certification_slug"]
    if certification is not None and (not isinstance(certification, str) or certification not in parsed.certifications):
        reader.error(
            f"{path}.certification", gettext("names no certification in the file: %(slug)r") % {"slug": certification}
        )
    if step["experience_kind"] and step["experience_kind"] not in EXPERIENCE_KINDS:
        reader.error(
            f"{path}.experience_kind",
            gettext("must be one of %(choices)s, not %(value)r")
            % {"choices": ", ".join(EXPERIENCE_KINDS), "value": step["experience_kind"]},
        )
    if kind == "skill" and (skill is None or step["skill_level"] is None):
        reader.error(path, gettext("a skill step names the skill and the skill_level it needs"))
    if kind == "certification" and certification is None:
        reader.error(path, gettext("a certification step names the certification"))
    if kind == "education" and step["education"] is None:
        reader.error(path, gettext("an education step names the level of education"))
    if kind == "experience" and (step["years"] is None or not step["experience_kind"]):
        reader.error(path, gettext("an experience step gives the years and the experience_kind"))


def read_graph_file(path: str | Path) -> ParsedGraph:
    """Read and check a graph file from disk; raise GraphFileError for any problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GraphFileError([gettext("%(path)s: no such file") % {"path": path}]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise GraphFileError(
            [gettext("%(path)s: cannot be read (%(error)s)") % {"path": path, "error": error}]
        ) from None
    return parse_graph_text(text)


# A graph file nests five levels deep (the file, roles, a role, its salary facts, a fact); JSON
# nested far deeper is not a graph file, and Python's parser would run out of stack reading it.
MAX_NESTING = 32
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep_at(text: str) -> int | None:
    """The line where the JSON nests deeper than MAX_NESTING, if it does (brackets in strings don't count)."""
    # Blank out strings, keeping their line breaks so line numbers stay right.
    bare = _JSON_STRING.sub(lambda match: "\n" * match.group().count("\n"), text)
    depth = 0
    for match in _JSON_BRACKET.finditer(bare):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_NESTING:
            return bare.count("\n", 0, match.start()) + 1
    return None


def parse_graph_text(text: str) -> ParsedGraph:
    line = _too_deep_at(text)
    if line is not None:
        raise GraphFileError(
            [
                gettext("line %(line)s: lists and objects nested more than %(depth)s deep; a role graph file is not")
                % {"line": line, "depth": MAX_NESTING}
            ]
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = gettext("line %(line)s, column %(column)s: not valid JSON (%(error)s)")
        raise GraphFileError([message % {"line": error.lineno, "column": error.colno, "error": error.msg}]) from None
    return parse_graph(data)
