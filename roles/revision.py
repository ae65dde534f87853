"""
The graph revision: a counter that every change to the role graph bumps, so every process knows
when its cached graph (``roles.selectors.graph_get``) is stale.

Its own module because three writers bump it, the editor's services, the graph file's loader and
``roles.signals``, and the graph cache reads it.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.db.models import F

from roles.models import GraphRevision

RevisionKey = tuple[int, str]

_batch = threading.local()


def graph_revision_key(using: str = DEFAULT_DB_ALIAS) -> RevisionKey:
    """
    Return the revision's number and token, creating the row on first use.

    The token is new with every bump (and with the row), so a bump that was rolled back is never
    mistaken for a later one that reached the same number.
    """
    row = GraphRevision.objects.using(using).filter(pk=1).values_list("number", "token").first()
    if row is None:
        revision, _ = GraphRevision.objects.using(using).get_or_create(pk=1)
        row = (revision.number, revision.token)
    return row[0], str(row[1])


def graph_revision_number(using: str = DEFAULT_DB_ALIAS) -> int:
    return graph_revision_key(using)[0]


def graph_revision_bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Mark the graph as changed, so every process rebuilds it on its next read (deferred in a batch)."""
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending.add(using)
        return
    _bump(using)


def _bump(using: str) -> None:
    revisions = GraphRevision.objects.using(using)
    if revisions.filter(pk=1).update(number=F("number") + 1, token=uuid.uuid4()):
        return
    _, created = revisions.get_or_create(pk=1, defaults={"number": 1})
    if not created:  # another process made the row meanwhile
        revisions.filter(pk=1).update(number=F("number") + 1, token=uuid.uuid4())


@contextmanager
def graph_revision_bump_once() -> Iterator[None]:
    """
    Hold back the revision bumps of every save and delete inside the block; bump once at the end.

    Use it around bulk writes (the graph loader wraps its transaction in it). Blocks nest: only
    the outermost bumps, once per database written to, and only if something was written.
    ``QuerySet.update()`` and ``bulk_create()`` send no signals: call ``graph_revision_bump()``
    inside the block after them. When the block raises, the bump is still attempted (a caught
    error may leave earlier writes in place); it rolls back with the enclosing transaction.
    """
    outermost = getattr(_batch, "pending", None) is None
    if outermost:
        _batch.pending = set()
    try:
        yield
    except BaseException:
        if outermost:
            pending, _batch.pending = _batch.pending, None
            for using in sorted(pending):
                with suppress(DatabaseError):  # the transaction is broken and will roll back anyway
                    _bump(using)
        raise
    else:
        if outermost:
            pending, _batch.pending = _batch.pending, None
            for using in sorted(pending):
                _bump(using)
