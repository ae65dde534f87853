"""
Staff pages for keeping the role graph: the graph editor, its checks, its history, and the graph
file's import and export.

Every page here needs a staff account with the ``roles.edit_graph`` permission: anonymous
visitors are sent to log in, anyone else gets 403 and nothing changes. Views are thin: writes go
through ``roles.services``, checks through ``roles.health``, history through ``roles.history``.

The editor's side panel is loaded with htmx; each panel also has its own address that renders the
whole editor page with that panel open, so every action works without JavaScript and a reload
keeps the selection.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView
from django_htmx.http import trigger_client_event

from roles import forms, services
from roles.graph_file import GraphFileError, LoadResult, graph_dumps, graph_export, graph_load, parse_graph_text
from roles.health import graph_health
from roles.history import (
    HistoryScope,
    RevertRefused,
    change_ref,
    display_value,
    history_entries,
    history_record_get,
    history_version,
    revert_plan,
)
from roles.models import Role, Transition, TransitionStep
from roles.selectors import graph_positions, graph_revision_key

EDIT_PERMISSION = "roles.edit_graph"
GRAPH_CHANGED_EVENT = "graphChanged"
IMPORT_SESSION_KEY = "roles:graph-import"


class GraphEditorAccessMixin(PermissionRequiredMixin):
    """Staff with the graph-editing permission only; anonymous visitors are asked to log in."""

    permission_required = EDIT_PERMISSION

    def has_permission(self) -> bool:
        user = self.request.user
        return user.is_active and user.is_staff and user.has_perm(EDIT_PERMISSION)


# ---------------------------------------------------------------------------------------------
# What the editor shows


@dataclass(frozen=True)
class EditorGraph:
    """Every role and move, archived ones included, for the editor's picture and tables."""

    roles: list[Role]
    transitions: list[Transition]

    @property
    def active_roles(self) -> list[Role]:
        return [role for role in self.roles if not role.archived]

    @property
    def archived_roles(self) -> list[Role]:
        return [role for role in self.roles if role.archived]

    def as_data(self) -> dict:
        """The picture's data: active roles with a position, live moves, and each one's panel address."""
        active = self.active_roles
        live = [t for t in self.transitions if t.is_live]
        positions = graph_positions(active, [(t.source_role.slug, t.target_role.slug) for t in live])
        return {
            "nodes": [
                {
                    "id": role.pk,
                    "slug": role.slug,
                    "title": role.title,
                    "track": role.track,
                    "level": role.level,
                    "is_entry": role.is_entry,
                    "url": reverse("roles:editor-role", args=[role.pk]),
                    "x": positions[role.slug][0],
                    "y": positions[role.slug][1],
                }
                for role in active
            ],
            "edges": [
                {
                    "id": t.pk,
                    "from": t.source_role.slug,
                    "to": t.target_role.slug,
                    "kind": t.kind,
                    "label": f"{t.source_role.title} → {t.target_role.title}",
                    "url": reverse("roles:editor-transition", args=[t.pk]),
                }
                for t in live
            ],
        }


def editor_graph() -> EditorGraph:
    """Read every role and move in two queries."""
    roles = list(Role.objects.order_by("level", "title"))
    by_id = {role.pk: role for role in roles}
    live_steps = Q(steps__archived=False)
    required = live_steps & Q(steps__optional=False)
    transitions = list(
        Transition.objects.annotate(
            steps_count=Count("steps", filter=live_steps),
            months_low=Sum("steps__months_min", filter=required),
            months_high=Sum("steps__months_max", filter=required),
        ).order_by("pk")
    )
    for t in transitions:
        t.source_role = by_id[t.source_role_id]
        t.target_role = by_id[t.target_role_id]
        t.is_live = not (t.archived or t.source_role.archived or t.target_role.archived)
    transitions.sort(key=lambda t: (t.source_role.level, t.source_role.title, t.target_role.level, t.target_role.title))
    return EditorGraph(roles=roles, transitions=transitions)


@dataclass(frozen=True)
class ConflictRow:
    label: str
    before: str
    theirs: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    by: str
    when: Any
    rows: list[ConflictRow]


