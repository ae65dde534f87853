"""Loading a graph file from the editor."""

from __future__ import annotations

from django.db import transaction

from roles.graph_file.checking import ParsedGraph
from roles.graph_file.shape import LoadResult
from roles.graph_file.writing import graph_load
from roles.models import Role
from roles.services.titles import job_titles_refresh


@transaction.atomic
def graph_import(*, parsed: ParsedGraph) -> LoadResult:
    """Load a graph file from the editor; the roles it adds, changes or archives get their job titles redone."""
    result = graph_load(parsed)
    slugs = {slug for bucket in (result.added, result.changed, result.archived) for slug in bucket.get("roles", [])}
    if slugs:
        job_titles_refresh(role_ids=Role.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    return result
