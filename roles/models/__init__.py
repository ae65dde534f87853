"""
The role graph: roles, the moves between them, and the facts behind each.

Every fact that came from a document carries the document's file name in a ``source`` field, so
the product can always say where a figure came from. The graph knows nothing of people.

The models live in modules by concern; import them from ``roles.models`` (migrations, the admin
and every caller do), not from the modules.
"""

from roles.models.common import (
    EDUCATION_BY_NAME,
    MAX_STEP_MONTHS,
    MAX_YEARS,
    SKILL_LEVEL_VALIDATORS,
    Education,
    JobZone,
    Origin,
    Track,
    text_lines,
)
from roles.models.records import GraphRevision, OnetReference, Source
from roles.models.roles import JobTitle, Role, RoleCertification, RoleOnetData, RoleQuerySet, RoleSkill
from roles.models.salary import SalaryFact, salary_fact_errors
from roles.models.skills import Certification, Skill
from roles.models.transitions import Transition, TransitionQuerySet, TransitionStep

# simple-history gives the history models of a models package its app's name as their module
# ("roles.HistoricalRole"), which holds nothing: they are put here, where they were before the split,
# so that the shell, pickling and ``roles.models.HistoricalRole`` find them.
for _model in (Skill, Certification, Role, RoleSkill, RoleCertification, SalaryFact, Transition, TransitionStep):
    _history = _model.history.model  # type: ignore[attr-defined]
    _history.__module__ = __name__
    globals()[_history.__name__] = _history
del _model, _history

__all__ = [
    "EDUCATION_BY_NAME",
    "MAX_STEP_MONTHS",
    "MAX_YEARS",
    "SKILL_LEVEL_VALIDATORS",
    "Certification",
    "Education",
    "JobZone",
    "GraphRevision",
    "JobTitle",
    "OnetReference",
    "Origin",
    "Role",
    "RoleCertification",
    "RoleOnetData",
    "RoleQuerySet",
    "RoleSkill",
    "SalaryFact",
    "Skill",
    "Source",
    "Track",
    "Transition",
    "TransitionQuerySet",
    "TransitionStep",
    "salary_fact_errors",
    "text_lines",
]