# ---------------------------------------------------------------------------------------------
# The editor and its panels


class GraphEditorView(GraphEditorAccessMixin, TemplateView):
    template_name = "roles/editor/editor.html"

    def get_context_data(self, **kwargs):
        graph = editor_graph()
        return super().get_context_data(
            graph=graph, data=graph.as_data(), panel_template="roles/editor/panel_start.html", **kwargs
        )


class GraphEditorDataView(GraphEditorAccessMixin, View):
    """The editor's picture as JSON, fetched again after each change."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        response = JsonResponse(editor_graph().as_data())
        response["Cache-Control"] = "no-store"
        return response


class PanelView(GraphEditorAccessMixin, View):
    """A side panel: alone for htmx, inside the whole editor page otherwise."""

    panel_template = ""

    def render_panel(
        self,
        context: dict,
        *,
        template: str | None = None,
        changed: bool = False,
        push_url: str | None = None,
    ) -> HttpResponse:
        request = self.request
        template = template or self.panel_template
        if request.htmx and not request.htmx.history_restore_request:
            response = render(request, template, context)
        else:
            graph = editor_graph()
            response = render(
                request,
                "roles/editor/editor.html",
                {"graph": graph, "data": graph.as_data(), "panel_template": template, **context},
            )
        if changed:
            trigger_client_event(response, GRAPH_CHANGED_EVENT)
        if push_url:
            response["HX-Push-Url"] = push_url
        return response

    def saved(self, message: str, url: str, context_for_htmx, *, template: str | None = None) -> HttpResponse:
        """After a write: the fresh panel for htmx, a redirect (with the message) otherwise."""
        if self.request.htmx:
            context = context_for_htmx()
            context["saved_message"] = message
            return self.render_panel(context, template=template, changed=True, push_url=url)
        messages.success(self.request, message)
        return redirect(url)

    def refused(self, message: str, url: str, context_for_htmx) -> HttpResponse:
        if self.request.htmx:
            context = context_for_htmx()
            context["error_message"] = message
            return self.render_panel(context)
        messages.error(self.request, message)
        return redirect(url)


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _conflict(form, conflict: services.EditConflict, model) -> tuple[Conflict, dict]:
    """Describe a conflict and return the form's new values: theirs where they changed, yours elsewhere."""
    values = {name: value for name, value in form.cleaned_data.items() if name != "version"}
    rows = []
    for changed in conflict.changed.fields:
        rows.append(
            ConflictRow(
                label=changed.label,
                before=changed.base_display,
                theirs=changed.theirs_display,
                yours=display_value(model, changed.name, values.get(changed.name)),
            )
        )
        values[changed.name] = changed.theirs
    values["version"] = conflict.version
    return Conflict(by=conflict.changed.by, when=conflict.changed.when, rows=rows), values


# Roles


class RoleCreateView(PanelView):
    panel_template = "roles/editor/panel_role_new.html"

    def get(self, request, *args, **kwargs):
        return self.render_panel({"form": forms.RoleCreateForm()})

    def post(self, request, *args, **kwargs):
        form = forms.RoleCreateForm(request.POST)
        if form.is_valid():
            try:
                role = services.role_create(**form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return self.saved(
                    f"Added “{role.title}”. Connect it to the graph with a move.",
                    reverse("roles:editor-role", args=[role.pk]),
                    lambda: RoleEditView.context_for(role),
                    template=RoleEditView.panel_template,
                )
        return self.render_panel({"form": form})


class RoleEditView(PanelView):
    panel_template = "roles/editor/panel_role.html"

    @staticmethod
    def context_for(role: Role, form=None, **extra) -> dict:
        role = Role.objects.get(pk=role.pk)
        if form is None:
            form = forms.RoleUpdateForm(instance=role, initial={"version": history_version(role)})
        moves = Transition.objects.filter(Q(source_role=role) | Q(target_role=role)).select_related(
            "source_role", "target_role"
        )
        moves = sorted(moves, key=lambda t: (t.source_role_id != role.pk, t.target_role.level, t.source_role.level))
        return {
            "role": role,
            "form": form,
            "moves_out": [t for t in moves if t.source_role_id == role.pk],
            "moves_in": [t for t in moves if t.target_role_id == role.pk],
            **extra,
        }

    def get(self, request, pk: int, *args, **kwargs):
        return self.render_panel(self.context_for(get_object_or_404(Role, pk=pk)))

    def post(self, request, pk: int, *args, **kwargs):
        role = get_object_or_404(Role, pk=pk)
        form = forms.RoleUpdateForm(request.POST, instance=role)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.ROLE_UPDATE_FIELDS}
            try:
                role = services.role_update(role=role, data=data, expected_version=form.cleaned_data.get("version"))
            except services.EditConflict as conflict:
                described, values = _conflict(form, conflict, Role)
                form = forms.RoleUpdateForm(instance=conflict.instance, initial=values)
                return self.render_panel(self.context_for(role, form=form, conflict=described))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return self.saved(
                    f"Saved “{role.title}”.",
                    reverse("roles:editor-role", args=[role.pk]),
                    lambda: self.context_for(role),
                )
        return self.render_panel(self.context_for(role, form=form))


