"""
Job titles as searches compare them: one normal form for what is stored and what is typed.

Pure (no Django), so the stored ``JobTitle.normalized`` and a query are normalised the same way
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

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
