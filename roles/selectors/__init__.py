"""
Reads of the role graph: the cached networkx graph (``graph``), the role pages (``pages``) and
the graph editor (``editor``).

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
from roles.selectors.pages import (
    GraphEdge,
    GraphFocus,
    GraphSelection,
    HomeSummary,
    RoleCard,
    RoleDetail,
    RoleGraph,
    RoleListPage,
    SalaryFactRow,
    SkillRow,
    TrackGroup,
    format_money,
    graph_positions,
    graph_selection,
    home_summary,
    move_months,
    role_cards,
    role_detail_get,
    role_graph,
    role_list_page,
    role_list_queryset,
    salary_fact_figure,
    salary_spreads,
)

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
