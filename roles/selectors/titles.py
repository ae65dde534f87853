"""
The job title search: "where do you stand", typed as the title a person has today.

Steps, each only when the earlier ones found too few roles:

1. titles equal to the query, then starting with it: one query through an index on both
   databases (pg_trgm's GIN index on PostgreSQL, a range on the B-tree on SQLite), so SQLite and
   PostgreSQL give the same first results for exact and prefix matches;
2. titles holding every word of the query at a word's start, so word order does not matter
   (PostgreSQL: LIKE on the trigram index; SQLite: an in-memory index of the titles' words);
3. typos, when fewer than FUZZY_BELOW roles were found: on PostgreSQL pg_trgm's word similarity
   (the ``%>`` operator on the trigram index, migration 0004); on SQLite each unknown word is
   corrected against the titles' words (difflib on words of a similar length) and step 2 runs
   again.

Within a step our customer service roles come first, then roles' own titles before alternate
titles, then shorter titles. One suggestion per role, naming the title that matched.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length, Round

from roles.models import JobTitle, Role
from roles.revision import graph_revision_key
from roles.titles import normalize_title, query_words

DEFAULT_LIMIT = 8
MAX_LIMIT = 50
# Rows read per step: a role can match through many of its titles, and one suggestion is kept per role.
ROWS_PER_SUGGESTION = 8
# Below this pg_trgm word similarity (0 to 1) a title is not offered as a typo match.
FUZZY_THRESHOLD = 0.45
# The typo step runs when the earlier steps found fewer roles than this: a misspelt word matches
# little, and a handful of good matches need no guesses after them.
FUZZY_BELOW = 3
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


def _collect(found: dict[int, TitleMatch], rows: Iterable[JobTitle], match: int, limit: int) -> None:
    """Keep each row's role once, the first row winning; ``match`` unless the row was annotated with its own."""
    for row in rows:
        if len(found) >= limit:
            return
        if row.role_id not in found:
            found[row.role_id] = TitleMatch(
                role=row.role, title=row.title, kind=row.kind, match=int(getattr(row, "match", match))
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
    postgresql = connection.vendor == "postgresql"

    # Exact, then prefix: through an index on both databases (pg_trgm's GIN index serves LIKE
    # 'x%' on PostgreSQL; SQLite's LIKE ignores case so cannot use one: a range on the B-tree does).
    starts = Q(normalized__startswith=normalized) if postgresql else _sqlite_prefix(normalized)
    ranked = (
        _titles()
        .filter(starts)
        .annotate(
            match=Case(When(normalized=normalized, then=Value(EXACT)), default=Value(PREFIX)),
            kind_order=_KIND_ORDER,
            length=Length("normalized"),
        )
        .order_by("match", "-customer_service", "kind_order", "length", "normalized", "id")
    )
    _collect(found, ranked[:rows], PREFIX, limit)
    if len(found) >= limit:
        return list(found.values())

    if postgresql:
        every_word = (
            _titles()
            .filter(_words_filter(words))
            .exclude(starts)
            .annotate(kind_order=_KIND_ORDER, length=Length("normalized"))
            .order_by("-customer_service", "kind_order", "length", "normalized", "id")
        )
        _collect(found, every_word[:rows], ALL_WORDS, limit)
        if len(found) < FUZZY_BELOW:
            _collect(found, _fuzzy_postgresql(normalized)[:rows], FUZZY, limit)
    else:
        index = _index_get()
        _collect(found, _rows_by_id(index.every_word(words, rows)), ALL_WORDS, limit)
        if len(found) < FUZZY_BELOW:
            corrected = index.corrected(words)
            if corrected and corrected != words:
                _collect(found, _rows_by_id(index.every_word(corrected, rows)), FUZZY, limit)
    return list(found.values())


def _sqlite_prefix(normalized: str) -> Q:
    # Normalised titles hold only [0-9a-z ]: every one starting with the query sorts below query + "~".
    return Q(normalized__gte=normalized, normalized__lt=normalized + "~")


def _rows_by_id(ids: list[int]) -> list[JobTitle]:
    if not ids:
        return []
    by_id = _titles().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _fuzzy_postgresql(normalized: str) -> QuerySet[JobTitle]:
    # ``%>`` (trigram_word_similar) reads the GIN trigram index. Its default threshold (0.6) misses
    # common typos ("casheir"), so the session's threshold is set first. Every time: the setting
    # rolls back with a transaction that fails, so it cannot be remembered per connection.
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(FUZZY_THRESHOLD)])
    return (
        _titles()
        .annotate(
            # Near-equal similarities are a tie, which our customer service roles win.
            similarity=Round(TrigramWordSimilarity(normalized, "normalized"), 1),
            kind_order=_KIND_ORDER,
            length=Length("normalized"),
        )
        .filter(normalized__trigram_word_similar=normalized)
        .order_by("-similarity", "-customer_service", "kind_order", "length", "normalized", "id")
    )


