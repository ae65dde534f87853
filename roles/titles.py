"""
Job titles as searches compare them: one normal form for what is stored and what is typed.

Pure (no Django), so the stored ``JobTitle.normalized`` and a query are normalised the same way
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Longer than any title in O*NET (the longest is ~150 characters): a query past this is cut.
MAX_TITLE_LENGTH = 255
MAX_QUERY_WORDS = 8

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalize_title(text: str) -> str:
    """
    Lower case, accents dropped, every run of other characters one space.

    "Customer-Service Rep." and "customer service rep" read the same; quotes, "%", "_",
    backslashes and emoji are dropped, so they can never act as LIKE wildcards.
    """
    decomposed = unicodedata.normalize("NFKD", text[: MAX_TITLE_LENGTH * 4].casefold())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(" ", ascii_text).strip()[:MAX_TITLE_LENGTH].strip()


def query_words(normalized: str) -> list[str]:
    """The distinct words of a normalised query, in order, at most MAX_QUERY_WORDS."""
    return list(dict.fromkeys(normalized.split()))[:MAX_QUERY_WORDS]


# --- The rows of the job title table ------------------------------------------------------------

# The table's kinds, in the order a title that normalises alike on one role keeps the first
# (the values of ``roles.models.JobTitle.Kind``).
ROLE_TITLE, ROLE_ALTERNATE, ONET_ALTERNATE, ONET_SHORT = "role", "alternate", "onet_alternate", "onet_short"


@dataclass(frozen=True, slots=True)
class TitleRole:
    """What the title table reads of a role: its names and, for a bundled role, its join to O*NET."""

    id: int
    slug: str
    title: str
    alternate_titles: tuple[str, ...]
    level: int = 0
    # An O*NET occupation's own code (its role is ``onet-<code>``), or None for a bundled role.
    code: str | None = None
    # A bundled role's join entries (``Role.onet_join``): the codes it is the customer service
    # version of, each with the O*NET titles quoted as evidence.
    onet_join: tuple[dict, ...] = ()


@dataclass(frozen=True, slots=True)
class TitleRow:
    role_id: int
    title: str
    normalized: str
    kind: str
    customer_service: bool


def title_heirs(roles: Iterable[TitleRole]) -> dict[str, int]:
    """
    For each O*NET code a bundled role is the whole of, the bundled role that takes the
    occupation's alternate titles: of the versions whose join quotes the occupation's own title
    as evidence (the representative is O*NET's "Customer Service Representatives"), the most
    junior (then by slug).

    A role that is the customer service part of a wider occupation (the customer service manager
    of 43-1011.00, the consultant of 13-1111.00 Management Analysts) answers only to the titles its
    join quotes: "Office Manager", "Business Analyst" or "Store Manager" suggest the occupation.
    """
    heirs: dict[str, TitleRole] = {}
    for role in roles:
        if role.code is not None:
            continue
        for entry in role.onet_join:
            code = entry.get("code")
            whole = any(quote.get("field") == "title" for quote in entry.get("evidence", []))
            held = heirs.get(code) if isinstance(code, str) else None
            if isinstance(code, str) and whole and (held is None or (role.level, role.slug) < (held.level, held.slug)):
                heirs[code] = role
    return {code: role.id for code, role in heirs.items()}


def title_rows(
    roles: Iterable[TitleRole],
    alternates: Mapping[str, Sequence[tuple[str, str]]],
    *,
    heirs: Mapping[str, int],
    also: Mapping[str, Sequence[str]] | None = None,
) -> list[TitleRow]:
    """
    The title table's rows for some roles: each role's title and alternate titles; an O*NET
    occupation's alternate and short titles from ``alternates`` (code → [(title, short title)]);
    a bundled role's O*NET names: the titles its join quotes as evidence and ``also[slug]`` (O*NET
    titles of other occupations it answers to, from the join file) as its alternates, and, for
    the heir of a code (``title_heirs``: the bundled role that is that whole occupation), the
    occupation's alternate and short titles too.

    Bundled roles' rows are customer service rows, ranked first on ties. Titles that normalise
    alike on one role are kept once, the first kind in the order above winning.
    """
    also = also or {}
    rows: dict[tuple[int, str], TitleRow] = {}

    def add(role_id: int, title: str, kind: str, customer_service: bool) -> None:
        title = " ".join(title.split())[:MAX_TITLE_LENGTH]
        normalized = normalize_title(title)
        if normalized and (role_id, normalized) not in rows:
            rows[(role_id, normalized)] = TitleRow(role_id, title, normalized, kind, customer_service)

    for role in roles:
        ours = role.code is None
        add(role.id, role.title, ROLE_TITLE, ours)
        for alternate in role.alternate_titles:
            add(role.id, alternate, ROLE_ALTERNATE, ours)
        if ours:
            for entry in role.onet_join:
                for quote in entry.get("evidence", []):
                    if quote.get("field") == "alternate_title":
                        add(role.id, quote.get("text", ""), ROLE_ALTERNATE, ours)
            for text in also.get(role.slug, ()):
                add(role.id, text, ROLE_ALTERNATE, ours)
        codes = [role.code] if role.code is not None else [code for code, heir in heirs.items() if heir == role.id]
        for code in codes:
            for alternate, _short in alternates.get(code, ()):
                add(role.id, alternate, ONET_ALTERNATE, ours)
            for _alternate, short in alternates.get(code, ()):
                if short:
                    add(role.id, short, ONET_SHORT, ours)
    return list(rows.values())
