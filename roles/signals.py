"""
Any change to the role graph bumps its revision; the cached graph is rebuilt on its next read.

A handler only invalidates: rebuilding here would make every admin save pay for the whole graph,
and other processes would not notice anyway. ``RolesConfig.ready`` calls ``connect()``.
"""

from django.db.models.signals import post_delete, post_save

from roles.models import (
    Certification,
    Role,
    RoleCertification,
    RoleSkill,
    SalaryFact,
    Skill,
    Transition,
    TransitionStep,
)
from roles.revision import graph_revision_bump

GRAPH_MODELS = (Role, Skill, Certification, RoleSkill, RoleCertification, SalaryFact, Transition, TransitionStep)


def graph_changed(sender, using: str = "default", **kwargs) -> None:
    """Bump the revision of the database the row was written to (deferred inside a bulk load)."""
    graph_revision_bump(using)


def connect() -> None:
    for model in GRAPH_MODELS:
        post_save.connect(graph_changed, sender=model, dispatch_uid=f"roles-graph-saved-{model.__name__}")
        post_delete.connect(graph_changed, sender=model, dispatch_uid=f"roles-graph-deleted-{model.__name__}")