class RoleArchiveView(PanelView):
    panel_template = "roles/editor/panel_role.html"
    http_method_names = ["post", "options"]

    def post(self, request, pk: int, *args, **kwargs):
        role = get_object_or_404(Role, pk=pk)
        url = reverse("roles:editor-role", args=[role.pk])
        if request.POST.get("action") == "restore":
            role = services.role_restore(role=role)
            message = f"Restored “{role.title}”: new routes may use it again."
        else:
            role = services.role_archive(role=role)
            message = f"Archived “{role.title}”: new routes leave it out; plans that use it keep it."
        return self.saved(message, url, lambda: RoleEditView.context_for(role))


# Moves


class TransitionCreateView(PanelView):
    panel_template = "roles/editor/panel_transition_new.html"

    def get(self, request, *args, **kwargs):
        initial = {}
        for key, name in (("from", "source_role"), ("to", "target_role")):
            value = request.GET.get(key, "")
            if value.isdigit():
                initial[name] = int(value)
        return self.render_panel({"form": forms.TransitionCreateForm(initial=initial)})

    def post(self, request, *args, **kwargs):
        form = forms.TransitionCreateForm(request.POST)
        if form.is_valid():
            try:
                move = services.transition_create(**form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return self.saved(
                    f"Connected “{move.source_role.title}” to “{move.target_role.title}”. "
                    "Add the steps the move takes.",
                    reverse("roles:editor-transition", args=[move.pk]),
                    lambda: TransitionEditView.context_for(move),
                    template=TransitionEditView.panel_template,
                )
        return self.render_panel({"form": form})


class TransitionEditView(PanelView):
    panel_template = "roles/editor/panel_transition.html"

    @staticmethod
    def context_for(transition: Transition, form=None, **extra) -> dict:
        transition = Transition.objects.select_related("source_role", "target_role").get(pk=transition.pk)
        if form is None:
            form = forms.TransitionUpdateForm(instance=transition, initial={"version": history_version(transition)})
        steps = list(transition.steps.select_related("skill", "certification").order_by("order"))
        required = [s for s in steps if not s.archived and not s.optional]
        return {
            "transition": transition,
            "form": form,
            "steps": steps,
            "months_low": sum(s.months_min for s in required),
            "months_high": sum(s.months_max for s in required),
            **extra,
        }

    def get(self, request, pk: int, *args, **kwargs):
        return self.render_panel(self.context_for(get_object_or_404(Transition, pk=pk)))

    def post(self, request, pk: int, *args, **kwargs):
        transition = get_object_or_404(Transition, pk=pk)
        form = forms.TransitionUpdateForm(request.POST, instance=transition)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.TRANSITION_UPDATE_FIELDS}
            try:
                transition = services.transition_update(
                    transition=transition, data=data, expected_version=form.cleaned_data.get("version")
                )
            except services.EditConflict as conflict:
                described, values = _conflict(form, conflict, Transition)
                form = forms.TransitionUpdateForm(instance=conflict.instance, initial=values)
                return self.render_panel(self.context_for(transition, form=form, conflict=described))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return self.saved(
                    "Saved the move.",
                    reverse("roles:editor-transition", args=[transition.pk]),
                    lambda: self.context_for(transition),
                )
        return self.render_panel(self.context_for(transition, form=form))


