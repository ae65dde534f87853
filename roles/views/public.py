"""Public pages of the role graph: home, the role list, a role's page and the whole graph."""

from django import forms
from django.http import JsonResponse
from django.utils.cache import patch_vary_headers
from django.views import View
from django.views.generic import TemplateView

from roles import selectors
from roles.models import Track

SEARCH_MAX_LENGTH = 100


class RoleSearchForm(forms.Form):
    q = forms.CharField(
        label="Search roles",
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Title, duty or skill, e.g. coaching", "autocomplete": "off"}
        ),
    )
    track = forms.ChoiceField(label="Track", choices=[("", "All tracks"), *Track.choices], required=False)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=selectors.home_summary(), **kwargs)


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
        groups = selectors.role_list_by_track(query=query, track=track)
        return super().get_context_data(
            form=form,
            query=query,
            track=track,
            track_label=dict(Track.choices).get(track, ""),
            groups=groups,
            results_count=sum(len(group.roles) for group in groups),
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


class RoleGraphView(TemplateView):
    """The whole graph as a picture, with a table of every move for keyboard and screen-reader users."""

    template_name = "roles/role_graph.html"

    def get_context_data(self, **kwargs):
        graph = selectors.role_graph()
        return super().get_context_data(graph=graph, data=graph.as_data(), **kwargs)


class RoleGraphJsonView(View):
    """The whole graph as JSON: nodes with their position, and moves between role slugs."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        response = JsonResponse(selectors.role_graph().as_data())
        response["Cache-Control"] = "public, max-age=60"
        return response
