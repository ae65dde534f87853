"""
The role graph's change history: ``reading`` turns django-simple-history's rows into diffs a
person can follow; ``reverting`` works out what undoing one change would do (the write itself is
``roles.services.history_revert``) and what changed since a form was opened.
"""

from roles.history.reading import (
    ACTIONS,
    EMPTY,
    KIND_LABELS,
    TRACKED_MODELS,
    FieldChange,
    HistoryEntry,
    HistoryPage,
    HistoryScope,
    change_ref,
    field_label,
    history_entries,
    history_model,
    history_version,
    model_key,
    tracked_fields,
)
from roles.history.reverting import (
    ChangedSince,
    ConflictField,
    RevertPlan,
    RevertRefused,
    changed_since,
    display_value,
    history_record_get,
    revert_plan,
)

__all__ = [
    "ACTIONS",
    "EMPTY",
    "KIND_LABELS",
    "TRACKED_MODELS",
    "ChangedSince",
    "ConflictField",
    "FieldChange",
    "HistoryEntry",
    "HistoryPage",
    "HistoryScope",
    "RevertPlan",
    "RevertRefused",
    "change_ref",
    "changed_since",
    "display_value",
    "field_label",
    "history_entries",
    "history_model",
    "history_record_get",
    "history_version",
    "model_key",
    "revert_plan",
    "tracked_fields",
]