class TransitionArchiveView(PanelView):
    panel_template = "roles/editor/panel_transition.html"
    http_method_names = ["post", "options"]

    def post(self, request, pk: int, *args, **kwargs):
        transition = get_object_or_404(Transition, pk=pk)
        url = reverse("roles:editor-transition", args=[transition.pk])
        try:
            if request.POST.get("action") == "restore":
                transition = services.transition_restore(transition=transition)
                message = "Restored the move: new routes may use it again."
            else:
                transition = services.transition_archive(transition=transition)
                message = "Archived the move: new routes leave it out; plans that use it keep it."
        except ValidationError as error:
            return self.refused(" ".join(error.messages), url, lambda: TransitionEditView.context_for(transition))
        return self.saved(message, url, lambda: TransitionEditView.context_for(transition))


# Steps


class StepCreateView(PanelView):
    panel_template = "roles/editor/panel_step.html"

    def _context(self, transition: Transition, form) -> dict:
        return {"transition": transition, "form": form, "step": None}

    def get(self, request, pk: int, *args, **kwargs):
        transition = get_object_or_404(Transition.objects.select_related("source_role", "target_role"), pk=pk)
        return self.render_panel(self._context(transition, forms.StepForm()))

    def post(self, request, pk: int, *args, **kwargs):
        transition = get_object_or_404(Transition.objects.select_related("source_role", "target_role"), pk=pk)
        form = forms.StepForm(request.POST, instance=TransitionStep(transition=transition, order=1))
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.STEP_FIELDS}
            try:
                step = services.step_create(transition=transition, **data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return self.saved(
                    f"Added step {step.order}: {step.title}.",
                    reverse("roles:editor-transition", args=[transition.pk]),
                    lambda: TransitionEditView.context_for(transition, focus=f"step-{step.pk}-edit"),
                    template=TransitionEditView.panel_template,
                )
        return self.render_panel(self._context(transition, form))


class StepEditView(PanelView):
    panel_template = "roles/editor/panel_step.html"

    @staticmethod
    def context_for(step: TransitionStep, form=None, **extra) -> dict:
        step = TransitionStep.objects.select_related("transition__source_role", "transition__target_role").get(
            pk=step.pk
        )
        if form is None:
            form = forms.StepForm(instance=step, initial={"version": history_version(step)})
        return {"transition": step.transition, "step": step, "form": form, **extra}

    def get(self, request, pk: int, *args, **kwargs):
        return self.render_panel(self.context_for(get_object_or_404(TransitionStep, pk=pk)))

    def post(self, request, pk: int, *args, **kwargs):
        step = get_object_or_404(TransitionStep, pk=pk)
        form = forms.StepForm(request.POST, instance=step)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.STEP_FIELDS}
            try:
                step = services.step_update(step=step, data=data, expected_version=form.cleaned_data.get("version"))
            except services.EditConflict as conflict:
                described, values = _conflict(form, conflict, TransitionStep)
                form = forms.StepForm(instance=conflict.instance, initial=values)
                return self.render_panel(self.context_for(step, form=form, conflict=described))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return self.saved(
                    f"Saved step: {step.title}.",
                    reverse("roles:editor-step", args=[step.pk]),
                    lambda: self.context_for(step),
                )
        return self.render_panel(self.context_for(step, form=form))


class StepArchiveView(PanelView):
    panel_template = "roles/editor/panel_transition.html"
    http_method_names = ["post", "options"]

    def post(self, request, pk: int, *args, **kwargs):
        step = get_object_or_404(TransitionStep, pk=pk)
        if request.POST.get("action") == "restore":
            step = services.step_restore(step=step)
            message = f"Restored step: {step.title}."
        else:
            step = services.step_archive(step=step)
            message = f"Archived step: {step.title}. New routes leave it out."
        transition = Transition(pk=step.transition_id)
        return self.saved(
            message,
            reverse("roles:editor-transition", args=[step.transition_id]),
            lambda: TransitionEditView.context_for(transition, focus=f"step-{step.pk}-archive"),
        )


