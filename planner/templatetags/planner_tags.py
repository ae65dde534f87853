"""Small display helpers for people's pages."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext

from planner.models import BIN_DAYS
from planner.wording import month_range_words
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
    """An annual figure in whole dollars, grouped as the language groups figures: $46,566 (the
    source's cents are on the role page)."""
    if value is None:
        return ""
    # The sources' figures are US dollars: "$" in English, "US$" where "$" may read as another currency.
    return gettext("$%(amount)s") % {"amount": intcomma(int(Decimal(value).to_integral_value()))}


@register.filter
def month_range(value) -> str:
    """Format a (low, high) pair of months: "no time", "3 months", "6–12 months"."""
    return month_range_words(value)


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
