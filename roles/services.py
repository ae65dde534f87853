"""
Writes to the role graph from the staff editor: create, update, archive, reorder and revert.

Every function is keyword-only and atomic, and runs the model's ``full_clean`` (its field
validators and database constraints: the checks the admin and the graph loader make) plus the
graph's own rules (one entry node, no move to itself, no second move between the same roles)
before it saves. Bad input is a ValidationError naming the field, never a half-applied change.

Nothing here deletes what a plan may use: roles, moves and steps are archived, and archived ones
leave new routes. History rows (django-simple-history) and the graph revision follow every save
through signals, so each write here is recorded with who made it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max, ProtectedError, QuerySet

from careerpath.services import set_changed_fields
from roles.graph_file.checking import ParsedGraph
from roles.graph_file.shape import ROLE_FIELDS, STEP_FIELDS, LoadResult
from roles.graph_file.writing import graph_load
from roles.history import (
    ChangedSince,
    RevertPlan,
    RevertRefused,
    change_ref,
    changed_since,
    field_label,
    history_record_get,
    history_version,
    revert_plan,
)
from roles.models import (
    Certification,
    Education,
    JobTitle,
    Role,
    RoleOnetData,
    Skill,
    Transition,
    TransitionStep,
    text_lines,
)
from roles.onet import OnetError, onet_code_for_slug, role_slug
from roles.onet.extract import load_extract
from roles.onet.joined import JoinError, join_titles, load_join
from roles.revision import graph_revision_bump, graph_revision_bump_once
from roles.titles import TitleRole, TitleRow, title_heirs, title_rows

# A role's fields the job title search reads (its names; whether it is the entry node; its level,
# which decides the customer service version that takes an occupation's titles).
TITLE_FIELDS = frozenset({"title", "alternate_titles", "is_entry", "level"})
# A role's slug is its name in graph files and addresses: the editor never changes it.
ROLE_UPDATE_FIELDS = tuple(name for name in ROLE_FIELDS if name != "slug")
TRANSITION_UPDATE_FIELDS = ("kind", "note", "source")
# The graph file allows step orders 1 to 1000.
MAX_STEP_ORDER = 1000


class EditConflict(Exception):
    """
    Someone else saved the object after the form was opened, changing fields the form holds.

    ``instance`` is the object as saved now, ``version`` its version now (for the form to carry
    on with) and ``changed`` the fields they changed, with who and when.
    """

    def __init__(self, *, instance: models.Model, version: int, changed: ChangedSince):
        self.instance = instance
        self.version = version
        self.changed = changed
        names = ", ".join(f.label for f in changed.fields)
        super().__init__(f"{changed.by} changed {names} meanwhile.")


def validation_message(error: ValidationError, model: type[models.Model]) -> str:
    """Say a ValidationError in one sentence, each message after its field's label."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts: list[str] = []
    for name, messages in error.message_dict.items():
        prefix = "" if name == "__all__" else f"{_label(model, name)}: "
        parts.extend(f"{prefix}{message}" for message in messages)
    return " ".join(parts)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return field_label(model, name)
    except Exception:  # a rule's own key, not a field
        return name.replace("_", " ").capitalize()


# ---------------------------------------------------------------------------------------------
# Shared steps


