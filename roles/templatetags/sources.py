"""
``{% cite key %}``: a footnote mark for a source key; ``{% cite_all keys %}`` for several;
``{% cited text %}``: graph text whose references to the documents become footnotes;
``{% sources_list %}``: the page's sources by title and publisher, with their licence notices.
"""

import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe

from careerpath.templatetags.language import as_written
from roles.citations import Citations

register = template.Library()


def _citations(context: template.Context) -> Citations | None:
    return context.get("citations")


def _mark(context: template.Context, keys, *, named: bool = False) -> str:
    citations = _citations(context)
    if citations is None:
        return ""
    footnotes = [note for note in (citations.cite(key) for key in keys) if note is not None]
    # Named: the source's publisher (or title) before the mark, for a "Source:" line, marked as
    # written in the sources' language (templatetags/language.py).
    return format_html_join(
        ", ",
        '{2}<sup class="cite"><a href="#source-{0}" title="{1}">[{0}]</a></sup>',
        (
            (note.number, str(note.source), as_written(note.source.publisher or note.source.title) if named else "")
            for note in footnotes
        ),
    )


@register.simple_tag(takes_context=True)
def cite(context: template.Context, key: str, named: bool = False) -> str:
    return _mark(context, [key], named=named)


@register.simple_tag(takes_context=True)
def cite_all(context: template.Context, keys, named: bool = False) -> str:
    return _mark(context, keys, named=named)


# The role graph's prose refers to the source documents by their numbers, as their file names
# begin: "(000, 001)" after a sentence, or "003 adds that…" within one. Not a digit of a figure
# ("$65,000"), a year or a word around it.
_REFERENCE = re.compile(r" ?\((?P<group>\d{3}(?:, \d{3})*)\)|(?<![\w$,.&#])(?P<bare>\d{3})(?![\w]|[,.]\d)")


def _source_name(citations: Citations, key: str) -> str:
    """The source's publisher (or title), named without a footnote: it takes no number on the page."""
    source = citations.source(key)
    return as_written(source.publisher or source.title) if source is not None else ""


@register.simple_tag(takes_context=True)
def cited(context: template.Context, text: str, footnotes: bool = True) -> str:
    """
    Graph text with its references to the documents made readable: "(000, 001)" becomes the
    page's footnote marks, and a number within a sentence the document's publisher (or title)
    with its mark. ``footnotes=False``, for a page without a sources list: names only,
    "(ok.com, zengig)". A number no document has stays as it is.
    """
    citations = _citations(context)
    escaped = str(conditional_escape(text or ""))
    if citations is None or not escaped:
        return mark_safe(escaped)

    def replace(match: re.Match) -> str:
        numbers = (match["group"] or match["bare"]).split(", ")
        keys = [key for key in (citations.key_for_number(number) for number in numbers) if key]
        if len(keys) != len(numbers):
            return match[0]
        if match["group"] and footnotes:
            return _mark(context, keys)
        if match["group"]:
            return " (" + ", ".join(_source_name(citations, key) for key in keys) + ")"
        return _mark(context, keys, named=True) if footnotes else _source_name(citations, keys[0])

    return mark_safe(_REFERENCE.sub(replace, escaped))  # built from the escaped text


@register.simple_tag(takes_context=True)
def sources_list(context: template.Context) -> str:
    citations = _citations(context)
    footnotes = citations.footnotes if citations is not None else []
    if not footnotes:
        return ""
    return render_to_string("roles/partials/sources_list.html", {"footnotes": footnotes})
