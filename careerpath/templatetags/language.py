"""``{{ role.title|as_written }}``: text from the role graph, in the language it was written in.

The interface is translated; the role graph's text (the source documents', O*NET's and the
editors') is not, since it is quoted from its sources. In a Spanish page such text is marked as
English, so that screen readers and translation tools read it as what it is.
"""

from django import template
from django.utils.html import format_html

register = template.Library()

# The language of the role graph's text: every source document and O*NET 29.0 are in English.
GRAPH_LANGUAGE = "en"


@register.filter
def as_written(value) -> str:
    """Wrap graph text in an element marked with its language (empty text stays empty)."""
    if value in (None, ""):
        return ""
    return format_html('<span lang="{}">{}</span>', GRAPH_LANGUAGE, value)


@register.simple_tag
def graph_language() -> str:
    """For a block of graph text: ``<p lang="{% graph_language %}">``."""
    return GRAPH_LANGUAGE