def _check_fields(data: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise TypeError(f"These fields cannot be changed here: {', '.join(unknown)}")


def _check_version(instance: models.Model, expected_version: int | None, data: Mapping[str, Any]) -> None:
    """
    Raise EditConflict when someone saved a field of ``data`` since ``expected_version`` and the
    submitted value is not theirs: saving would overwrite their change unseen.
    """
    if expected_version is None:
        return
    version = history_version(instance)
    if version == expected_version:
        return
    changed = changed_since(instance, expected_version, list(data))
    conflicts = [f for f in changed.fields if _value(data[f.name]) != f.theirs]
    if conflicts:
        raise EditConflict(
            instance=instance,
            version=version,
            changed=ChangedSince(fields=conflicts, by=changed.by, when=changed.when),
        )


def _value(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _give_reason(instance: models.Model, reason: str) -> None:
    """Say why, on the history record the next save or delete makes (simple-history reads this)."""
    instance._change_reason = reason  # type: ignore[attr-defined]  # simple-history's, untyped


def _save(instance: models.Model, *, reason: str | None = None) -> None:
    instance.full_clean()
    if reason:
        _give_reason(instance, reason)
    instance.save()


def _check_one_entry(role: Role) -> None:
    if not role.is_entry:
        return
    other = Role.objects.filter(is_entry=True).exclude(pk=role.pk).first()
    if other is not None:
        raise ValidationError(
            {"is_entry": f"“{other.title}” is the entry node already; the graph has only one starting point."}
        )


Archivable = TypeVar("Archivable", Role, Transition, TransitionStep, Skill, Certification)


def _set_archived(instance: Archivable, *, archived: bool) -> Archivable:
    if instance.archived != archived:
        instance.archived = archived
        _save(instance)
    return instance


# ---------------------------------------------------------------------------------------------
# Roles


@transaction.atomic
def role_create(
    *,
    slug: str,
    title: str,
    track: str,
    level: int,
    summary: str = "",
    duties: str = "",
    alternate_titles: str = "",
    min_education: int = Education.NONE,
    preferred_education: int | None = None,
    education_note: str = "",
    min_experience_years: Decimal = Decimal("0"),
    min_leadership_years: Decimal = Decimal("0"),
    experience_note: str = "",
    onet_soc_code: str = "",
    sources: str = "",
    is_entry: bool = False,
    is_track_top: bool = False,
) -> Role:
    role = Role(
        slug=slug,
        title=title,
        track=track,
        level=level,
        summary=summary,
        duties=duties,
        alternate_titles=alternate_titles,
        min_education=min_education,
        preferred_education=preferred_education,
        education_note=education_note,
        min_experience_years=min_experience_years,
        min_leadership_years=min_leadership_years,
        experience_note=experience_note,
        onet_soc_code=onet_soc_code,
        sources=sources,
        is_entry=is_entry,
        is_track_top=is_track_top,
    )
    _check_one_entry(role)
    _save(role)
    job_titles_refresh(role_ids=[role.pk])
    return role


@transaction.atomic
def role_update(*, role: Role, data: Mapping[str, Any], expected_version: int | None = None) -> Role:
    """Change a role's fields (not its slug); raise EditConflict if someone changed them meanwhile."""
    _check_fields(data, ROLE_UPDATE_FIELDS)
    role = Role.objects.select_for_update().get(pk=role.pk)
    _check_version(role, expected_version, data)
    changed = set_changed_fields(role, data)
    if changed:
        _check_one_entry(role)
        _save(role)
        if TITLE_FIELDS.intersection(changed):
            job_titles_refresh(role_ids=[role.pk])
    return role


@transaction.atomic
def role_archive(*, role: Role) -> Role:
    """Archive a role: plans keep it, new routes and the title search leave it and every move to or from it out."""
    role = _set_archived(Role.objects.select_for_update().get(pk=role.pk), archived=True)
    job_titles_refresh(role_ids=[role.pk])
    return role


@transaction.atomic
def role_restore(*, role: Role) -> Role:
    role = _set_archived(Role.objects.select_for_update().get(pk=role.pk), archived=False)
    job_titles_refresh(role_ids=[role.pk])
    return role


# ---------------------------------------------------------------------------------------------
# Moves


@transaction.atomic
def transition_create(
    *,
    source_role: Role,
    target_role: Role,
    kind: str = Transition.Kind.PROMOTION,
    note: str = "",
    source: str = "",
) -> Transition:
    """Connect two roles with a new move (add its steps with ``step_create``)."""
    if source_role.pk == target_role.pk:
        raise ValidationError({"target_role": "A move must lead to another role."})
    existing = Transition.objects.filter(source_role=source_role, target_role=target_role).first()
    if existing is not None:
        message = f"There is already a move from “{source_role.title}” to “{target_role.title}”."
        if existing.archived:
            message += " It is archived: restore it instead."
        raise ValidationError({"target_role": message})
    errors = {}
    for name, role in (("source_role", source_role), ("target_role", target_role)):
        if role.archived:
            errors[name] = f"“{role.title}” is archived: restore it before connecting it."
    if errors:
        raise ValidationError(errors)
    move = Transition(source_role=source_role, target_role=target_role, kind=kind, note=note, source=source)
    _save(move)
    return move


@transaction.atomic
def transition_update(
    *, transition: Transition, data: Mapping[str, Any], expected_version: int | None = None
) -> Transition:
    """Change a move's kind, note or source; its two roles stay (connect others with a new move)."""
    _check_fields(data, TRANSITION_UPDATE_FIELDS)
    transition = Transition.objects.select_for_update().get(pk=transition.pk)
    _check_version(transition, expected_version, data)
    if set_changed_fields(transition, data):
        _save(transition)
    return transition


@transaction.atomic
def transition_archive(*, transition: Transition) -> Transition:
    return _set_archived(Transition.objects.select_for_update().get(pk=transition.pk), archived=True)


@transaction.atomic
def transition_restore(*, transition: Transition) -> Transition:
    transition = (
        Transition.objects.select_for_update().select_related("source_role", "target_role").get(pk=transition.pk)
    )
    if transition.archived:
        archived = [role.title for role in (transition.source_role, transition.target_role) if role.archived]
        if archived:
            raise ValidationError(f"Restore “{archived[0]}” first: a move between archived roles is never used.")
    return _set_archived(transition, archived=False)


# ---------------------------------------------------------------------------------------------
# Steps


def _check_step_references(step: TransitionStep, *, was: TransitionStep | None = None) -> None:
    """A new reference to an archived skill or certification is refused; an existing one is kept."""
    errors = {}
    if step.skill is not None and step.skill.archived and (was is None or was.skill_id != step.skill_id):
        errors["skill"] = f"“{step.skill.name}” is archived: choose a current skill."
    if (
        step.certification is not None
        and step.certification.archived
        and (was is None or was.certification_id != step.certification_id)
    ):
        errors["certification"] = f"“{step.certification.name}” is archived: choose a current certification."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def step_create(
    *,
    transition: Transition,
    kind: str,
    title: str,
    months_min: int,
    months_max: int,
    description: str = "",
    skill: Skill | None = None,
    skill_level: int | None = None,
    certification: Certification | None = None,
    education: int | None = None,
    experience_kind: str = "",
    years: Decimal | None = None,
    optional: bool = False,
    source: str = "",
) -> TransitionStep:
    """Add a step at the end of a move."""
    # Lock the move so that two steps added at once never take the same place.
    transition = Transition.objects.select_for_update().get(pk=transition.pk)
    last = transition.steps.aggregate(last=Max("order"))["last"] or 0
    if last >= MAX_STEP_ORDER:
        raise ValidationError(f"A move has at most {MAX_STEP_ORDER} steps.")
    step = TransitionStep(
        transition=transition,
        order=last + 1,
        kind=kind,
        title=title,
        description=description,
        months_min=months_min,
        months_max=months_max,
        skill=skill,
        skill_level=skill_level,
        certification=certification,
        education=education,
        experience_kind=experience_kind,
        years=years,
        optional=optional,
        source=source,
    )
    _check_step_references(step)
    _save(step)
    return step


@transaction.atomic
def step_update(
    *, step: TransitionStep, data: Mapping[str, Any], expected_version: int | None = None
) -> TransitionStep:
    _check_fields(data, STEP_FIELDS)
    step = TransitionStep.objects.select_for_update().get(pk=step.pk)
    was = TransitionStep(skill_id=step.skill_id, certification_id=step.certification_id)
    _check_version(step, expected_version, data)
    if set_changed_fields(step, data):
        _check_step_references(step, was=was)
        _save(step)
    return step


@transaction.atomic
def step_archive(*, step: TransitionStep) -> TransitionStep:
    return _set_archived(TransitionStep.objects.select_for_update().get(pk=step.pk), archived=True)


@transaction.atomic
def step_restore(*, step: TransitionStep) -> TransitionStep:
    return _set_archived(TransitionStep.objects.select_for_update().get(pk=step.pk), archived=False)


@transaction.atomic
def steps_reorder(*, transition: Transition, step_ids: Sequence[int]) -> list[TransitionStep]:
    """
    Put a move's steps in the order of ``step_ids`` (every step of the move, each once).

    The steps keep the set of order numbers they had, so only the steps that move change, each
    with one history row; the swap through free numbers that the unique order needs is not
    recorded. Return the steps in their new order.
    """
    transition = Transition.objects.select_for_update().get(pk=transition.pk)
    steps = list(transition.steps.select_for_update().order_by("order"))
    if len(step_ids) != len(set(step_ids)) or set(step_ids) != {step.pk for step in steps}:
        raise ValidationError("The steps of this move changed while you were ordering them: reload and try again.")
    slots = [step.order for step in steps]
    new_order = dict(zip(step_ids, slots, strict=True))
    moving = [step for step in steps if new_order[step.pk] != step.order]
    if moving:
        with graph_revision_bump_once():
            spare = max(slots) + 1
            for offset, step in enumerate(moving):
                step.order = spare + offset
                # Only the final order is a change worth a history record, not the spare slot.
                step.skip_history_when_saving = True  # type: ignore[attr-defined]  # simple-history's
                step.save(update_fields=["order"])
                del step.skip_history_when_saving  # type: ignore[attr-defined]
            for step in moving:
                step.order = new_order[step.pk]
                step.full_clean()
                step.save(update_fields=["order"])
    return sorted(steps, key=lambda step: step.order)


@transaction.atomic
def step_move(*, step: TransitionStep, direction: Literal["up", "down"]) -> list[TransitionStep]:
    """Move a step one place up or down its move; at either end nothing changes."""
    steps = TransitionStep.objects.filter(transition_id=step.transition_id).order_by("order")
    ids = list(steps.values_list("pk", flat=True))
    index = ids.index(step.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    return steps_reorder(transition=Transition(pk=step.transition_id), step_ids=ids)


# ---------------------------------------------------------------------------------------------
# Reverting a recorded change


@transaction.atomic
def history_revert(*, key: str, history_id: int) -> RevertPlan:
    """
    Revert one recorded change with a new change (itself recorded, with the reason "Revert of
    move change #N"); see ``roles.history.revert_plan`` for what that means for each kind of change.

    Raise LookupError for an unknown change and RevertRefused, with a message for a person,
    when the revert cannot be done or would break one of the graph's rules.
    """
    model, record = history_record_get(key, history_id)
    plan = revert_plan(key, record, lock=True)
    reason = f"Revert of {change_ref(key, history_id)}"
    try:
        with transaction.atomic():
            _revert(plan, reason)
    except ValidationError as error:
        raise RevertRefused(
            f"Reverting this change would break a rule of the graph, so nothing was changed. "
            f"{validation_message(error, model)}"
        ) from error
    except ProtectedError as error:
        raise RevertRefused(
            f"The {plan.object_label} is in use ({len(error.protected_objects)} record(s) refer to it), "
            "so it cannot be removed; archive it instead."
        ) from error
    except IntegrityError as error:
        raise RevertRefused(
            f"The database refused the revert, so nothing was changed ({error.__class__.__name__})."
        ) from error
    return plan


def _revert(plan: RevertPlan, reason: str) -> None:
    if plan.action == "recreate":
        instance = plan.model(pk=plan.record.id, **plan.values)
        if isinstance(instance, Role):
            _check_one_entry(instance)
        instance.full_clean()
        _give_reason(instance, reason)
        instance.save(force_insert=True)
        plan.current = instance
        if isinstance(instance, Role):
            job_titles_refresh(role_ids=[instance.pk])
        return
    current = plan.current
    if current is None:  # revert_plan finds the row for every other action, under a lock
        raise RevertRefused(f"The {plan.object_label} no longer exists, so nothing was changed.")
    if plan.action == "delete":
        _give_reason(current, reason)
        current.delete()  # a role's job titles go with it (on_delete=CASCADE)
        return
    for attname, value in plan.values.items():
        setattr(current, attname, value)
    if isinstance(current, Role):
        _check_one_entry(current)
    _save(current, reason=reason)
    if isinstance(current, Role):
        job_titles_refresh(role_ids=[current.pk])


# ---------------------------------------------------------------------------------------------
# Job titles (what the "where do you stand" search reads)

JOB_TITLE_BATCH = 5000


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


@transaction.atomic
def graph_import(*, parsed: ParsedGraph) -> LoadResult:
    """Load a graph file from the editor; the roles it adds, changes or archives get their job titles redone."""
    result = graph_load(parsed)
    slugs = {slug for bucket in (result.added, result.changed, result.archived) for slug in bucket.get("roles", [])}
    if slugs:
        job_titles_refresh(role_ids=Role.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    return result


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
