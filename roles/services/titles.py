"""The JobTitle table (what the "where do you stand" search reads), refilled after every load."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from roles.models import JobTitle, Role, text_lines
from roles.onet import OnetError, role_slug
from roles.onet.extract import load_extract
from roles.revision import graph_revision_bump
from roles.titles import MAX_TITLE_LENGTH, normalize_title

JOB_TITLE_BATCH = 5000


@transaction.atomic
def job_titles_rebuild(*, extract: Mapping[str, Any] | None = None) -> int:
    """
    Refill the JobTitle table from the active roles and the O*NET extract; return how many rows.

    Each role gives its title and alternate titles; an O*NET occupation's role (``onet-<SOC>``)
    also gives the occupation's alternate and short titles from the extract (the shipped one when
    ``extract`` is None; none when it cannot be read, so the search still finds our roles). The
    entry node ("no experience") is not a job title. Titles that normalise alike on one role are
    kept once, the first kind in the order above winning. Everything is replaced in bulk (the
    table is derived data, rebuilt after every load of the graph), unless nothing would change.
    """
    has_onet_roles = Role.objects.active().filter(slug__startswith=role_slug("")).exists()
    if extract is None and not has_onet_roles:
        extract = {"occupations": {}}  # the bundled graph alone: no need to read the extract
    if extract is None:
        try:
            extract = load_extract()
        except OnetError:
            extract = {"occupations": {}}
    occupations: Mapping[str, Any] = extract.get("occupations", {})
    code_by_slug = {role_slug(code): code for code in occupations}

    rows: dict[tuple[int, str], JobTitle] = {}

    def add(role_id: int, title: str, kind: str, customer_service: bool) -> None:
        title = " ".join(title.split())[:MAX_TITLE_LENGTH]
        normalized = normalize_title(title)
        if normalized and (role_id, normalized) not in rows:
            rows[(role_id, normalized)] = JobTitle(
                title=title, normalized=normalized, role_id=role_id, kind=kind, customer_service=customer_service
            )

    roles = Role.objects.active().filter(is_entry=False).values_list("id", "slug", "title", "alternate_titles")
    for role_id, slug, title, alternates in roles.order_by("id"):
        code = code_by_slug.get(slug)
        ours = code is None
        add(role_id, title, JobTitle.Kind.ROLE_TITLE, ours)
        for alternate in text_lines(alternates):
            add(role_id, alternate, JobTitle.Kind.ROLE_ALTERNATE, ours)
        if code is not None:
            entries = occupations[code].get("alternate_titles", [])
            for alternate, *_rest in entries:
                add(role_id, alternate, JobTitle.Kind.ONET_ALTERNATE, ours)
            for _alternate, short, *_rest in entries:
                if short:
                    add(role_id, short, JobTitle.Kind.ONET_SHORT, ours)

    wanted = {(t.role_id, t.normalized, t.title, t.kind, t.customer_service) for t in rows.values()}
    held = set(JobTitle.objects.values_list("role_id", "normalized", "title", "kind", "customer_service"))
    if wanted == held:
        return len(rows)  # a load that changed nothing changes nothing here either (no revision bump)
    JobTitle.objects.all().delete()
    JobTitle.objects.bulk_create(rows.values(), batch_size=JOB_TITLE_BATCH)
    graph_revision_bump()  # processes holding the title search's index (SQLite) rebuild it
    return len(rows)
