"""
Writes to the role graph from the staff editor: create, update, archive, reorder and revert.

Every function is keyword-only and atomic, and runs the model's ``full_clean`` (its field
validators and database constraints: the checks the admin and the graph loader make) plus the
graph's own rules (one entry node, no move to itself, no second move between the same roles)
before it saves. Bad input is a ValidationError naming the field, never a half-applied change.

Nothing here deletes what a plan may use: roles, moves and steps are archived, and archived ones
leave new routes. History rows (django-simple-history) and the graph revision follow every save
through signals, so each write here is recorded with who made it.

The writes live in modules by concern (``roles``, ``transitions``, ``steps``, ``reverting``,
``titles``, ``importing``; what they share in ``common``); import them from ``roles.services``.
"""

from roles.graph_file.shape import ROLE_FIELDS, STEP_FIELDS
from roles.services.common import ROLE_UPDATE_FIELDS, TRANSITION_UPDATE_FIELDS, EditConflict, validation_message
from roles.services.importing import graph_import
from roles.services.reverting import history_revert
from roles.services.roles import role_archive, role_create, role_restore, role_update
from roles.services.steps import (
    MAX_STEP_ORDER,
    step_archive,
    step_create,
    step_move,
    step_restore,
    step_update,
    steps_reorder,
)
from roles.services.titles import JOB_TITLE_BATCH, TITLE_FIELDS, job_titles_rebuild, job_titles_refresh
from roles.services.transitions import (
    transition_archive,
    transition_create,
    transition_restore,
    transition_update,
)

__all__ = [
    "JOB_TITLE_BATCH",
    "MAX_STEP_ORDER",
    "ROLE_FIELDS",
    "ROLE_UPDATE_FIELDS",
    "STEP_FIELDS",
    "TITLE_FIELDS",
    "TRANSITION_UPDATE_FIELDS",
    "EditConflict",
    "graph_import",
    "history_revert",
    "job_titles_rebuild",
    "job_titles_refresh",
    "role_archive",
    "role_create",
    "role_restore",
    "role_update",
    "step_archive",
    "step_create",
    "step_move",
    "step_restore",
    "step_update",
    "steps_reorder",
    "transition_archive",
    "transition_create",
    "transition_restore",
    "transition_update",
    "validation_message",
]
