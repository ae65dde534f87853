"""
The sources behind the role graph, as records: ``roles/data/sources.json``.

Each record has a ``key`` (what the graph file's ``source``/``sources`` fields hold: a source
document's file name such as ``002_27a3e9e3a4f786cf.txt``, ``onet-29.0``, ``bls-oews-2024`` or
``careerpath-editorial``), a ``title``, ``publisher``, ``date``, ``address`` (URL) and
``licence``, each null where the source does not say, plus an ``attribution`` a licence asks
for. ``check_sources`` lists every source key a graph file uses that names no record.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.utils.translation import gettext

SOURCES_PATH = Path(__file__).resolve().parent / "data" / "sources.json"
FIELDS = ("key", "kind", "title", "publisher", "date", "address", "licence", "attribution", "note")


class SourcesError(Exception):
    pass


def load_sources(path: str | Path = SOURCES_PATH) -> dict[str, dict]:
    """The source records by key; raise SourcesError when the file is unreadable or malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SourcesError(f"{path.name}: cannot be read ({error})") from None
    records: dict[str, dict] = {}
    for number, record in enumerate(data.get("sources", []) if isinstance(data, dict) else []):
        missing = [name for name in FIELDS if name not in record]
        if missing:
            raise SourcesError(f"{path.name}: sources[{number}] lacks {', '.join(missing)}")
        if not record["key"] or not record["title"]:
            raise SourcesError(f"{path.name}: sources[{number}] needs a key and a title")
        if record["key"] in records:
            raise SourcesError(f"{path.name}: sources[{number}]: the key {record['key']!r} appears more than once")
        records[record["key"]] = record
    if not records:
        raise SourcesError(f"{path.name}: no sources")
    return records


def used_source_keys(graph: dict) -> dict[str, str]:
    """Every source key a graph file dict uses, with the first place it is used."""
    used: dict[str, str] = {}

    def note(key: str, where: str) -> None:
        if key:  # "" means no source
            used.setdefault(key, where)

    for kind in ("skills", "certifications"):
        for item in graph.get(kind, []):
            note(item.get("source", ""), f"{kind} {item.get('slug')}")
    for role in graph.get("roles", []):
        where = f"role {role.get('slug')}"
        for key in role.get("sources", []):
            note(key, where)
        for name in ("skills", "certifications", "salary_facts"):
            for item in role.get(name, []):
                note(item.get("source", ""), f"{where} {name}")
    for move in graph.get("transitions", []):
        where = f"transition {move.get('from')} → {move.get('to')}"
        note(move.get("source", ""), where)
        for step in move.get("steps", []):
            note(step.get("source", ""), f"{where} step {step.get('order')}")
    if graph.get("onet"):
        note(graph["onet"].get("source", ""), "onet")
    return used


def check_sources(graph: dict, sources: dict[str, dict]) -> list[str]:
    """One message per source key the graph uses that names no known source."""
    return [
        gettext("%(where)s: the source %(key)r is not in %(file)s")
        % {"where": where, "key": key, "file": SOURCES_PATH.name}
        for key, where in sorted(used_source_keys(graph).items())
        if key not in sources
    ]