class StepMoveView(PanelView):
    """Move a step one place up or down; the reorder is one transaction."""

    panel_template = "roles/editor/panel_transition.html"
    http_method_names = ["post", "options"]

    def post(self, request, pk: int, *args, **kwargs):
        step = get_object_or_404(TransitionStep, pk=pk)
        direction = "up" if request.POST.get("direction") == "up" else "down"
        url = reverse("roles:editor-transition", args=[step.transition_id])
        transition = Transition(pk=step.transition_id)
        try:
            steps = services.step_move(step=step, direction=direction)
        except ValidationError as error:
            return self.refused(" ".join(error.messages), url, lambda: TransitionEditView.context_for(transition))
        position = next(index for index, s in enumerate(steps, start=1) if s.pk == step.pk)
        return self.saved(
            f"Moved “{step.title}” {direction} to place {position}.",
            url,
            lambda: TransitionEditView.context_for(transition, focus=f"step-{step.pk}-{direction}"),
        )


# ---------------------------------------------------------------------------------------------
# Checks


class GraphHealthView(GraphEditorAccessMixin, TemplateView):
    template_name = "roles/health.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=graph_health(), **kwargs)


# ---------------------------------------------------------------------------------------------
# History


class HistoryView(GraphEditorAccessMixin, TemplateView):
    template_name = "roles/history_list.html"

    def scope(self) -> tuple[HistoryScope, dict]:
        return HistoryScope.everything(), {"heading": "Every change to the role graph"}

    def get_context_data(self, **kwargs):
        scope, extra = self.scope()
        try:
            page = int(self.request.GET.get("page", "1"))
        except ValueError:
            page = 1
        return super().get_context_data(history=history_entries(scope, page=page), **extra, **kwargs)


class RoleHistoryView(HistoryView):
    def scope(self):
        role = get_object_or_404(Role, pk=self.kwargs["pk"])
        return HistoryScope.for_role(role.pk), {
            "heading": f"History of “{role.title}”",
            "intro": (
                "The role, its skills, certifications and salary figures, and the moves to and from it "
                "with their steps."
            ),
            "role": role,
        }


class TransitionHistoryView(HistoryView):
    def scope(self):
        moves = Transition.objects.select_related("source_role", "target_role")
        transition = get_object_or_404(moves, pk=self.kwargs["pk"])
        return HistoryScope.for_transition(transition.pk), {
            "heading": f"History of the move {transition}",
            "intro": "The move and its steps.",
            "transition": transition,
        }


