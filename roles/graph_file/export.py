"""
Export the whole role graph as the file format's dict, in a deterministic order, and serialise it
the one way that makes export -> load -> export byte-identical.
"""

from __future__ import annotations

import json
from typing import Any

from roles.engine.output import json_number
from roles.graph_file.shape import (
    EDUCATION,
    EDUCATION_NAME,
    FORMAT_NAME,
    FORMAT_VERSION,
    LINES,
    NUMBER,
    ROLE_FILE_SHAPE,
    FieldShape,
)
from roles.models import Certification, OnetReference, Role, Skill, Transition, text_lines


def _role_value(role: Role, shape: FieldShape) -> Any:
    """Write one of a role's fields as its shape says (see ``roles.graph_file.shape``)."""
    value = getattr(role, shape.name)
    if shape.kind == LINES:
        return text_lines(value)
    if shape.kind == EDUCATION:
        return EDUCATION_NAME.get(value)
    if shape.kind == NUMBER:
        return json_number(value)
    return value


def graph_export() -> dict:
    """Return the whole role graph as the file format's dict, in a deterministic order."""
    skills = [
        {
            "slug": s.slug,
            "name": s.name,
            "category": s.category,
            "description": s.description,
            "levels": s.level_descriptions,
            "source": s.source,
            "archived": s.archived,
        }
        for s in Skill.objects.order_by("slug")
    ]
    certifications = [
        {
            "slug": c.slug,
            "name": c.name,
            "abbreviation": c.abbreviation,
            "issuer": c.issuer,
            "description": c.description,
            "cost_min": json_number(c.cost_min),
            "cost_max": json_number(c.cost_max),
            "duration_months": c.duration_months,
            "source": c.source,
            "archived": c.archived,
        }
        for c in Certification.objects.order_by("slug")
    ]
    role_qs = (
        Role.objects.order_by("slug")
        .select_related("onet_data")
        .prefetch_related("role_skills__skill", "role_certifications__certification", "salary_facts__relative_to")
    )
    roles = [
        {
            **{shape.name: _role_value(r, shape) for shape in ROLE_FILE_SHAPE},
            "skills": [
                {"skill": rs.skill.slug, "level": rs.level, "source": rs.source}
                for rs in sorted(r.role_skills.all(), key=lambda rs: rs.skill.slug)
            ],
            "certifications": [
                {"certification": rc.certification.slug, "kind": rc.kind, "source": rc.source}
                for rc in sorted(r.role_certifications.all(), key=lambda rc: rc.certification.slug)
            ],
            "salary_facts": [
                {
                    "kind": f.kind,
                    "amount": json_number(f.amount),
                    "amount_min": json_number(f.amount_min),
                    "amount_max": json_number(f.amount_max),
                    "open_ended": f.open_ended,
                    "relative_to": f.relative_to.slug if f.relative_to_id else None,
                    "period": f.period,
                    "scope": f.scope,
                    "scope_label": f.scope_label,
                    "source": f.source,
                    "note": f.note,
                }
                # Facts keep the order they were written in: the file's order is the author's.
                for f in sorted(r.salary_facts.all(), key=lambda f: f.id)
            ],
            "origin": r.origin,
            "onet_join": r.onet_join,
            "onet": r.onet_data.data if hasattr(r, "onet_data") else None,
        }
        for r in role_qs
    ]
    transition_qs = (
        Transition.objects.select_related("source_role", "target_role")
        .prefetch_related("steps__skill", "steps__certification")
        .order_by("source_role__slug", "target_role__slug")
    )
    transitions = [
        {
            "from": t.source_role.slug,
            "to": t.target_role.slug,
            "kind": t.kind,
            "note": t.note,
            "source": t.source,
            "archived": t.archived,
            "steps": [
                {
                    "order": s.order,
                    "kind": s.kind,
                    "title": s.title,
                    "description": s.description,
                    "months_min": s.months_min,
                    "months_max": s.months_max,
                    "skill": s.skill.slug if s.skill_id else None,
                    "skill_level": s.skill_level,
                    "certification": s.certification.slug if s.certification_id else None,
                    "education": EDUCATION_NAME.get(s.education),
                    "experience_kind": s.experience_kind,
                    "years": json_number(s.years),
                    "optional": s.optional,
                    "source": s.source,
                    "archived": s.archived,
                }
                for s in sorted(t.steps.all(), key=lambda s: s.order)
            ],
            "origin": t.origin,
            "onet_link": t.onet_link,
        }
        for t in transition_qs
    ]
    graph = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "skills": skills,
        "certifications": certifications,
        "roles": roles,
        "transitions": transitions,
    }
    reference = OnetReference.objects.filter(pk=1).values_list("data", flat=True).first()
    if reference is not None:  # only a graph loaded with O*NET has it
        graph["onet"] = reference
    return graph


def graph_dumps(data: dict) -> str:
    """Serialise the graph dict the one way the exporter does, so exports compare byte for byte."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
