"""
Read, check, load and export the role graph file (docs/role-graph-format.md).

Loading is all or nothing: the whole file is checked first and every error is reported with its
path in the file (``roles[3].salary_facts[0].source``); only a clean file is written, in one
transaction. Loading is idempotent: rows are matched on their natural keys and only rows whose
values differ are written. Nothing a person may depend on is deleted: roles, transitions, steps,
skills and certifications that a file leaves out are archived instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from roles.models import (
    Certification,
    Education,
    Role,
    RoleCertification,
    RoleSkill,
    SalaryFact,
    Skill,
    Track,
    Transition,
    TransitionStep,
)
from roles.selectors import graph_revision_bump_once

FORMAT_NAME = "careerpath-role-graph"
FORMAT_VERSION = 1

EDUCATION_BY_NAME = {
    "none": Education.NONE,
    "high_school": Education.HIGH_SCHOOL,
    "associate": Education.ASSOCIATE,
    "bachelor": Education.BACHELOR,
    "master": Education.MASTER,
    "doctorate": Education.DOCTORATE,
}
EDUCATION_NAME = {value: name for name, value in EDUCATION_BY_NAME.items()}


class GraphFileError(Exception):
    """A graph file that cannot be loaded; ``errors`` lists every problem with its path."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in the role graph file:\n" + "\n".join(errors))


@dataclass
class LoadResult:
    """What a load changed (or, in a dry run, would change), by kind of object."""

    added: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    archived: dict[str, list[str]] = field(default_factory=dict)

    def note(self, bucket: str, kind: str, label: str) -> None:
        getattr(self, bucket).setdefault(kind, []).append(label)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.archived)

    def summary(self) -> str:
        if not self.has_changes:
            return "No changes: the database already matches the file."
        parts = []
        for bucket in ("added", "changed", "archived"):
            counts = getattr(self, bucket)
            if counts:
                items = ", ".join(f"{len(labels)} {kind}" for kind, labels in sorted(counts.items()))
                parts.append(f"{bucket}: {items}")
        return "; ".join(parts)


# --- Reading and checking -------------------------------------------------------------------


