"""
Who may keep the role graph: staff with the ``roles.edit_graph`` permission. Anonymous visitors
are sent to log in; anyone else gets 403 and nothing changes.
"""

from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin

EDIT_PERMISSION = "roles.edit_graph"


class GraphEditorAccessMixin(PermissionRequiredMixin):
    """Staff with the graph-editing permission only; anonymous visitors are asked to log in."""

    permission_required = EDIT_PERMISSION

    def has_permission(self) -> bool:
        user = self.request.user
        return user.is_active and user.is_staff and user.has_perm(EDIT_PERMISSION)
