"""
``{% cite key %}``: a footnote mark for a source key; ``{% cite_all keys %}`` for several;
``{% sources_list %}``: the page's sources by title and publisher, with their licence notices.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

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


@register.simple_tag(takes_context=True)
def sources_list(context: template.Context) -> str:
    citations = _citations(context)
    footnotes = citations.footnotes if citations is not None else []
    if not footnotes:
        return ""
    return render_to_string("roles/partials/sources_list.html", {"footnotes": footnotes})
