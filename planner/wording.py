"""Figures in words for people's pages, in the active language."""

from django.utils.translation import gettext, ngettext


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
