"""
The role graph file's shape (docs/role-graph-format.md): its format name, its keys, and the
role's fields, defined once for the loader, the export and the editor's services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from roles.models import Education, Track

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
    # For a changed object, its fields as (field, old, new), by kind and then label.
    details: dict[str, dict[str, list[tuple[str, str, str]]]] = field(default_factory=dict)

    def note(self, bucket: str, kind: str, label: str, fields: list[tuple[str, str, str]] | None = None) -> None:
        getattr(self, bucket).setdefault(kind, []).append(label)
        if fields:
            self.details.setdefault(kind, {})[label] = fields

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


# How a role field is written in the file: plain text, a list of lines (a text field in the
# database), one of a set of choices, a whole number, a decimal number, an education level by
# name, or true/false.
TEXT, LINES, CHOICE, INTEGER, NUMBER, EDUCATION, BOOLEAN = (
    "text",
    "lines",
    "choice",
    "integer",
    "number",
    "education",
    "boolean",
)


@dataclass(frozen=True, slots=True)
class FieldShape:
    """One field of a graph file object: its key (the model field's name) and how it is written."""

    name: str
    kind: str = TEXT
    required: bool = False
    nullable: bool = False
    choices: tuple[str, ...] = ()
    low: int | Decimal | None = None
    high: int | Decimal | None = None


YEARS = {"kind": NUMBER, "low": Decimal(0), "high": Decimal(50)}

# A role's own fields, in the file's order: the loader reads them, the export writes them, and
# the graph editor edits them (roles.services.ROLE_FIELDS).
ROLE_SHAPE: tuple[FieldShape, ...] = (
    FieldShape("slug", required=True),
    FieldShape("title", required=True),
    FieldShape("track", CHOICE, choices=tuple(Track.values)),
    FieldShape("level", INTEGER, required=True, low=0, high=10),
    FieldShape("summary"),
    FieldShape("duties", LINES),
    FieldShape("alternate_titles", LINES),
    FieldShape("min_education", EDUCATION),
    FieldShape("preferred_education", EDUCATION, nullable=True),
    FieldShape("education_note"),
    FieldShape("min_experience_years", **YEARS),
    FieldShape("min_leadership_years", **YEARS),
    FieldShape("experience_note"),
    FieldShape("onet_soc_code"),
    FieldShape("sources", LINES),
    FieldShape("is_entry", BOOLEAN),
    FieldShape("is_track_top", BOOLEAN),
)
ROLE_FIELDS = tuple(shape.name for shape in ROLE_SHAPE)
# In the file a role also says whether it is archived, and lists what it asks for and pays.
ROLE_FILE_SHAPE = (*ROLE_SHAPE, FieldShape("archived", BOOLEAN))
ROLE_KEYS = (*ROLE_FIELDS, "archived", "skills", "certifications", "salary_facts", *("origin", "onet_join", "onet"))

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
TRANSITION_KEYS = ("from", "to", "kind", "note", "source", "archived", "steps", "origin", "onet_link")
# The joined graph's additions (docs/role-graph-format.md, "The joined graph"): where a role or a
# move comes from, the O*NET link behind a move, a role's join to O*NET and its O*NET data.
ROLE_ORIGINS = ("documents", "onet")
MOVE_ORIGINS = ("documents", "onet", "join")
ONET_TIERS = ("Primary-Short", "Primary-Long", "Supplemental")
ONET_LINK_KEYS = ("from", "to", "tier", "index")
ONET_JOIN_KEYS = ("code", "evidence", "note")
ONET_EVIDENCE_FIELDS = ("title", "alternate_title")
ONET_ROLE_KEYS = ("code", "title", "job_zone", "skills", "education", "technology", "alternate_titles")
ONET_SKILL_KEYS = ("skill", "importance", "level", "level_not_relevant")
# A step's fields that the editor edits; in the file a step also has its order and whether it is
# archived.
STEP_FIELDS = (
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
)
STEP_KEYS = ("order", *STEP_FIELDS, "archived")
MONEY_LIMIT = Decimal("10000000")
