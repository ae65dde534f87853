"""The O*NET parts of a graph file (a role's ``onet`` and ``onet_join``, a move's ``onet_link``), checked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from roles.graph_file.reader import Reader
from roles.graph_file.shape import (
    ONET_EVIDENCE_FIELDS,
    ONET_JOIN_KEYS,
    ONET_LINK_KEYS,
    ONET_ROLE_KEYS,
    ONET_SKILL_KEYS,
    ONET_TIERS,
)


def check_onet_link(reader: Reader, value: Any, path: str) -> dict | None:
    """An O*NET related-occupation link: from and to codes, the tier and the index (1 = closest)."""
    if value is None or reader.obj(value, path) is None:
        return None
    reader.unknown_keys(value, ONET_LINK_KEYS, path)
    link = {
        "from": reader.text(value, "from", path, required=True),
        "to": reader.text(value, "to", path, required=True),
        "tier": reader.choice(value, "tier", path, ONET_TIERS),
        "index": reader.integer(value, "index", path, low=1, high=1000, required=True),
    }
    return link


def check_onet_join(reader: Reader, value: Any, path: str) -> list[dict]:
    """A bundled role's O*NET codes, each with O*NET's own titles as the evidence for the match."""
    out = []
    for index, entry in enumerate(reader.list(value, path)):
        where = f"{path}[{index}]"
        if reader.obj(entry, where) is None:
            continue
        reader.unknown_keys(entry, ONET_JOIN_KEYS, where)
        evidence = []
        for number, quote in enumerate(reader.list(entry.get("evidence"), f"{where}.evidence")):
            here = f"{where}.evidence[{number}]"
            if reader.obj(quote, here) is not None:
                reader.unknown_keys(quote, ("field", "text"), here)
                evidence.append(
                    {
                        "field": reader.choice(quote, "field", here, ONET_EVIDENCE_FIELDS),
                        "text": reader.text(quote, "text", here, required=True),
                    }
                )
        if not evidence:
            reader.error(f"{where}.evidence", gettext("names the O*NET title or alternate titles the match rests on"))
        out.append(
            {
                "code": reader.text(entry, "code", where, required=True),
                "evidence": evidence,
                "note": reader.text(entry, "note", where),
            }
        )
    return out


def check_onet_role(reader: Reader, value: Any, path: str) -> dict | None:
    """
    A role's O*NET data, kept as the file gives it once its shape is checked: the skills'
    importance (1..5) and level (0..7) as published, the education shares, tools and titles.
    """
    if value is None or reader.obj(value, path) is None:
        return None
    reader.unknown_keys(value, ONET_ROLE_KEYS, path)
    reader.text(value, "code", path, required=True)
    reader.text(value, "title", path, required=True)
    reader.integer(value, "job_zone", path, low=1, high=5)
    for index, skill in enumerate(reader.list(value.get("skills"), f"{path}.skills")):
        where = f"{path}.skills[{index}]"
        if reader.obj(skill, where) is None:
            continue
        reader.unknown_keys(skill, ONET_SKILL_KEYS, where)
        reader.text(skill, "skill", where, required=True)
        reader.number(skill, "importance", where, low=Decimal(1), high=Decimal(5), required=True)
        reader.number(skill, "level", where, low=Decimal(0), high=Decimal(7), required=True)
        reader.boolean(skill, "level_not_relevant", where)
    education = value.get("education")
    if education is not None and reader.obj(education, f"{path}.education") is not None:
        for scale, shares in education.items():
            for index, entry in enumerate(reader.list(shares, f"{path}.education.{scale}")):
                where = f"{path}.education.{scale}[{index}]"
                if reader.obj(entry, where) is not None:
                    reader.integer(entry, "category", where, low=1, high=20, required=True)
                    reader.number(entry, "share", where, low=Decimal(0), high=Decimal(100), required=True)
    for name in ("technology", "alternate_titles"):
        for index, entry in enumerate(reader.list(value.get(name), f"{path}.{name}")):
            reader.obj(entry, f"{path}.{name}[{index}]")
    return value
