"""Small display helpers for people's pages."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from planner.models import BIN_DAYS
from roles.models import Education

register = template.Library()


@register.simple_tag
def bin_days() -> int:
    """How many days a deleted plan waits in the bin (the pages that mention the bin say it)."""
    return BIN_DAYS


@register.filter
def education_label(value) -> str:
    try:
        return Education(int(value)).label
    except (TypeError, ValueError):
        return ""


@register.filter
def money(value) -> str:
    """Format an annual figure as $46,566 (whole dollars; the source's cents are on the role page)."""
    if value is None:
        return ""
    return f"${intcomma(int(Decimal(value).to_integral_value()))}"


@register.filter
def month_range(value) -> str:
    """Format a (low, high) pair of months: "no time", "3 months", "6–12 months"."""
    try:
        low, high = value
    except (TypeError, ValueError):
        return ""
    if high == 0:
        return "no time"
    if low == high:
        return f"{low} month{'s' if low != 1 else ''}"
    return f"{low}–{high} months"


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
