"""Any change to the role graph bumps its revision; the cached graph is rebuilt on the next read."""

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
from roles.selectors import graph_revision_bump

GRAPH_MODELS = (Role, Skill, Certification, RoleSkill, RoleCertification, SalaryFact, Transition, TransitionStep)


def _graph_changed(sender, using="default", **kwargs) -> None:
    graph_revision_bump(using)


def connect() -> None:
    for model in GRAPH_MODELS:
        post_save.connect(_graph_changed, sender=model, dispatch_uid=f"graph-bump-save-{model.__name__}")
        post_delete.connect(_graph_changed, sender=model, dispatch_uid=f"graph-bump-delete-{model.__name__}")
