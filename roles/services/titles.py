"""The JobTitle table (what the "where do you stand" search reads): refilled after every load,
redone for the roles an edit touches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from roles.models import JobTitle, Role, RoleOnetData, text_lines
from roles.onet import OnetError, onet_code_for_slug, role_slug
from roles.onet.extract import load_extract
from roles.onet.joined import JoinError, join_titles, load_join
from roles.revision import graph_revision_bump
from roles.titles import TitleRole, TitleRow, title_heirs, title_rows

JOB_TITLE_BATCH = 5000
# A role's fields the job title search reads (its names; whether it is the entry node; its level,
# which decides the customer service version that takes an occupation's titles).
TITLE_FIELDS = frozenset({"title", "alternate_titles", "is_entry", "level"})


@transaction.atomic
def job_titles_rebuild(*, extract: Mapping[str, Any] | None = None) -> int:
    """
    Refill the JobTitle table from the active roles and the O*NET extract; return how many rows.

    What each role gives is ``roles.titles.title_rows``: its titles; an O*NET occupation's role
    (``onet-<SOC>``) also the occupation's alternate and short titles from the extract (the
    shipped one when ``extract`` is None; none when it cannot be read, so the search still finds
    our roles); a bundled role the O*NET titles its join names, and the bundled role that is a
    whole occupation that occupation's titles too. The entry node ("no experience") is not a job title.
    Everything is replaced in bulk (the table is derived data, rebuilt after every load of the
    graph), unless nothing would change. ``job_titles_refresh`` redoes a few roles after an edit.
    """
    roles = _title_roles(Role.objects.active().filter(is_entry=False))
    if extract is None and all(role.code is None and not role.onet_join for role in roles):
        extract = {"occupations": {}}  # the bundled graph alone: no need to read the extract
    if extract is None:
        try:
            extract = load_extract()
        except OnetError:
            extract = {"occupations": {}}
    occupations: Mapping[str, Any] = extract.get("occupations", {})
    alternates = {
        code: [(entry[0], entry[1]) for entry in occupation.get("alternate_titles", [])]
        for code, occupation in occupations.items()
    }
    rows = [_job_title(row) for row in title_rows(roles, alternates, heirs=title_heirs(roles), also=_join_titles())]

    wanted = {(t.role_id, t.normalized, t.title, t.kind, t.customer_service) for t in rows}
    held = set(JobTitle.objects.values_list("role_id", "normalized", "title", "kind", "customer_service"))
    if wanted == held:
        return len(rows)  # a load that changed nothing changes nothing here either (no revision bump)
    JobTitle.objects.all().delete()
    JobTitle.objects.bulk_create(rows, batch_size=JOB_TITLE_BATCH)
    if connection.vendor == "postgresql":
        # A table refilled in bulk has no planner statistics until autovacuum gets to it, and the
        # trigram search is planned badly meanwhile (p95 680 ms against 108 ms: bench/README.md).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {JobTitle._meta.db_table}")
    graph_revision_bump()  # processes holding the title search's index (SQLite) rebuild it
    return len(rows)


def job_titles_refresh(*, role_ids: Iterable[int]) -> None:
    """
    Redo the JobTitle rows of some roles after the editor changed them (a title, alternate
    titles, a new role, an archive or a restore), in the caller's transaction, as
    ``job_titles_rebuild`` would make them; and of the other customer service versions of their
    occupations, since the edit may change which of them takes the occupation's titles.

    The O*NET titles come from the graph's own O*NET data (``RoleOnetData``, loaded from the same
    extract), not the extract: an editor's request never reads the extract. A role whose
    occupation has no O*NET data there (a graph made by ``import_onet``) keeps the O*NET titles
    it had.
    """
    touched = _title_roles(Role.objects.filter(pk__in=set(role_ids)))
    codes = {code for role in touched for code in _title_codes(role)}
    versions = _title_roles(Role.objects.active().filter(is_entry=False).exclude(onet_join=[]))
    redo = {role.id for role in touched} | {role.id for role in versions if codes & set(_title_codes(role))}
    roles = _title_roles(Role.objects.active().filter(pk__in=redo, is_entry=False))
    heirs = title_heirs(versions)

    wanted = {code for role in roles for code in ([role.code] if role.code else _title_codes(role))}
    alternates: dict[str, list[tuple[str, str]]] = {}
    for code, titles in RoleOnetData.objects.filter(role__slug__in=[role_slug(code) for code in wanted]).values_list(
        "data__code", "data__alternate_titles"
    ):
        alternates[code] = [(entry["title"], entry.get("short_title", "")) for entry in titles or ()]
    rows = [_job_title(row) for row in title_rows(roles, alternates, heirs=heirs, also=_join_titles())]

    gone = JobTitle.objects.filter(role_id__in=redo)
    missing = wanted - set(alternates)
    if missing:
        keep = [
            role.id
            for role in roles
            if (role.code in missing) or (role.code is None and any(heirs.get(code) == role.id for code in missing))
        ]
        new = {(row.role_id, row.normalized) for row in rows}
        onet_kinds = [JobTitle.Kind.ONET_ALTERNATE, JobTitle.Kind.ONET_SHORT]
        kept = [
            row.pk
            for row in JobTitle.objects.filter(role_id__in=keep, kind__in=onet_kinds)
            if (row.role_id, row.normalized) not in new
        ]
        gone = gone.exclude(pk__in=kept)
    gone.delete()
    JobTitle.objects.bulk_create(rows, batch_size=JOB_TITLE_BATCH)
    graph_revision_bump()  # processes holding the title search's index (SQLite) rebuild it


def _title_roles(roles: QuerySet[Role]) -> list[TitleRole]:
    fields = ("id", "slug", "title", "alternate_titles", "level", "onet_join")
    return [
        TitleRole(
            id=pk,
            slug=slug,
            title=title,
            alternate_titles=tuple(text_lines(alternates)),
            level=level,
            code=onet_code_for_slug(slug),
            onet_join=tuple(entry for entry in onet_join or () if isinstance(entry, dict)),
        )
        for pk, slug, title, alternates, level, onet_join in roles.order_by("id").values_list(*fields)
    ]


def _title_codes(role: TitleRole) -> list[str]:
    return [entry["code"] for entry in role.onet_join if isinstance(entry.get("code"), str)]


def _job_title(row: TitleRow) -> JobTitle:
    return JobTitle(
        role_id=row.role_id,
        title=row.title,
        normalized=row.normalized,
        kind=row.kind,
        customer_service=row.customer_service,
    )


def _join_titles() -> dict[str, list[str]]:
    try:
        return join_titles(load_join())
    except JoinError:
        return {}