# ---------------------------------------------------------------------------------------------
# SQLite's fallback: the titles' words in memory, kept per graph revision


class _TitleIndex:
    """
    Every job title's words, for the steps SQLite has no index for: titles holding every word of
    the query at a word's start, and the closest known word to a misspelt one.

    Built from one query (~51,000 short rows with the full graph, a few MB); ``job_titles_rebuild``
    bumps the graph revision, so a process rebuilds it when the titles change.
    """

    def __init__(self, key: tuple[int, str], rows: list[tuple[int, str, bool, str]]):
        self.key = key
        kind_order = {kind: order for order, kind in enumerate(JobTitle.Kind.values)}
        self.sort_key: dict[int, tuple] = {}
        postings: dict[str, set[int]] = {}
        for pk, normalized, customer_service, kind in rows:
            self.sort_key[pk] = (not customer_service, kind_order.get(kind, 9), len(normalized), normalized, pk)
            for word in normalized.split():
                postings.setdefault(word, set()).add(pk)
        self.postings = postings
        self.words = sorted(postings)
        self.by_length: dict[int, list[str]] = {}
        for word in self.words:
            self.by_length.setdefault(len(word), []).append(word)

    def _starting_with(self, prefix: str) -> set[int]:
        found: set[int] = set()
        position = bisect.bisect_left(self.words, prefix)
        while position < len(self.words) and self.words[position].startswith(prefix):
            found |= self.postings[self.words[position]]
            position += 1
        return found

    def every_word(self, words: list[str], rows: int) -> list[int]:
        """Ids of the best-ranked titles holding every word at a word's start, at most ``rows``."""
        matched: set[int] | None = None
        for word in sorted(words, key=len, reverse=True):  # the longest word narrows most
            ids = self._starting_with(word)
            matched = ids if matched is None else matched & ids
            if not matched:
                return []
        return heapq.nsmallest(rows, matched or (), key=self.sort_key.__getitem__)

    def corrected(self, words: list[str]) -> list[str]:
        """Each word no title has replaced by the closest one of a similar length (dropped if none)."""
        corrected = []
        for word in words:
            if word in self.postings or len(word) < 3:
                corrected.append(word)
                continue
            # Words of a similar length sharing the first or second letter: a typo rarely hits both,
            # and difflib over every word (~15,000) would take tens of milliseconds.
            candidates = [
                w
                for size in range(len(word) - 2, len(word) + 3)
                for w in self.by_length.get(size, ())
                if w[0] == word[0] or w[1] == word[1]
            ]
            close = difflib.get_close_matches(word, candidates, n=1, cutoff=WORD_CUTOFF)
            if close:
                corrected.append(close[0])
        return corrected


_index_lock = threading.Lock()
_index: _TitleIndex | None = None


def _index_get() -> _TitleIndex:
    global _index
    key = graph_revision_key()
    cached = _index
    if cached is not None and cached.key == key:
        return cached
    rows = list(JobTitle.objects.values_list("id", "normalized", "customer_service", "kind").iterator(chunk_size=5000))
    built = _TitleIndex(key, rows)
    with _index_lock:
        _index = built
    return built