class HistoryRevertView(GraphEditorAccessMixin, View):
    """Confirm (GET) and revert (POST) one recorded change."""

    template_name = "roles/history_revert.html"

    def _record(self):
        try:
            return history_record_get(self.kwargs["key"], self.kwargs["history_id"])
        except LookupError:
            raise Http404("No such change was recorded.") from None

    def _next(self) -> str:
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url and url_has_allowed_host_and_scheme(url, {self.request.get_host()}, self.request.is_secure()):
            return url
        return reverse("roles:history")

    def _context(self, record) -> dict:
        key = self.kwargs["key"]
        return {"record": record, "key": key, "ref": change_ref(key, record.history_id), "next": self._next()}

    def get(self, request, *args, **kwargs):
        _, record = self._record()
        context = self._context(record)
        try:
            context["plan"] = revert_plan(self.kwargs["key"], record)
        except RevertRefused as refusal:
            context["refusal"] = str(refusal)
        return render(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        _, record = self._record()
        try:
            plan = services.history_revert(key=self.kwargs["key"], history_id=record.history_id)
        except RevertRefused as refusal:
            context = {**self._context(record), "refusal": str(refusal)}
            return render(request, self.template_name, context, status=409)
        messages.success(request, f"Reverted {change_ref(self.kwargs['key'], record.history_id)}: {plan.summary}")
        return redirect(self._next())


# ---------------------------------------------------------------------------------------------
# The graph file in the browser


class GraphExportView(GraphEditorAccessMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        response = HttpResponse(graph_dumps(graph_export()), content_type="application/json; charset=utf-8")
        name = f"careerpath-role-graph-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _result_sections(result: LoadResult) -> list[dict]:
    labels = {"added": "Added", "changed": "Changed", "archived": "Archived"}
    sections = []
    for bucket, label in labels.items():
        groups = getattr(result, bucket)
        sections.append(
            {
                "bucket": bucket,
                "label": label,
                "count": sum(len(items) for items in groups.values()),
                "groups": sorted(groups.items()),
            }
        )
    return sections


class GraphImportView(GraphEditorAccessMixin, View):
    """Upload a graph file: check it whole, then show what it would change (a dry run)."""

    template_name = "roles/import.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"form": forms.GraphImportForm()})

    def post(self, request, *args, **kwargs):
        form = forms.GraphImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        text = form.cleaned_data["text"]
        name = form.cleaned_data["file"].name
        try:
            result = graph_load(parse_graph_text(text), dry_run=True)
        except GraphFileError as error:
            context = {"form": forms.GraphImportForm(), "file_name": name, "file_errors": error.errors}
            return render(request, self.template_name, context, status=400)
        except (ValidationError, DatabaseError) as error:
            context = {"form": forms.GraphImportForm(), "file_name": name, "file_errors": [_load_refusal(error)]}
            return render(request, self.template_name, context, status=400)
        request.session[IMPORT_SESSION_KEY] = {
            "text": text,
            "digest": _digest(text),
            "name": name,
            "revision": list(graph_revision_key()),
        }
        return render(request, self.template_name, _preview_context(name, text, result))


def _preview_context(name: str, text: str, result: LoadResult, **extra) -> dict:
    return {
        "form": forms.GraphImportForm(),
        "file_name": name,
        "preview": result,
        "sections": _result_sections(result),
        "apply_form": forms.GraphImportApplyForm(initial={"digest": _digest(text)}),
        **extra,
    }


def _load_refusal(error: Exception) -> str:
    detail = " ".join(error.messages) if isinstance(error, ValidationError) else error.__class__.__name__
    return f"The database refused the file, so nothing was changed: {detail}"


class GraphImportApplyView(GraphEditorAccessMixin, View):
    """Apply the file last previewed, in one transaction, if the graph has not changed meanwhile."""

    template_name = "roles/import.html"
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        form = forms.GraphImportApplyForm(request.POST)
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not form.is_valid() or not pending or pending.get("digest") != form.cleaned_data["digest"]:
            messages.error(request, "That file is no longer waiting to be applied: upload it again to see its changes.")
            return redirect("roles:graph-import")
        text, name = pending["text"], pending["name"]
        try:
            parsed = parse_graph_text(text)
            if list(graph_revision_key()) != pending["revision"]:
                # Someone changed the graph since the preview: show what the file would change now.
                result = graph_load(parsed, dry_run=True)
                pending["revision"] = list(graph_revision_key())
                request.session[IMPORT_SESSION_KEY] = pending
                context = _preview_context(name, text, result, graph_moved=True)
                return render(request, self.template_name, context, status=409)
            result = graph_load(parsed)
        except GraphFileError as error:
            del request.session[IMPORT_SESSION_KEY]
            context = {"form": forms.GraphImportForm(), "file_name": name, "file_errors": error.errors}
            return render(request, self.template_name, context, status=400)
        except (ValidationError, DatabaseError) as error:
            del request.session[IMPORT_SESSION_KEY]
            context = {"form": forms.GraphImportForm(), "file_name": name, "file_errors": [_load_refusal(error)]}
            return render(request, self.template_name, context, status=400)
        del request.session[IMPORT_SESSION_KEY]
        context = {
            "form": forms.GraphImportForm(),
            "file_name": name,
            "applied": result,
            "sections": _result_sections(result),
        }
        return render(request, self.template_name, context)
