"""The job title picker: ``{% title_picker form.field %}`` draws a RoleTitleField as a combobox."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.translation import gettext_lazy

from roles.models import Role
from roles.selectors.titles import job_title_search

register = template.Library()

TITLE_PLACEHOLDER = gettext_lazy("e.g. cashier, receptionist, call center agent")


@register.inclusion_tag("roles/partials/title_picker.html")
def title_picker(field: BoundField, placeholder: str = "") -> dict:
    """
    The picker's context: the slug and title to show, and, when the field was refused for a
    typed title, the roles that title may mean, as radio buttons of the same field (the pick
    without JavaScript).
    """
    value = field.value()
    if isinstance(value, list | tuple):
        slug, title = (str(part) for part in value)
    elif isinstance(value, Role):
        slug, title = value.slug, value.title
    else:
        slug, title = str(value or ""), ""
    # A refused value is shown back as typed; only a slug a role could have is looked up (a NUL
    # byte, which PostgreSQL refuses in a query, never is).
    if slug and not title and "\x00" not in slug:
        role = Role.objects.filter(slug=slug).only("title").first()
        title = role.title if role is not None else ""
    choices = job_title_search(title, limit=10) if field.errors and title else []
    return {
        "field": field,
        "name": field.html_name,
        "id": field.auto_id,
        "slug": "" if field.errors else slug,
        "title": title,
        "placeholder": placeholder or TITLE_PLACEHOLDER,
        "choices": choices,
    }
