"""
The job title search: "where do you stand", typed as the title a person has today.

Steps, each only when the earlier ones found fewer roles than asked for:

1. titles equal to the query, then starting with it, then holding every word of it at a word's
   start (so word order does not matter), all in one query on both databases, so SQLite and
   PostgreSQL give the same first result for exact and prefix matches;
2. typos: on PostgreSQL pg_trgm's word similarity on a trigram index (migration 0004); on SQLite
   each unknown word is corrected against the titles' vocabulary (difflib on words of a similar
   length) and step 1's word match runs again.

Within a step our customer service roles come first, then roles' own titles before alternate
titles, then shorter titles. One suggestion per role, naming the title that matched.
"""

from __future__ import annotations

import difflib
import threading
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When
from django.db.models.functions import Length

from roles.models import JobTitle, Role
from roles.titles import normalize_title, query_words

DEFAULT_LIMIT = 8
MAX_LIMIT = 50
# Rows read per step: a role can match through many of its titles, and one suggestion is kept per role.
ROWS_PER_SUGGESTION = 8
# Below this pg_trgm word similarity (0 to 1) a title is not offered as a typo match.
FUZZY_THRESHOLD = 0.45
# difflib's ratio below which a word is not taken as a misspelling of another (SQLite).
WORD_CUTOFF = 0.75
EXACT, PREFIX, ALL_WORDS, FUZZY = 0, 1, 2, 3

_KIND_ORDER = Case(
    *(When(kind=kind, then=Value(order)) for order, kind in enumerate(JobTitle.Kind.values)),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class TitleMatch:
    """A suggested role, the title that matched, and how it matched."""

    role: Role
    title: str
    kind: str
    match: int

    @property
    def is_other_title(self) -> bool:
        """The match is another name of the role, worth showing beside the role's title."""
        return normalize_title(self.title) != normalize_title(self.role.title)


def _titles() -> QuerySet[JobTitle]:
    return JobTitle.objects.filter(role__archived=False).select_related("role")


def _words_filter(words: list[str]) -> Q:
    """Every word at the start of some word of the title."""
    per_word = [Q(normalized__startswith=word) | Q(normalized__contains=" " + word) for word in words]
    return reduce(and_, per_word)


def _collect(found: dict[int, TitleMatch], rows: QuerySet[JobTitle], match: int | None, limit: int) -> None:
    for row in rows:
        if len(found) >= limit:
            return
        if row.role_id not in found:
            found[row.role_id] = TitleMatch(
                role=row.role, title=row.title, kind=row.kind, match=getattr(row, "match", match)
            )


def job_title_search(query: str, limit: int = DEFAULT_LIMIT) -> list[TitleMatch]:
    """Return up to ``limit`` roles whose titles match ``query``, best first; [] for an empty query."""
    normalized = normalize_title(query)
    words = query_words(normalized)
    if not words:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    rows = limit * ROWS_PER_SUGGESTION
    found: dict[int, TitleMatch] = {}

    ranked = (
        _titles()
        .filter(Q(normalized__startswith=normalized) | _words_filter(words))
        .annotate(
            match=Case(
                When(normalized=normalized, then=Value(EXACT)),
                When(normalized__startswith=normalized, then=Value(PREFIX)),
                default=Value(ALL_WORDS),
                output_field=IntegerField(),
            ),
            kind_order=_KIND_ORDER,
            length=Length("normalized"),
        )
        .order_by("match", "-customer_service", "kind_order", "length", "normalized", "id")
    )
    _collect(found, ranked[:rows], None, limit)
    if len(found) < limit:
        if connection.vendor == "postgresql":
            _collect(found, _fuzzy_postgresql(normalized)[:rows], FUZZY, limit)
        else:
            corrected = _corrected_words(words)
            if corrected and corrected != words:
                fuzzy = (
                    _titles()
                    .filter(_words_filter(corrected))
                    .annotate(kind_order=_KIND_ORDER, length=Length("normalized"))
                    .order_by("-customer_service", "kind_order", "length", "normalized", "id")
                )
                _collect(found, fuzzy[:rows], FUZZY, limit)
    return list(found.values())


def _fuzzy_postgresql(normalized: str) -> QuerySet[JobTitle]:
    # ``%>`` (trigram_word_similar) reads the GIN trigram index; its default threshold (0.6) misses
    # common typos, so the ranking's own threshold filters, on the rows the operator lets through.
    return (
        _titles()
        .annotate(
            similarity=TrigramWordSimilarity(Value(normalized), "normalized"),
            kind_order=_KIND_ORDER,
            length=Length("normalized"),
        )
        .filter(normalized__trigram_word_similar=normalized, similarity__gte=FUZZY_THRESHOLD)
        .order_by("-similarity", "-customer_service", "kind_order", "length", "normalized", "id")
    )


# ---------------------------------------------------------------------------------------------
# SQLite's typo step: the titles' words, cached per state of the table


@dataclass(frozen=True)
class _Vocabulary:
    key: tuple[int, int | None]
    by_length: dict[int, list[str]]
    words: frozenset[str]


_vocabulary_lock = threading.Lock()
_vocabulary: _Vocabulary | None = None


def _vocabulary_get() -> _Vocabulary:
    global _vocabulary
    # The rebuild replaces every row, so the count and the highest id name the table's state.
    state = JobTitle.objects.aggregate(count=Count("id"), top=Max("id"))
    key = (state["count"], state["top"])
    cached = _vocabulary
    if cached is not None and cached.key == key:
        return cached
    words: set[str] = set()
    for normalized in JobTitle.objects.values_list("normalized", flat=True).iterator(chunk_size=5000):
        words.update(normalized.split())
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        by_length.setdefault(len(word), []).append(word)
    built = _Vocabulary(key=key, by_length=by_length, words=frozenset(words))
    with _vocabulary_lock:
        _vocabulary = built
    return built


def _corrected_words(words: list[str]) -> list[str]:
    """Each word not in any title replaced by the closest one of a similar length (dropped if none)."""
    vocabulary = _vocabulary_get()
    corrected = []
    for word in words:
        if word in vocabulary.words or len(word) < 3:
            corrected.append(word)
            continue
        candidates = [w for size in range(len(word) - 2, len(word) + 3) for w in vocabulary.by_length.get(size, ())]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=WORD_CUTOFF)
        if close:
            corrected.append(close[0])
    return corrected
