"""
Everything the API uses from the role graph (the ``roles`` app), imported in one place.

The API adds no rules of its own: it calls these. A module that moves (the engine into
``roles.engine``, ``roles.queries`` into ``roles.selectors``) is fixed here, on one line each.
Only ``roles`` is imported, so ``manage.py routes`` can share ``api.routes`` without the planner.
"""

from roles import graph as engine
from roles.gaps import Person
from roles.history import MAX_PAGE as HISTORY_MAX_PAGE
from roles.history import HistoryScope, history_entries
from roles.models import MAX_YEARS, Certification, Education, Role, SalaryFact, Skill, Track, Transition, TransitionStep
from roles.queries import role_detail_get, role_list_by_track
from roles.selectors import graph_get, graph_revision_key

__all__ = [
    "MAX_YEARS",
    "Certification",
    "Education",
    "HISTORY_MAX_PAGE",
    "HistoryScope",
    "Person",
    "Role",
    "SalaryFact",
    "Skill",
    "Track",
    "Transition",
    "TransitionStep",
    "engine",
    "graph_get",
    "graph_revision_key",
    "history_entries",
    "role_detail_get",
    "role_list_by_track",
]