class _Reader:
    """Collects values from untrusted JSON, recording an error with its path for each bad one."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def obj(self, value: Any, path: str) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, "must be an object")
            return None
        return value

    def list(self, value: Any, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "must be a list")
            return []
        return value

    def unknown_keys(self, data: dict, allowed: Iterable[str], path: str) -> None:
        for key in sorted(set(data) - set(allowed)):
            self.error(f"{path}.{key}", "is not a known field")

    def text(self, data: dict, key: str, path: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(f"{path}.{key}", "must be text")
            return ""
        value = value.strip()
        if required and not value:
            self.error(f"{path}.{key}", "is required")
        if max_length is not None and len(value) > max_length:
            self.error(f"{path}.{key}", f"is longer than {max_length} characters")
        return value

    def lines(self, data: dict, key: str, path: str) -> str:
        items = self.list(data.get(key), f"{path}.{key}")
        out = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{path}.{key}[{index}]", "must be non-empty text")
            elif "\n" in item:
                self.error(f"{path}.{key}[{index}]", "must be a single line")
            else:
                out.append(item.strip())
        return "\n".join(out)

    def boolean(self, data: dict, key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.error(f"{path}.{key}", "must be true or false")
            return False
        return value

    def integer(self, data: dict, key: str, path: str, *, low: int, high: int, required: bool = False) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(f"{path}.{key}", "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"{path}.{key}", "must be a whole number")
            return None
        if not low <= value <= high:
            self.error(f"{path}.{key}", f"must be between {low} and {high}, not {value}")
            return None
        return value

    def number(
        self,
        data: dict,
        key: str,
        path: str,
        *,
        low: Decimal | None = None,
        high: Decimal | None = None,
        required: bool = False,
    ) -> Decimal | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(f"{path}.{key}", "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.error(f"{path}.{key}", "must be a number")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.error(f"{path}.{key}", "must be a number")
            return None
        if not number.is_finite():
            self.error(f"{path}.{key}", "must be a finite number")
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.error(f"{path}.{key}", f"must be between {low} and {high}, not {value}")
            return None
        return number

    def choice(self, data: dict, key: str, path: str, choices: Iterable[str], *, default: str | None = None) -> str:
        choices = list(choices)
        value = data.get(key, default)
        if value not in choices:
            self.error(f"{path}.{key}", f"must be one of {', '.join(choices)}, not {value!r}")
            return choices[0]
        return value

    def education(self, data: dict, key: str, path: str, *, nullable: bool) -> int | None:
        value = data.get(key, None if nullable else "none")
        if value is None and nullable:
            return None
        if value not in EDUCATION_BY_NAME:
            self.error(f"{path}.{key}", f"must be one of {', '.join(EDUCATION_BY_NAME)}, not {value!r}")
            return None
        return EDUCATION_BY_NAME[value]


SKILL_KEYS = ("slug", "name", "category", "description", "levels", "source", "archived")
CERTIFICATION_KEYS = (
    "slug",
    "name",
    "abbreviation",
    "issuer",
    "description",
    "cost_min",
    "cost_max",
    "duration_months",
    "source",
    "archived",
)
ROLE_KEYS = (
    "slug",
    "title",
    "track",
    "level",
    "summary",
    "duties",
    "alternate_titles",
    "min_education",
    "preferred_education",
    "education_note",
    "min_experience_years",
    "min_leadership_years",
    "experience_note",
    "onet_soc_code",
    "sources",
    "is_entry",
    "is_track_top",
    "archived",
    "skills",
    "certifications",
    "salary_facts",
)
ROLE_SKILL_KEYS = ("skill", "level", "source")
ROLE_CERTIFICATION_KEYS = ("certification", "kind", "source")
SALARY_KEYS = (
    "kind",
    "amount",
    "amount_min",
    "amount_max",
    "open_ended",
    "relative_to",
    "period",
    "scope",
    "scope_label",
    "source",
    "note",
)
TRANSITION_KEYS = ("from", "to", "kind", "note", "source", "archived", "steps")
STEP_KEYS = (
    "order",
    "kind",
    "title",
    "description",
    "months_min",
    "months_max",
    "skill",
    "skill_level",
    "certification",
    "education",
    "experience_kind",
    "years",
    "optional",
    "source",
    "archived",
)
MONEY_LIMIT = Decimal("10000000")


@dataclass
class _Parsed:
    """A checked graph file: model field values keyed by natural keys, references as slugs."""

    skills: dict[str, dict] = field(default_factory=dict)
    certifications: dict[str, dict] = field(default_factory=dict)
    roles: dict[str, dict] = field(default_factory=dict)
    role_skills: dict[str, list[dict]] = field(default_factory=dict)
    role_certifications: dict[str, list[dict]] = field(default_factory=dict)
    salary_facts: dict[str, list[dict]] = field(default_factory=dict)
    transitions: dict[tuple[str, str], dict] = field(default_factory=dict)
    steps: dict[tuple[str, str], list[dict]] = field(default_factory=dict)


def _check_model(reader: _Reader, model: type, values: dict, path: str, exclude: Iterable[str] = ()) -> None:
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


def parse_graph(data: Any) -> _Parsed:
    """Check a decoded graph file; raise GraphFileError listing every problem."""
    reader = _Reader()
    parsed = _Parsed()
    top = reader.obj(data, "$")
    if top is None:
        raise GraphFileError(reader.errors)
    reader.unknown_keys(top, ("format", "version", "skills", "certifications", "roles", "transitions"), "$")
    if top.get("format", FORMAT_NAME) != FORMAT_NAME:
        reader.error("$.format", f"must be {FORMAT_NAME!r}")
    if top.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        reader.error("$.version", f"must be {FORMAT_VERSION}")

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
        reader.error("roles", f"only one role may be the entry node; these are: {', '.join(sorted(entries))}")
    if reader.errors:
        raise GraphFileError(reader.errors)
    return parsed


def _unique(reader: _Reader, seen: dict, key: Any, path: str, what: str) -> bool:
    if key in seen:
        reader.error(path, f"{what} {key!r} appears more than once")
        return False
    return True


def _parse_skill(reader: _Reader, parsed: _Parsed, item: Any, path: str) -> None:
    data = reader.obj(item, path)
    if data is None:
        return
    reader.unknown_keys(data, SKILL_KEYS, path)
    levels = reader.list(data.get("levels"), f"{path}.levels")
    if len(levels) != 5 or not all(isinstance(level, str) for level in levels):
        reader.error(f"{path}.levels", "must be a list of 5 descriptions, level 1 to level 5")
        levels = ["", "", "", "", ""]
    values = {
        "slug": reader.text(data, "slug", path, required=True),
        "name": reader.text(data, "name", path, required=True),
        "category": reader.choice(data, "category", path, Skill.Category.values),
        "description": reader.text(data, "description", path),
        **{f"level_{n}": levels[n - 1].strip() for n in range(1, 6)},
        "source": reader.text(data, "source", path),
        "archived": reader.boolean(data, "archived", path),
    }
    _check_model(reader, Skill, values, path)
    if values["slug"] and _unique(reader, parsed.skills, values["slug"], f"{path}.slug", "skill"):
        parsed.skills[values["slug"]] = values


def _parse_certification(reader: _Reader, parsed: _Parsed, item: Any, path: str) -> None:
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
        "source": reader.text(data, "source", path),
        "archived": reader.boolean(data, "archived", path),
    }
    if values["cost_min"] is not None and values["cost_max"] is not None and values["cost_min"] > values["cost_max"]:
        reader.error(f"{path}.cost_max", "is below cost_min")
    _check_model(reader, Certification, values, path)
    if values["slug"] and _unique(reader, parsed.certifications, values["slug"], f"{path}.slug", "certification"):
        parsed.certifications[values["slug"]] = values


def _parse_role(reader: _Reader, parsed: _Parsed, item: Any, path: str, role_slugs: set) -> None:
    data = reader.obj(item, path)
    if data is None:
        return
    reader.unknown_keys(data, ROLE_KEYS, path)
    values = {
        "slug": reader.text(data, "slug", path, required=True),
        "title": reader.text(data, "title", path, required=True),
        "track": reader.choice(data, "track", path, Track.values),
        "level": reader.integer(data, "level", path, low=0, high=10, required=True),
        "summary": reader.text(data, "summary", path),
        "duties": reader.lines(data, "duties", path),
        "alternate_titles": reader.lines(data, "alternate_titles", path),
        "min_education": reader.education(data, "min_education", path, nullable=False),
        "preferred_education": reader.education(data, "preferred_education", path, nullable=True),
        "education_note": reader.text(data, "education_note", path),
        "min_experience_years": reader.number(data, "min_experience_years", path, low=Decimal(0), high=Decimal(50))
        or Decimal(0),
        "min_leadership_years": reader.number(data, "min_leadership_years", path, low=Decimal(0), high=Decimal(50))
        or Decimal(0),
        "experience_note": reader.text(data, "experience_note", path),
        "onet_soc_code": reader.text(data, "onet_soc_code", path),
        "sources": reader.lines(data, "sources", path),
        "is_entry": reader.boolean(data, "is_entry", path),
        "is_track_top": reader.boolean(data, "is_track_top", path),
        "archived": reader.boolean(data, "archived", path),
    }
    _check_model(reader, Role, values, path)
    slug = values["slug"]
    if not slug or not _unique(reader, parsed.roles, slug, f"{path}.slug", "role"):
        return
    parsed.roles[slug] = values

    parsed.role_skills[slug] = _references(
        reader,
        data.get("skills"),
        f"{path}.skills",
        key="skill",
        allowed=ROLE_SKILL_KEYS,
        known=parsed.skills,
        read_rest=lambda entry, where: {
            "level": reader.integer(entry, "level", where, low=1, high=5, required=True),
            "source": reader.text(entry, "source", where),
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
            "kind": reader.choice(entry, "kind", where, RoleCertification.Kind.values, default="recommended"),
            "source": reader.text(entry, "source", where),
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
            reader.error(f"{where}.relative_to", f"names no role in the file: {relative_to!r}")
            relative_to = None
        if relative_to == slug:
            reader.error(f"{where}.relative_to", "a role's salary cannot be relative to itself")
            relative_to = None
        fact = {
            "kind": reader.choice(entry, "kind", where, SalaryFact.Kind.values),
            "amount": reader.number(entry, "amount", where, low=-MONEY_LIMIT, high=MONEY_LIMIT),
            "amount_min": reader.number(entry, "amount_min", where, low=Decimal(0), high=MONEY_LIMIT),
            "amount_max": reader.number(entry, "amount_max", where, low=Decimal(0), high=MONEY_LIMIT),
            "open_ended": reader.boolean(entry, "open_ended", where),
            "relative_to_slug": relative_to,
            "period": reader.choice(entry, "period", where, SalaryFact.Period.values, default="year"),
            "scope": reader.choice(entry, "scope", where, SalaryFact.Scope.values, default="national"),
            "scope_label": reader.text(entry, "scope_label", where, max_length=120),
            "source": reader.text(entry, "source", where, max_length=120),
            "note": reader.text(entry, "note", where),
        }
        _check_fact(reader, fact, where)
        parsed.salary_facts[slug].append(fact)


def _references(
    reader: _Reader,
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
            reader.error(f"{where}.{key}", f"names no {key} in the file: {slug!r}")
        if slug and _unique(reader, seen, slug, f"{where}.{key}", key):
            seen[slug] = index
        out.append({f"{key}_slug": slug, **read_rest(entry, where)})
    return out


def _check_fact(reader: _Reader, fact: dict, path: str) -> None:
    """Apply SalaryFact.clean's rules to plain values, so the message lands on the file's path."""
    kind = fact["kind"]
    if not fact["source"]:
        reader.error(f"{path}.source", "every salary figure names its source")
    if kind == "range":
        if fact["amount_min"] is None or fact["amount_max"] is None:
            reader.error(path, "a range needs amount_min and amount_max")
        elif fact["amount_min"] > fact["amount_max"]:
            reader.error(f"{path}.amount_max", "is below amount_min")
    elif kind in ("average", "common"):
        if fact["amount"] is None or fact["amount"] <= 0:
            reader.error(f"{path}.amount", f"an {kind} figure needs an amount above zero")
    elif kind == "relative":
        if fact["amount"] is None:
            reader.error(f"{path}.amount", "a relative figure needs the difference (negative when lower)")
        if fact["relative_to_slug"] is None:
            reader.error(f"{path}.relative_to", "a relative figure names the role it is relative to")


def _parse_transition(reader: _Reader, parsed: _Parsed, item: Any, path: str) -> None:
    data = reader.obj(item, path)
    if data is None:
        return
    reader.unknown_keys(data, TRANSITION_KEYS, path)
    source = reader.text(data, "from", path, required=True)
    target = reader.text(data, "to", path, required=True)
    for key, slug in (("from", source), ("to", target)):
        if slug and slug not in parsed.roles:
            reader.error(f"{path}.{key}", f"names no role in the file: {slug!r}")
    if source and source == target:
        reader.error(f"{path}.to", "a move must lead to another role")
    values = {
        "kind": reader.choice(data, "kind", path, Transition.Kind.values, default="promotion"),
        "note": reader.text(data, "note", path),
        "source": reader.text(data, "source", path, max_length=120),
        "archived": reader.boolean(data, "archived", path),
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
            "kind": reader.choice(entry, "kind", where, TransitionStep.Kind.values),
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
            "source": reader.text(entry, "source", where, max_length=120),
            "archived": reader.boolean(entry, "archived", where),
        }
        _check_step(reader, parsed, step, where)
        if step["order"] is not None:
            if step["order"] in orders:
                reader.error(f"{where}.order", f"order {step['order']} appears more than once in this move")
            orders[step["order"]] = index
        steps.append(step)
    parsed.steps[key] = steps


def _check_step(reader: _Reader, parsed: _Parsed, step: dict, path: str) -> None:
    kind = step["kind"]
    if step["months_min"] is not None and step["months_max"] is not None and step["months_min"] > step["months_max"]:
        reader.error(f"{path}.months_max", "is below months_min")
    skill = step["skill_slug"]
    if skill is not None and (not isinstance(skill, str) or skill not in parsed.skills):
        reader.error(f"{path}.skill", f"names no skill in the file: {skill!r}")
    certification = step["certification_slug"]
    if certification is not None and (not isinstance(certification, str) or certification not in parsed.certifications):
        reader.error(f"{path}.certification", f"names no certification in the file: {certification!r}")
    if step["experience_kind"] and step["experience_kind"] not in TransitionStep.ExperienceKind.values:
        reader.error(
            f"{path}.experience_kind",
            f"must be one of {', '.join(TransitionStep.ExperienceKind.values)}, not {step['experience_kind']!r}",
        )
    if kind == "skill" and (skill is None or step["skill_level"] is None):
        reader.error(path, "a skill step names the skill and the skill_level it needs")
    if kind == "certification" and certification is None:
        reader.error(path, "a certification step names the certification")
    if kind == "education" and step["education"] is None:
        reader.error(path, "an education step names the level of education")
    if kind == "experience" and (step["years"] is None or not step["experience_kind"]):
        reader.error(path, "an experience step gives the years and the experience_kind")


def read_graph_file(path: str | Path) -> _Parsed:
    """Read and check a graph file from disk; raise GraphFileError for any problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GraphFileError([f"{path}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise GraphFileError([f"{path}: cannot be read ({error})"]) from None
    return parse_graph_text(text)


def parse_graph_text(text: str) -> _Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GraphFileError([f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"]) from None
    return parse_graph(data)


# --- Writing ------------------------------------------------------------------------------


def _apply_fields(instance: Any, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _sync(
    result: LoadResult,
    kind: str,
    existing: dict,
    wanted: dict,
    create: Callable[[Any, dict], Any],
    label: Callable[[Any], str] = str,
) -> dict:
    """Upsert ``wanted`` over ``existing`` (both keyed alike), archive the rest; return key → instance."""
    out = {}
    for key, values in wanted.items():
        instance = existing.get(key)
        if instance is None:
            instance = create(key, values)
            result.note("added", kind, label(key))
        elif _apply_fields(instance, values):
            instance.save()
            result.note("changed", kind, label(key))
        out[key] = instance
    for key, instance in existing.items():
        if key not in wanted and not instance.archived:
            instance.archived = True
            instance.save(update_fields=["archived"])
            result.note("archived", kind, label(key))
    return out


def graph_load(parsed: _Parsed, *, dry_run: bool = False) -> LoadResult:
    """Write a checked graph to the database in one transaction; with dry_run, report and roll back."""
    result = LoadResult()
    try:
        with transaction.atomic(), graph_revision_bump_once():
            _write(parsed, result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


class _DryRun(Exception):
    """Raised inside the load's transaction to roll a dry run back."""


def _write(parsed: _Parsed, result: LoadResult) -> None:
    skills = _sync(
        result,
        "skills",
        {skill.slug: skill for skill in Skill.objects.all()},
        parsed.skills,
        lambda slug, values: Skill.objects.create(**values),
    )
    certifications = _sync(
        result,
        "certifications",
        {cert.slug: cert for cert in Certification.objects.all()},
        parsed.certifications,
        lambda slug, values: Certification.objects.create(**values),
    )
    roles = _sync(
        result,
        "roles",
        {role.slug: role for role in Role.objects.all()},
        parsed.roles,
        lambda slug, values: Role.objects.create(**values),
    )

    _write_role_children(parsed, result, roles, skills, certifications)

    transitions = _sync(
        result,
        "transitions",
        {
            (t.source_role.slug, t.target_role.slug): t
            for t in Transition.objects.select_related("source_role", "target_role")
        },
        parsed.transitions,
        lambda key, values: Transition.objects.create(source_role=roles[key[0]], target_role=roles[key[1]], **values),
        label=lambda key: f"{key[0]} → {key[1]}",
    )

    # The steps of a move the file leaves out stay as they are: archiving the move is enough.
    existing_steps = {
        key: step
        for step in TransitionStep.objects.select_related("transition__source_role", "transition__target_role")
        for key in [((step.transition.source_role.slug, step.transition.target_role.slug), step.order)]
        if key[0] in parsed.transitions
    }
    wanted_steps = {}
    for t_key, steps in parsed.steps.items():
        for step in steps:
            values = {k: v for k, v in step.items() if not k.endswith("_slug")}
            values["skill"] = skills[step["skill_slug"]] if step["skill_slug"] else None
            values["certification"] = certifications[step["certification_slug"]] if step["certification_slug"] else None
            wanted_steps[(t_key, step["order"])] = values
    _sync(
        result,
        "steps",
        existing_steps,
        wanted_steps,
        lambda key, values: TransitionStep.objects.create(transition=transitions[key[0]], **values),
        label=lambda key: f"{key[0][0]} → {key[0][1]} step {key[1]}",
    )


def _write_role_children(parsed: _Parsed, result: LoadResult, roles: dict, skills: dict, certifications: dict) -> None:
    """Replace a role's skills, certifications and salary facts where they differ from the file."""
    existing_skills: dict[str, dict[str, RoleSkill]] = {}
    for row in RoleSkill.objects.select_related("role", "skill"):
        existing_skills.setdefault(row.role.slug, {})[row.skill.slug] = row
    existing_certifications: dict[str, dict[str, RoleCertification]] = {}
    for row in RoleCertification.objects.select_related("role", "certification"):
        existing_certifications.setdefault(row.role.slug, {})[row.certification.slug] = row
    existing_facts: dict[str, list[SalaryFact]] = {}
    for row in SalaryFact.objects.select_related("role", "relative_to").order_by("id"):
        existing_facts.setdefault(row.role.slug, []).append(row)

    for slug, role in roles.items():
        wanted = {e["skill_slug"]: {"level": e["level"], "source": e["source"]} for e in parsed.role_skills[slug]}
        have = existing_skills.get(slug, {})
        for skill_slug, values in wanted.items():
            if skill_slug not in have:
                RoleSkill.objects.create(role=role, skill=skills[skill_slug], **values)
                result.note("added", "role skills", f"{slug}: {skill_slug}")
            elif _apply_fields(have[skill_slug], values):
                have[skill_slug].save()
                result.note("changed", "role skills", f"{slug}: {skill_slug}")
        for skill_slug, row in have.items():
            if skill_slug not in wanted:
                row.delete()
                result.note("changed", "role skills", f"{slug}: {skill_slug} removed")

        wanted = {
            e["certification_slug"]: {"kind": e["kind"], "source": e["source"]}
            for e in parsed.role_certifications[slug]
        }
        have = existing_certifications.get(slug, {})
        for cert_slug, values in wanted.items():
            if cert_slug not in have:
                RoleCertification.objects.create(role=role, certification=certifications[cert_slug], **values)
                result.note("added", "role certifications", f"{slug}: {cert_slug}")
            elif _apply_fields(have[cert_slug], values):
                have[cert_slug].save()
                result.note("changed", "role certifications", f"{slug}: {cert_slug}")
        for cert_slug, row in have.items():
            if cert_slug not in wanted:
                row.delete()
                result.note("changed", "role certifications", f"{slug}: {cert_slug} removed")

        # Salary facts have no natural key: when the list differs, it is replaced whole.
        wanted_facts = parsed.salary_facts[slug]
        have_facts = existing_facts.get(slug, [])
        if [_fact_key_from_row(row) for row in have_facts] != [_fact_key_from_values(f) for f in wanted_facts]:
            for row in have_facts:
                row.delete()
            for fact in wanted_facts:
                values = {k: v for k, v in fact.items() if k != "relative_to_slug"}
                relative = fact["relative_to_slug"]
                SalaryFact.objects.create(role=role, relative_to=roles[relative] if relative else None, **values)
            bucket = "changed" if have_facts else "added"
            for fact in wanted_facts:
                result.note(bucket, "salary facts", f"{slug}: {fact['kind']} ({fact['source']})")
            if len(have_facts) > len(wanted_facts):
                result.note("changed", "salary facts", f"{slug}: {len(have_facts) - len(wanted_facts)} removed")


def _fact_key_from_row(row: SalaryFact) -> tuple:
    return (
        row.kind,
        row.amount,
        row.amount_min,
        row.amount_max,
        row.open_ended,
        row.relative_to.slug if row.relative_to_id else None,
        row.period,
        row.scope,
        row.scope_label,
        row.source,
        row.note,
    )


def _fact_key_from_values(fact: dict) -> tuple:
    return (
        fact["kind"],
        fact["amount"],
        fact["amount_min"],
        fact["amount_max"],
        fact["open_ended"],
        fact["relative_to_slug"],
        fact["period"],
        fact["scope"],
        fact["scope_label"],
        fact["source"],
        fact["note"],
    )


# --- Exporting ----------------------------------------------------------------------------


def _num(value: Decimal | None) -> int | float | None:
    """Write a decimal as the shortest exact JSON number: 5 rather than 5.0, 67367.61 as it is."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def graph_export() -> dict:
    """Return the whole role graph as the file format's dict, in a deterministic order."""
    skills = [
        {
            "slug": s.slug,
            "name": s.name,
            "category": s.category,
            "description": s.description,
            "levels": s.level_descriptions,
            "source": s.source,
            "archived": s.archived,
        }
        for s in Skill.objects.order_by("slug")
    ]
    certifications = [
        {
            "slug": c.slug,
            "name": c.name,
            "abbreviation": c.abbreviation,
            "issuer": c.issuer,
            "description": c.description,
            "cost_min": _num(c.cost_min),
            "cost_max": _num(c.cost_max),
            "duration_months": c.duration_months,
            "source": c.source,
            "archived": c.archived,
        }
        for c in Certification.objects.order_by("slug")
    ]
    role_qs = Role.objects.order_by("slug").prefetch_related(
        "role_skills__skill", "role_certifications__certification", "salary_facts__relative_to"
    )
    roles = [
        {
            "slug": r.slug,
            "title": r.title,
            "track": r.track,
            "level": r.level,
            "summary": r.summary,
            "duties": r.duty_list,
            "alternate_titles": r.alternate_title_list,
            "min_education": EDUCATION_NAME[r.min_education],
            "preferred_education": EDUCATION_NAME.get(r.preferred_education),
            "education_note": r.education_note,
            "min_experience_years": _num(r.min_experience_years),
            "min_leadership_years": _num(r.min_leadership_years),
            "experience_note": r.experience_note,
            "onet_soc_code": r.onet_soc_code,
            "sources": r.source_list,
            "is_entry": r.is_entry,
            "is_track_top": r.is_track_top,
            "archived": r.archived,
            "skills": [
                {"skill": rs.skill.slug, "level": rs.level, "source": rs.source}
                for rs in sorted(r.role_skills.all(), key=lambda rs: rs.skill.slug)
            ],
            "certifications": [
                {"certification": rc.certification.slug, "kind": rc.kind, "source": rc.source}
                for rc in sorted(r.role_certifications.all(), key=lambda rc: rc.certification.slug)
            ],
            "salary_facts": [
                {
                    "kind": f.kind,
                    "amount": _num(f.amount),
                    "amount_min": _num(f.amount_min),
                    "amount_max": _num(f.amount_max),
                    "open_ended": f.open_ended,
                    "relative_to": f.relative_to.slug if f.relative_to_id else None,
                    "period": f.period,
                    "scope": f.scope,
                    "scope_label": f.scope_label,
                    "source": f.source,
                    "note": f.note,
                }
                # Facts keep the order they were written in: the file's order is the author's.
                for f in sorted(r.salary_facts.all(), key=lambda f: f.id)
            ],
        }
        for r in role_qs
    ]
    transition_qs = (
        Transition.objects.select_related("source_role", "target_role")
        .prefetch_related("steps__skill", "steps__certification")
        .order_by("source_role__slug", "target_role__slug")
    )
    transitions = [
        {
            "from": t.source_role.slug,
            "to": t.target_role.slug,
            "kind": t.kind,
            "note": t.note,
            "source": t.source,
            "archived": t.archived,
            "steps": [
                {
                    "order": s.order,
                    "kind": s.kind,
                    "title": s.title,
                    "description": s.description,
                    "months_min": s.months_min,
                    "months_max": s.months_max,
                    "skill": s.skill.slug if s.skill_id else None,
                    "skill_level": s.skill_level,
                    "certification": s.certification.slug if s.certification_id else None,
                    "education": EDUCATION_NAME.get(s.education),
                    "experience_kind": s.experience_kind,
                    "years": _num(s.years),
                    "optional": s.optional,
                    "source": s.source,
                    "archived": s.archived,
                }
                for s in sorted(t.steps.all(), key=lambda s: s.order)
            ],
        }
        for t in transition_qs
    ]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "skills": skills,
        "certifications": certifications,
        "roles": roles,
        "transitions": transitions,
    }


def graph_dumps(data: dict) -> str:
    """Serialise the graph dict the one way the exporter does, so exports compare byte for byte."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
