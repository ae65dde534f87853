"""
The graph editor: its page, its picture's data, and one side panel per role, move and step.

The side panel is loaded with htmx; each panel also has its own address that renders the whole
editor page with that panel open, so every action works without JavaScript and a reload keeps
the selection. Writes go through ``roles.services``, reads through ``roles.selectors``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views import View
from django.views.generic import TemplateView
from django_htmx.http import trigger_client_event

from careerpath.forms import add_service_errors
from careerpath.templatetags.language import as_written
from roles import forms, selectors, services
from roles.history import (
    display_value,
    history_version,
)
from roles.models import Role, Transition, TransitionStep
from roles.selectors.graph_page import GRAPH_DEPTHS, GraphFocus
from roles.views.access import GraphEditorAccessMixin
from roles.views.public import graph_focus

GRAPH_CHANGED_EVENT = "graphChanged"


def _say(message: str, **values) -> SafeString:
    """A translated message naming graph text: each text value (a title) marked as written in English."""
    marked = {name: as_written(value) if isinstance(value, str) else value for name, value in values.items()}
    return mark_safe(conditional_escape(message) % marked)


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


def editor_page_context(request) -> dict:
    """
    The whole editor page's picture and tables: every role while the graph is small, else the
    neighbourhood the query string asks for (``graph_selection``), like the public graph page.
    """
    form, selection = graph_focus(request)
    graph = selectors.editor_graph(role_ids=selection.role_ids, moves=selection.moves)
    focus = next((role for role in graph.roles if role.pk == selection.role_id), None)
    return {
        "graph": graph,
        "data": graph.as_data(),
        "focus": GraphFocus(
            role=focus, depth=selection.depth, total_roles=selection.total_roles, within=selection.within
        ),
        "focus_form": form,
        "depths": GRAPH_DEPTHS,
        # The picture fetches its data again after each change: the same part of the graph.
        "data_query": request.GET.urlencode(),
    }


class GraphEditorView(GraphEditorAccessMixin, TemplateView):
    template_name = "roles/editor/editor.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            panel_template="roles/editor/panel_start.html", **editor_page_context(self.request), **kwargs
        )


class GraphEditorDataView(GraphEditorAccessMixin, View):
    """The editor's picture as JSON, fetched again after each change."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        _form, selection = graph_focus(request)
        response = JsonResponse(selectors.editor_graph(role_ids=selection.role_ids, moves=selection.moves).as_data())
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
            response = render(
                request,
                "roles/editor/editor.html",
                {**editor_page_context(request), "panel_template": template, **context},
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
                add_service_errors(form, error)
            else:
                return self.saved(
                    _say(gettext("Added “%(title)s”. Connect it to the graph with a move."), title=role.title),
                    reverse("roles:editor-role", args=[role.pk]),
                    lambda: RoleEditView.context_for(role),
                    template=RoleEditView.panel_template,
                )
        return self.render_panel({"form": form})


class RoleEditView(PanelView):
    panel_template = "roles/editor/panel_role.html"

    @staticmethod
    def context_for(role: Role, form=None, **extra) -> dict:
        role = selectors.editor_role_get(pk=role.pk)
        if form is None:
            form = forms.RoleUpdateForm(instance=role, initial={"version": history_version(role)})
        moves_out, moves_in = selectors.editor_role_moves(role=role)
        return {"role": role, "form": form, "moves_out": moves_out, "moves_in": moves_in, **extra}

    def get(self, request, pk: int, *args, **kwargs):
        return self.render_panel(self.context_for(selectors.editor_role_get(pk=pk)))

    def post(self, request, pk: int, *args, **kwargs):
        role = selectors.editor_role_get(pk=pk)
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
                add_service_errors(form, error)
            else:
                return self.saved(
                    _say(gettext("Saved “%(title)s”."), title=role.title),
                    reverse("roles:editor-role", args=[role.pk]),
                    lambda: self.context_for(role),
                )
        return self.render_panel(self.context_for(role, form=form))


class RoleArchiveView(PanelView):
    panel_template = "roles/editor/panel_role.html"
    http_method_names = ["post", "options"]

    def change(self, role: Role) -> tuple[Role, str]:
        role = services.role_archive(role=role)
        return role, _say(
            gettext("Archived “%(title)s”: new routes leave it out; plans that use it keep it."), title=role.title
        )

    def post(self, request, pk: int, *args, **kwargs):
        role, message = self.change(selectors.editor_role_get(pk=pk))
        return self.saved(message, reverse("roles:editor-role", args=[role.pk]), lambda: RoleEditView.context_for(role))


class RoleRestoreView(RoleArchiveView):
    def change(self, role: Role) -> tuple[Role, str]:
        role = services.role_restore(role=role)
        return role, _say(gettext("Restored “%(title)s”: new routes may use it again."), title=role.title)


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
                add_service_errors(form, error)
            else:
                return self.saved(
                    _say(
                        gettext("Connected “%(source)s” to “%(target)s”. Add the steps the move takes."),
                        source=move.source_role.title,
                        target=move.target_role.title,
                    ),
                    reverse("roles:editor-transition", args=[move.pk]),
                    lambda: TransitionEditView.context_for(move),
                    template=TransitionEditView.panel_template,
                )
        return self.render_panel({"form": form})


class TransitionEditView(PanelView):
    panel_template = "roles/editor/panel_transition.html"

    @staticmethod
    def context_for(transition: Transition, form=None, **extra) -> dict:
        transition = selectors.editor_transition_get(pk=transition.pk)
        if form is None:
            form = forms.TransitionUpdateForm(instance=transition, initial={"version": history_version(transition)})
        steps = selectors.editor_transition_steps(transition=transition)
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
        return self.render_panel(self.context_for(selectors.editor_transition_get(pk=pk)))

    def post(self, request, pk: int, *args, **kwargs):
        transition = selectors.editor_transition_get(pk=pk)
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
                add_service_errors(form, error)
            else:
                return self.saved(
                    gettext("Saved the move."),
                    reverse("roles:editor-transition", args=[transition.pk]),
                    lambda: self.context_for(transition),
                )
        return self.render_panel(self.context_for(transition, form=form))


class TransitionArchiveView(PanelView):
    panel_template = "roles/editor/panel_transition.html"
    http_method_names = ["post", "options"]

    def change(self, transition: Transition) -> tuple[Transition, str]:
        transition = services.transition_archive(transition=transition)
        return transition, gettext("Archived the move: new routes leave it out; plans that use it keep it.")

    def post(self, request, pk: int, *args, **kwargs):
        transition = selectors.editor_transition_get(pk=pk)
        url = reverse("roles:editor-transition", args=[transition.pk])
        try:
            transition, message = self.change(transition)
        except ValidationError as error:
            return self.refused(" ".join(error.messages), url, lambda: TransitionEditView.context_for(transition))
        return self.saved(message, url, lambda: TransitionEditView.context_for(transition))


class TransitionRestoreView(TransitionArchiveView):
    def change(self, transition: Transition) -> tuple[Transition, str]:
        transition = services.transition_restore(transition=transition)
        return transition, gettext("Restored the move: new routes may use it again.")


# Steps


class StepCreateView(PanelView):
    panel_template = "roles/editor/panel_step.html"

    def _context(self, transition: Transition, form) -> dict:
        return {"transition": transition, "form": form, "step": None}

    def get(self, request, pk: int, *args, **kwargs):
        transition = selectors.editor_transition_get(pk=pk)
        return self.render_panel(self._context(transition, forms.StepForm()))

    def post(self, request, pk: int, *args, **kwargs):
        transition = selectors.editor_transition_get(pk=pk)
        form = forms.StepForm(request.POST, instance=TransitionStep(transition=transition, order=1))
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.STEP_FIELDS}
            try:
                step = services.step_create(transition=transition, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self.saved(
                    _say(gettext("Added step %(order)s: %(title)s."), order=step.order, title=step.title),
                    reverse("roles:editor-transition", args=[transition.pk]),
                    lambda: TransitionEditView.context_for(transition, focus=f"step-{step.pk}-edit"),
                    template=TransitionEditView.panel_template,
                )
        return self.render_panel(self._context(transition, form))


class StepEditView(PanelView):
    panel_template = "roles/editor/panel_step.html"

    @staticmethod
    def context_for(step: TransitionStep, form=None, **extra) -> dict:
        step = selectors.editor_step_get(pk=step.pk)
        if form is None:
            form = forms.StepForm(instance=step, initial={"version": history_version(step)})
        return {"transition": step.transition, "step": step, "form": form, **extra}

    def get(self, request, pk: int, *args, **kwargs):
        return self.render_panel(self.context_for(selectors.editor_step_get(pk=pk)))

    def post(self, request, pk: int, *args, **kwargs):
        step = selectors.editor_step_get(pk=pk)
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
                add_service_errors(form, error)
            else:
                return self.saved(
                    _say(gettext("Saved step: %(title)s."), title=step.title),
                    reverse("roles:editor-step", args=[step.pk]),
                    lambda: self.context_for(step),
                )
        return self.render_panel(self.context_for(step, form=form))


class StepArchiveView(PanelView):
    panel_template = "roles/editor/panel_transition.html"
    http_method_names = ["post", "options"]

    def change(self, step: TransitionStep) -> tuple[TransitionStep, str]:
        step = services.step_archive(step=step)
        return step, _say(gettext("Archived step: %(title)s. New routes leave it out."), title=step.title)

    def post(self, request, pk: int, *args, **kwargs):
        step, message = self.change(selectors.editor_step_get(pk=pk))
        transition = Transition(pk=step.transition_id)
        return self.saved(
            message,
            reverse("roles:editor-transition", args=[step.transition_id]),
            lambda: TransitionEditView.context_for(transition, focus=f"step-{step.pk}-archive"),
        )


class StepRestoreView(StepArchiveView):
    def change(self, step: TransitionStep) -> tuple[TransitionStep, str]:
        step = services.step_restore(step=step)
        return step, _say(gettext("Restored step: %(title)s."), title=step.title)


class StepMoveView(PanelView):
    """Move a step one place up or down; the reorder is one transaction."""

    panel_template = "roles/editor/panel_transition.html"
    http_method_names = ["post", "options"]

    def post(self, request, pk: int, *args, **kwargs):
        step = selectors.editor_step_get(pk=pk)
        direction = "up" if request.POST.get("direction") == "up" else "down"
        url = reverse("roles:editor-transition", args=[step.transition_id])
        transition = Transition(pk=step.transition_id)
        try:
            steps = services.step_move(step=step, direction=direction)
        except ValidationError as error:
            return self.refused(" ".join(error.messages), url, lambda: TransitionEditView.context_for(transition))
        position = next(index for index, s in enumerate(steps, start=1) if s.pk == step.pk)
        return self.saved(
            _say(gettext("Moved “%(title)s” up to place %(position)s."), title=step.title, position=position)
            if direction == "up"
            else _say(gettext("Moved “%(title)s” down to place %(position)s."), title=step.title, position=position),
            url,
            lambda: TransitionEditView.context_for(transition, focus=f"step-{step.pk}-{direction}"),
        )
