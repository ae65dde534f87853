"""Public pages of the role graph: home, the role list, a role's page and the whole graph."""

import re

from django import forms
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from roles import selectors
from roles.forms import ROLE_TITLE_MAX_LENGTH, GraphFocusForm, RoleTitleField
from roles.models import JobZone, Role, Track
from roles.selectors.titles import job_title_search

SEARCH_MAX_LENGTH = 100


def _level(n: int) -> str:
    return gettext("Level %(level)s") % {"level": n}


_level_label = lazy(_level, str)


class RoleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search roles"),
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Title, duty or skill, e.g. coaching"), "autocomplete": "off"}
        ),
    )
    track = forms.ChoiceField(label=_("Track"), choices=[("", _("All tracks")), *Track.choices], required=False)
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[("", _("Any level")), *((str(n), _level_label(n)) for n in range(11))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    job_zone = forms.TypedChoiceField(
        label=_("O*NET job zone"),
        choices=[("", _("Any job zone")), *((str(value), label) for value, label in JobZone.choices)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    salary = forms.BooleanField(label=_("With a salary figure"), required=False)
    page = forms.IntegerField(min_value=1, max_value=100_000, required=False, widget=forms.HiddenInput)


class StandForm(forms.Form):
    """The home page's "where do you stand": a job title, picked from the suggestions."""

    start = RoleTitleField(queryset=Role.objects.none(), required=False, label=_("Your job title today"))
    target = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].queryset = Role.objects.active().filter(is_entry=False)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        summary = selectors.home_summary()
        target = summary.manager.slug if summary.manager else ""
        return super().get_context_data(summary=summary, stand_form=StandForm(initial={"target": target}), **kwargs)


class RoleListView(TemplateView):
    """The active roles grouped by track, with a search that works with or without JavaScript."""

    template_name = "roles/role_list.html"
    partial_template_name = "roles/partials/role_results.html"

    def get_template_names(self):
        htmx = self.request.htmx
        # A history restore asks for the whole page, though it comes from htmx.
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        form = RoleSearchForm(self.request.GET or None)
        cleaned = {}
        if form.is_bound:
            # Use whichever fields are valid; an invalid one shows its error and filters nothing.
            form.is_valid()
            cleaned = form.cleaned_data
        query = cleaned.get("q", "")
        track = cleaned.get("track", "")
        level = cleaned.get("level")
        job_zone = cleaned.get("job_zone")
        with_salary = bool(cleaned.get("salary"))
        listing = selectors.role_list_page(
            query=query,
            track=track,
            level=level,
            job_zone=job_zone,
            with_salary=with_salary,
            page=cleaned.get("page") or 1,
        )
        # The filters as a query string without the page: the pager's links add their own.
        params = self.request.GET.copy()
        params.pop("page", None)
        return super().get_context_data(
            form=form,
            query=query,
            track=track,
            track_label=dict(Track.choices).get(track, ""),
            level=level,
            job_zone=job_zone,
            with_salary=with_salary,
            filtered=bool(query or track or level is not None or job_zone is not None or with_salary),
            groups=listing.groups,
            page_obj=listing.page,
            results_count=listing.count,
            filters_query=params.urlencode(),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class RoleDetailView(TemplateView):
    template_name = "roles/role_detail.html"

    def get_context_data(self, **kwargs):
        detail = selectors.role_detail_get(slug=self.kwargs["slug"])
        return super().get_context_data(detail=detail, role=detail.role, **kwargs)


def graph_focus(request) -> tuple[GraphFocusForm, selectors.GraphSelection]:
    """The graph pages' query (role, depth) read once: a bad role shows at the field, the default is drawn."""
    form = GraphFocusForm(request.GET or None)
    slug, depth = "", selectors.graph_page.DEFAULT_GRAPH_DEPTH
    if form.is_bound and form.is_valid():
        role = form.cleaned_data["role"]
        slug = role.slug if role is not None else ""
        depth = form.cleaned_data["depth"] or depth
    return form, selectors.graph_selection(slug=slug, depth=depth)


class RoleGraphView(TemplateView):
    """The whole graph as a picture, with a table of every move for keyboard and screen-reader users."""

    template_name = "roles/role_graph.html"

    def get_context_data(self, **kwargs):
        form, selection = graph_focus(self.request)
        graph = selectors.role_graph(role_ids=selection.role_ids, moves=selection.moves)
        focus = next((role for role in graph.roles if role.pk == selection.role_id), None)
        return super().get_context_data(
            graph=graph,
            data=graph.as_data(),
            focus=selectors.GraphFocus(
                role=focus, depth=selection.depth, total_roles=selection.total_roles, within=selection.within
            ),
            focus_form=form,
            depths=selectors.graph_page.GRAPH_DEPTHS,
            **kwargs,
        )


class RoleGraphJsonView(View):
    """The whole graph as JSON: nodes with their position, and moves between role slugs."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        response = JsonResponse(selectors.role_graph().as_data())
        response["Cache-Control"] = "public, max-age=60"
        return response


# A picker's field name, echoed into element ids: a plain identifier or nothing.
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TITLE_RESULTS_LIMIT = 20


class TitleSuggestView(View):
    """The suggestions under a job title picker as the person types (an htmx partial)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        field = request.GET.get("field", "")
        field = field if _FIELD_NAME.match(field) else "q"
        query = request.GET.get(f"{field}_title", request.GET.get("q", ""))
        # A query longer than any title matches none: answer without searching.
        matches = job_title_search(query) if len(query) <= ROLE_TITLE_MAX_LENGTH else []
        response = render(
            request,
            "roles/partials/title_suggestions.html",
            {"matches": matches, "field": field, "query": query.strip()[:ROLE_TITLE_MAX_LENGTH]},
        )
        response["Cache-Control"] = "private, max-age=60"
        return response


class TitleSearchView(TemplateView):
    """The title search as a page: where a plain form lands without JavaScript, or anyone browsing."""

    template_name = "roles/title_search.html"

    def get(self, request, *args, **kwargs):
        # The home page's picker, sent by someone signed out: a picked role goes to its page.
        slug = request.GET.get("start", "")
        if slug:
            role = Role.objects.active().filter(slug=slug[:80]).first()
            if role is not None:
                return redirect(role)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        params = self.request.GET
        query = " ".join(params.get("q", params.get("start_title", "")).split())
        too_long = len(query) > ROLE_TITLE_MAX_LENGTH
        matches = [] if too_long else job_title_search(query, limit=TITLE_RESULTS_LIMIT)
        return super().get_context_data(
            query=query[:ROLE_TITLE_MAX_LENGTH], too_long=too_long, matches=matches, **kwargs
        )
