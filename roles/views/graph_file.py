"""
The graph file in the browser: download the whole graph, and upload a file to preview what it
would change before applying it.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy
from django.views import View

from roles import forms, services
from roles.graph_file import GraphFileError, LoadResult, graph_dumps, graph_export, graph_load, parse_graph_text
from roles.selectors import graph_revision_key
from roles.views.access import GraphEditorAccessMixin

IMPORT_SESSION_KEY = "roles:graph-import"


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


# How many objects of a kind, for people: the graph file's kinds (LoadResult's keys) by name.
KIND_COUNTS = {
    "roles": ngettext_lazy("%(count)s role", "%(count)s roles", "count"),
    "transitions": ngettext_lazy("%(count)s move", "%(count)s moves", "count"),
    "steps": ngettext_lazy("%(count)s step", "%(count)s steps", "count"),
    "skills": ngettext_lazy("%(count)s skill", "%(count)s skills", "count"),
    "certifications": ngettext_lazy("%(count)s certification", "%(count)s certifications", "count"),
    "role skills": ngettext_lazy("%(count)s skill a role needs", "%(count)s skills roles need", "count"),
    "role certifications": ngettext_lazy(
        "%(count)s certification a role asks for", "%(count)s certifications roles ask for", "count"
    ),
    "salary facts": ngettext_lazy("%(count)s salary figure", "%(count)s salary figures", "count"),
    "sources": ngettext_lazy("%(count)s source", "%(count)s sources", "count"),
    "O*NET reference": ngettext_lazy("%(count)s O*NET reference", "%(count)s O*NET references", "count"),
}
BUCKET_LABELS = {
    "added": gettext_lazy("Added"),
    "changed": gettext_lazy("Changed"),
    "archived": gettext_lazy("Archived"),
}
BUCKET_SUMMARIES = {
    "added": gettext_lazy("added: %(items)s"),
    "changed": gettext_lazy("changed: %(items)s"),
    "archived": gettext_lazy("archived: %(items)s"),
}


def _kind_count(kind: str, count: int) -> str:
    template = KIND_COUNTS.get(kind)
    return template % {"count": count} if template is not None else f"{count} {kind}"


def _summary(result: LoadResult) -> str:
    """``LoadResult.summary`` in the page's language."""
    if not result.has_changes:
        return gettext("No changes: the database already matches the file.")
    parts = []
    for bucket, summary in BUCKET_SUMMARIES.items():
        counts = getattr(result, bucket)
        if counts:
            items = ", ".join(_kind_count(kind, len(labels)) for kind, labels in sorted(counts.items()))
            parts.append(summary % {"items": items})
    return "; ".join(parts)


def _result_sections(result: LoadResult) -> list[dict]:
    labels = BUCKET_LABELS
    sections = []
    for bucket, label in labels.items():
        groups = getattr(result, bucket)
        sections.append(
            {
                "bucket": bucket,
                "label": label,
                "count": sum(len(items) for items in groups.values()),
                # Each object with the fields it changes (old → new), empty when there is nothing to show.
                "groups": [
                    (
                        _kind_count(kind, len(labels)),
                        [(label, result.details.get(kind, {}).get(label, [])) for label in labels],
                    )
                    for kind, labels in sorted(groups.items())
                ],
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
        "summary": _summary(result),
        "apply_form": forms.GraphImportApplyForm(initial={"digest": _digest(text)}),
        **extra,
    }


def _load_refusal(error: Exception) -> str:
    detail = " ".join(error.messages) if isinstance(error, ValidationError) else error.__class__.__name__
    return gettext("The database refused the file, so nothing was changed: %(detail)s") % {"detail": detail}


class GraphImportApplyView(GraphEditorAccessMixin, View):
    """Apply the file last previewed, in one transaction, if the graph has not changed meanwhile."""

    template_name = "roles/import.html"
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        form = forms.GraphImportApplyForm(request.POST)
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not form.is_valid() or not pending or pending.get("digest") != form.cleaned_data["digest"]:
            messages.error(
                request, gettext("That file is no longer waiting to be applied: upload it again to see its changes.")
            )
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
            result = services.graph_import(parsed=parsed)
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
            "summary": _summary(result),
        }
        return render(request, self.template_name, context)
