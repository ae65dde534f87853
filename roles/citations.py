"""
Citations on a page: each source the page uses gets a footnote number, in the order the page
first cites it, and the page ends with the list of those sources by title and publisher (and
the attribution a licence asks for, such as O*NET's CC BY 4.0 notice).

A page never shows a source key (a document's file name, ``onet-29.0``): ``{% cite key %}``
prints the footnote mark and ``{% sources_list %}`` the list (``roles.templatetags.sources``).
``roles.context_processors.citations`` puts a fresh ``Citations`` in every page's context; it
reads the source records once, on the first citation, so a page that cites nothing costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from roles.models import Source


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    source: Source


class Citations:
    """The footnotes of one page, numbered in the order the page first cites each source."""

    def __init__(self) -> None:
        self._sources: dict[str, Source] | None = None
        self._numbers: dict[str, int] = {}

    def _records(self) -> dict[str, Source]:
        if self._sources is None:
            self._sources = {source.key: source for source in Source.objects.all()}
        return self._sources

    def cite(self, key: str) -> Footnote | None:
        """The footnote for a source key; None for no source or a key no record names."""
        source = self._records().get(key) if key else None
        if source is None:
            return None
        number = self._numbers.setdefault(key, len(self._numbers) + 1)
        return Footnote(number=number, source=source)

    def source(self, key: str) -> Source | None:
        """The record of a source key, without citing it (no footnote number is taken)."""
        return self._records().get(key)

    def key_for_number(self, number: str) -> str | None:
        """The key of the source document numbered ``number`` ("001": ``001_….txt``), if any."""
        prefix = f"{number}_"
        return next((key for key in self._records() if key.startswith(prefix)), None)

    @property
    def footnotes(self) -> list[Footnote]:
        """The sources the page has cited so far, in footnote order."""
        records = self._records() if self._numbers else {}
        return [Footnote(number=number, source=records[key]) for key, number in self._numbers.items()]
