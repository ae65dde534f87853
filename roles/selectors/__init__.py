"""
Reads of the role graph: the cached networkx graph (``graph``), the role pages (a module a page:
``role_list``, ``role_page``, ``graph_page``, ``home``; the salary figures they show in
``salaries``), the job title search (``titles``) and the graph editor (``editor``).

Each page read runs a fixed number of SQL queries whatever the size of the graph, and returns plain
dataclasses whose relations are already loaded, so a template never sets off a query of its own.

Writes live in ``roles.services``; the revision counter they bump is ``roles.revision``.
"""

from roles.revision import graph_revision_key, graph_revision_number
from roles.selectors.editor import (
    EditorGraph,
    editor_graph,
    editor_role_get,
    editor_role_moves,
    editor_step_get,
    editor_transition_get,
    editor_transition_steps,
)
from roles.selectors.graph import graph_build_from_db, graph_cache_clear, graph_get
from roles.selectors.graph_page import (
    GraphEdge,
    GraphFocus,
    GraphSelection,
    RoleGraph,
    graph_positions,
    graph_selection,
    role_graph,
)
from roles.selectors.home import HomeSummary, home_summary
from roles.selectors.role_list import RoleCard, RoleListPage, TrackGroup, role_cards, role_list_page, role_list_queryset
from roles.selectors.role_page import RoleDetail, SkillRow, move_months, role_detail_get
from roles.selectors.salaries import SalaryFactRow, format_money, salary_fact_figure, salary_spreads

__all__ = [
    "EditorGraph",
    "editor_graph",
    "editor_role_get",
    "editor_role_moves",
    "editor_step_get",
    "editor_transition_get",
    "editor_transition_steps",
    "GraphEdge",
    "GraphFocus",
    "GraphSelection",
    "HomeSummary",
    "RoleCard",
    "RoleDetail",
    "RoleGraph",
    "RoleListPage",
    "SalaryFactRow",
    "SkillRow",
    "TrackGroup",
    "format_money",
    "graph_build_from_db",
    "graph_cache_clear",
    "graph_get",
    "graph_positions",
    "graph_revision_key",
    "graph_revision_number",
    "home_summary",
    "move_months",
    "role_detail_get",
    "role_graph",
    "graph_selection",
    "role_cards",
    "role_list_page",
    "role_list_queryset",
    "salary_fact_figure",
    "salary_spreads",
]
