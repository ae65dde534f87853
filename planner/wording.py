"""Figures and answers in words for people's pages, in the active language."""

import re

from django.utils.translation import gettext, gettext_noop, ngettext

from roles import engine


def month_range_words(value) -> str:
    """A (low, high) pair of months in words: "no time", "3 months", "6–12 months"; "" for anything else."""
    try:
        low, high = value
    except (TypeError, ValueError):
        return ""
    if high == 0:
        return gettext("no time")
    if low == high:
        return ngettext("%(count)s month", "%(count)s months", low) % {"count": low}
    # A range reads as plural in both languages, even "0–1 months".
    return gettext("%(low)s–%(high)s months") % {"low": low, "high": high}


def list_words(items: list[str]) -> str:
    """Items as one phrase: "a", "a and b", "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


# The engine's reasons for finding no route (it is pure Python: its messages are English), and
# what they say in the active language.
_NO_ROUTE_REASONS = {
    "they are the same role": gettext_noop("they are the same role"),
    "no moves lead there": gettext_noop("no moves lead there"),
    "there is no such move": gettext_noop("there is no such move"),
}
_ARCHIVED_REASON = re.compile(r"^“(?P<role>.+)” is archived$")


def route_error_words(error: engine.RouteError) -> str:
    """An engine's route error as a sentence in the active language."""
    if isinstance(error, engine.UnknownRole):
        return gettext("There is no role “%(role)s”.") % {"role": error.role}
    if not isinstance(error, engine.NoRoute):
        return str(error)
    names = {"source": error.source, "target": error.target}
    archived = _ARCHIVED_REASON.match(error.reason)
    if archived:
        reason = gettext("“%(role)s” is archived") % {"role": archived["role"]}
    elif error.reason in _NO_ROUTE_REASONS:
        reason = gettext(_NO_ROUTE_REASONS[error.reason])
    else:
        return gettext("There is no route from “%(source)s” to “%(target)s”.") % names
    return gettext("There is no route from “%(source)s” to “%(target)s”: %(reason)s.") % {**names, "reason": reason}
