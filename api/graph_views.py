"""Public, read-only views of the role graph. Each answer carries the graph revision as its ETag."""

from __future__ import annotations

from functools import wraps

from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api import graph_serializers as out
from api.routes import RoutesAnswerSerializer, RoutesQuerySerializer, routes_question
from api.selectors import role_moves, source_list
from roles import engine
from roles.engine import routes_answer
from roles.models import JobZone, Track
from roles.selectors import graph_get, graph_revision_key, role_cards, role_detail_get, role_list_queryset

GRAPH_MAX_AGE = 60  # seconds a client may reuse an answer before revalidating with If-None-Match

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier answer: 304 when the graph has not changed since.",
)
NOT_MODIFIED = OpenApiResponse(description="The graph has not changed since the ETag given.")


def graph_etag() -> str:
    number, token = graph_revision_key()
    return f'"graph-{number}-{token[:12]}"'


def graph_cached(method):
    """Answer 304 when the client holds the current revision; tag every answer with it."""

    @wraps(method)
    def wrapper(self, request, *args, **kwargs):
        etag = graph_etag()
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = Response(status=304)
        else:
            response = method(self, request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=GRAPH_MAX_AGE)
        return response

    return wrapper


class GraphView(GenericAPIView):
    permission_classes = [AllowAny]
    pagination_class = None


def _node_or_404(G, slug: str) -> int:
    try:
        return engine.role_id_for_slug(G, slug)
    except engine.UnknownRole as error:
        raise NotFound(str(error)) from None


# ---------------------------------------------------------------------------------------------
# Roles


class RoleListQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Words in the title, alternate titles or duties."
    )
    track = serializers.ChoiceField(
        choices=Track.choices, required=False, allow_blank=True, help_text="Only this track (empty: every track)."
    )
    level = serializers.IntegerField(required=False, min_value=0, max_value=32767, help_text="Seniority level.")
    job_zone = serializers.ChoiceField(
        choices=JobZone.choices, required=False, help_text="Only roles in this O*NET job zone (1 to 5)."
    )


class RoleListView(GraphView):
    """The active roles in the list page's order (job title matches first); search and filter them."""

    serializer_class = out.RoleCardSerializer
    pagination_class = GenericAPIView.pagination_class

    @extend_schema(
        operation_id="roles_list",
        parameters=[RoleListQuerySerializer, IF_NONE_MATCH],
        responses={200: out.RoleCardSerializer(many=True), 304: NOT_MODIFIED},
    )
    @graph_cached
    def get(self, request):
        query = RoleListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        roles = role_list_queryset(
            query=params.get("q", ""),
            track=params.get("track", ""),
            level=params.get("level"),
            job_zone=params.get("job_zone"),
        )
        page = role_cards(self.paginate_queryset(roles))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class RoleDetailView(GraphView):
    """A role with its skills, certifications, education, experience and salary facts with their sources."""

    serializer_class = out.RoleDetailSerializer

    @extend_schema(
        operation_id="roles_retrieve",
        parameters=[IF_NONE_MATCH],
        responses={200: out.RoleDetailSerializer, 304: NOT_MODIFIED},
    )
    @graph_cached
    def get(self, request, slug: str):
        detail = role_detail_get(slug=slug)
        return Response(out.RoleDetailSerializer(detail, context={"G": graph_get()}).data)


class RoleMovesView(GraphView):
    """The live moves out of and into a role, with their steps."""

    serializer_class = out.RoleMovesSerializer

    @extend_schema(
        operation_id="roles_moves",
        parameters=[IF_NONE_MATCH],
        responses={200: out.RoleMovesSerializer, 304: NOT_MODIFIED},
    )
    @graph_cached
    def get(self, request, slug: str):
        G = graph_get()
        return Response({"role": slug, **role_moves(G, _node_or_404(G, slug))})


class NeighbourhoodQuerySerializer(serializers.Serializer):
    depth = serializers.IntegerField(
        required=False, min_value=1, max_value=10, help_text="Only roles at most this many moves away (1 to 10)."
    )


class RoleNeighbourhoodView(GraphView):
    """The roles reachable from a role over live moves, nearest first ("beyond" on the site)."""

    serializer_class = out.NeighbourhoodSerializer

    @extend_schema(
        operation_id="roles_neighbourhood",
        parameters=[NeighbourhoodQuerySerializer, IF_NONE_MATCH],
        responses={200: out.NeighbourhoodSerializer, 304: NOT_MODIFIED},
    )
    @graph_cached
    def get(self, request, slug: str):
        query = NeighbourhoodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        G = graph_get()
        role_id = _node_or_404(G, slug)
        nodes = G.nodes
        reachable = engine.reachable_beyond(G, role_id, max_depth=query.validated_data.get("depth"))
        return Response(
            {
                "role": slug,
                "reachable": [
                    {
                        "slug": nodes[other]["slug"],
                        "title": nodes[other]["title"],
                        "track": nodes[other]["track"],
                        "level": nodes[other]["level"],
                        "moves": depth,
                    }
                    for other, depth in reachable
                ],
            }
        )


# ---------------------------------------------------------------------------------------------
# Sources


class SourceListView(GraphView):
    """The documents the graph's facts come from."""

    serializer_class = out.SourceSerializer
    pagination_class = GenericAPIView.pagination_class

    @extend_schema(
        operation_id="sources_list",
        parameters=[IF_NONE_MATCH],
        responses={200: out.SourceSerializer(many=True), 304: NOT_MODIFIED},
    )
    @graph_cached
    def get(self, request):
        page = self.paginate_queryset(source_list())
        return self.get_paginated_response(page)


# ---------------------------------------------------------------------------------------------
# Routes


class RoutesView(GraphView):
    """
    Ranked routes from one role to another: the same answer as ``manage.py routes --json``.

    Give a person's facts (years, education, skills, certifications) to have the times worked
    out for them; without them the times are for someone who meets none of the steps yet.
    """

    serializer_class = RoutesAnswerSerializer

    @extend_schema(
        operation_id="routes_list",
        parameters=[RoutesQuerySerializer, IF_NONE_MATCH],
        responses={200: RoutesAnswerSerializer, 304: NOT_MODIFIED},
    )
    @graph_cached
    def get(self, request):
        G = graph_get()
        query = RoutesQuerySerializer(data=request.query_params, context={"G": G})
        query.is_valid(raise_exception=True)
        question = routes_question(query.validated_data)
        source = _node_or_404(G, question.source)
        target = _node_or_404(G, question.target)
        person = question.person(current_role_id=source)
        try:
            routes = engine.k_best_routes(G, source, target, k=question.k, by=question.by, person=person)
        except engine.RouteError as error:
            raise NotFound(str(error)) from None
        return Response(
            routes_answer(
                G,
                source=question.source,
                target=question.target,
                by=question.by,
                k=question.k,
                person=person,
                routes=routes,
            )
        )
