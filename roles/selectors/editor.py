"""
Reads for the graph editor: every role and move (archived ones included) for its picture and
tables, and each panel's object with what the panel shows, in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse

from roles.models import Role, Transition, TransitionStep
from roles.selectors.graph_page import graph_positions


@dataclass(frozen=True)
class EditorGraph:
    """Every role and move, archived ones included, for the editor's picture and tables."""

    roles: list[Role]
    transitions: Sequence[Transition]

    @property
    def active_roles(self) -> list[Role]:
        return [role for role in self.roles if not role.archived]

    def as_data(self) -> dict:
        """The picture's data: active roles with a position, live moves, and each one's panel address."""
        active = self.active_roles
        live = [t for t in self.transitions if t.is_live]
        positions = graph_positions(active, [(t.source_role.slug, t.target_role.slug) for t in live])
        return {
            "nodes": [
                {
                    "id": role.pk,
                    "slug": role.slug,
                    "title": role.title,
                    "track": role.track,
                    "level": role.level,
                    "is_entry": role.is_entry,
                    "url": reverse("roles:editor-role", args=[role.pk]),
                    "x": positions[role.slug][0],
                    "y": positions[role.slug][1],
                }
                for role in active
            ],
            "edges": [
                {
                    "id": t.pk,
                    "from": t.source_role.slug,
                    "to": t.target_role.slug,
                    "kind": t.kind,
                    "label": f"{t.source_role.title} → {t.target_role.title}",
                    "url": reverse("roles:editor-transition", args=[t.pk]),
                }
                for t in live
            ],
        }


def editor_graph(
    role_ids: Collection[int] | None = None, moves: Collection[tuple[int, int]] | None = None
) -> EditorGraph:
    """
    Read every role and move in two queries; with ``role_ids``, those roles and the moves between
    them, and with ``moves`` only those (source id, target id) pairs (``graph_selection``).
    """
    roles_qs = Role.objects.order_by("level", "title")
    if role_ids is not None:
        roles_qs = roles_qs.filter(pk__in=role_ids)
    roles = list(roles_qs)
    by_id = {role.pk: role for role in roles}
    live_steps = Q(steps__archived=False)
    required = live_steps & Q(steps__optional=False)
    queryset = Transition.objects.annotate(
        steps_count=Count("steps", filter=live_steps),
        months_low=Sum("steps__months_min", filter=required),
        months_high=Sum("steps__months_max", filter=required),
    ).order_by("pk")
    if role_ids is not None:
        queryset = queryset.filter(source_role_id__in=role_ids, target_role_id__in=role_ids)
    transitions = [t for t in queryset if moves is None or (t.source_role_id, t.target_role_id) in moves]
    for t in transitions:
        t.source_role = by_id[t.source_role_id]
        t.target_role = by_id[t.target_role_id]
    transitions.sort(key=lambda t: (t.source_role.level, t.source_role.title, t.target_role.level, t.target_role.title))
    return EditorGraph(roles=roles, transitions=transitions)


def editor_role_get(*, pk: int) -> Role:
    """Return the role, or raise Http404."""
    return get_object_or_404(Role, pk=pk)


def editor_role_moves(*, role: Role) -> tuple[list[Transition], list[Transition]]:
    """Return the moves out of a role and the moves into it, archived ones included."""
    moves = Transition.objects.filter(Q(source_role=role) | Q(target_role=role)).select_related(
        "source_role", "target_role"
    )
    ordered = sorted(moves, key=lambda t: (t.source_role_id != role.pk, t.target_role.level, t.source_role.level))
    return [t for t in ordered if t.source_role_id == role.pk], [t for t in ordered if t.target_role_id == role.pk]


def editor_transition_get(*, pk: int) -> Transition:
    """Return the move with both its roles, or raise Http404."""
    return get_object_or_404(Transition.objects.select_related("source_role", "target_role"), pk=pk)


def editor_transition_steps(*, transition: Transition) -> list[TransitionStep]:
    """Return every step of a move in order, archived ones included."""
    return list(transition.steps.select_related("skill", "certification").order_by("order"))


def editor_step_get(*, pk: int) -> TransitionStep:
    """Return the step with its move and the move's roles, or raise Http404."""
    return get_object_or_404(
        TransitionStep.objects.select_related("transition__source_role", "transition__target_role"), pk=pk
    )
