"""
Coaches: their clients, the plans shared with them, and what they write on those plans.

Every request goes through the planner's access functions, so consent is checked against the
database each time: a client's revoke takes effect on the coach's very next request.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.serializers import (
    ClientSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    HistoryPageSerializer,
    SharedPlanSerializer,
    SuggestionCreateSerializer,
    SuggestionSerializer,
)
from coaching.access import coach_get_approved, plan_get_for_coach
from coaching.selectors import coach_dashboard_rows
from coaching.services import comment_create, suggestion_accept, suggestion_create, suggestion_decline
from planner.access import plan_get_for_owner, profile_get_or_create_for_user
from planner.selectors import plan_detail_queryset
from roles.history import HistoryScope, history_entries
from roles.history.reading import MAX_PAGE as HISTORY_MAX_PAGE

EDIT_GRAPH_PERMISSION = "roles.edit_graph"


class CoachView(GenericAPIView):
    permission_classes = [IsAuthenticated, *GenericAPIView.permission_classes]
    pagination_class = None


class ClientListView(CoachView):
    """Your active clients, with the plans each shares with you now. Only approved coaches have one."""

    serializer_class = ClientSerializer
    pagination_class = GenericAPIView.pagination_class

    @extend_schema(operation_id="coach_clients_list", responses={200: ClientSerializer(many=True)})
    def get(self, request):
        coach_get_approved(user=request.user)
        page = self.paginate_queryset(coach_dashboard_rows(coach=request.user))
        return self.get_paginated_response(ClientSerializer(page, many=True).data)


class SharedPlanView(CoachView):
    """A plan a client shares with you, with its steps, comments and suggestions; otherwise not found."""

    serializer_class = SharedPlanSerializer

    def get(self, request, pk: int):
        plan = plan_get_for_coach(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        return Response(SharedPlanSerializer(plan).data)


class CommentCreateView(CoachView):
    """Comment on a shared plan (or one of its steps), or answer a comment."""

    serializer_class = CommentSerializer
    # Coaches reach a plan shared with them; its owner (``OwnerCommentCreateView``) reaches their own.
    plan_get = staticmethod(plan_get_for_coach)

    @extend_schema(request=CommentCreateSerializer, responses={201: CommentSerializer})
    def post(self, request, pk: int):
        plan = self.plan_get(user=request.user, plan_id=pk)
        data = CommentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        step = _one_of(plan.steps, given.get("step"), field="step", message="Choose a step of this plan.")
        parent = _one_of(plan.comments, given.get("parent"), field="parent", message="Answer a comment on this plan.")
        comment = comment_create(plan=plan, author=request.user, body=given["body"], step=step, parent=parent)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class SuggestionCreateView(CoachView):
    """Suggest a step, a new date for a step, or another route; the plan changes only if its owner accepts."""

    serializer_class = SuggestionSerializer

    @extend_schema(request=SuggestionCreateSerializer, responses={201: SuggestionSerializer})
    def post(self, request, pk: int):
        plan = plan_get_for_coach(user=request.user, plan_id=pk)
        data = SuggestionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        suggestion = suggestion_create(
            plan=plan,
            author=request.user,
            kind=given["kind"],
            message=given["message"],
            move=plan.route_roles.filter(pk=given["move"]).first() if given.get("move") else None,
            title=given["title"],
            step_kind=given["step_kind"],
            step=plan.steps.filter(pk=given["step"]).first() if given.get("step") else None,
            target_date=given.get("target_date"),
            route=given.get("route"),
        )
        return Response(SuggestionSerializer(suggestion).data, status=status.HTTP_201_CREATED)


def _one_of(related, object_id: int | None, *, field: str, message: str):
    """The plan's own step or comment with this id (None when not given), or a 400 at the field."""
    if object_id is None:
        return None
    found = related.filter(pk=object_id).first()
    if found is None:
        raise ValidationError({field: message})
    return found


# ---------------------------------------------------------------------------------------------
# Staff: the graph's history (read-only; graph edits stay in the pages and the file import)


class CanEditGraph(permissions.BasePermission):
    message = "Reading the graph's history needs a staff account that may edit the graph."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_active and user.is_staff and user.has_perm(EDIT_GRAPH_PERMISSION))


class HistoryQuerySerializer(serializers.Serializer):
    page = serializers.IntegerField(default=1, min_value=1, max_value=HISTORY_MAX_PAGE)


class GraphHistoryView(GenericAPIView):
    """Every change to the role graph, newest first, with what each changed."""

    permission_classes = [IsAuthenticated, CanEditGraph]
    pagination_class = None
    serializer_class = HistoryPageSerializer

    @extend_schema(parameters=[HistoryQuerySerializer], responses={200: HistoryPageSerializer})
    def get(self, request):
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(
            HistoryPageSerializer(history_entries(HistoryScope.everything(), page=query.validated_data["page"])).data
        )


# ---------------------------------------------------------------------------------------------
# The plan's owner answers: comments back, and accepts or declines a suggestion


class OwnerCommentCreateView(CommentCreateView):
    """Comment on your own plan (or one of its steps), or answer your coach's comment."""

    plan_get = staticmethod(plan_get_for_owner)


class SuggestionAnswerView(CoachView):
    """Accept a coach's suggestion (the plan changes as it says) or decline it."""

    accept = True
    serializer_class = SuggestionSerializer

    @extend_schema(request=None, responses={200: SuggestionSerializer})
    def post(self, request, pk: int, suggestion_pk: int):
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        suggestion = plan.suggestions.filter(pk=suggestion_pk).first()
        if suggestion is None:
            raise Http404("No such suggestion.")
        if self.accept:
            profile = profile_get_or_create_for_user(user=request.user)
            suggestion = suggestion_accept(suggestion=suggestion, by=request.user, profile=profile)
        else:
            suggestion = suggestion_decline(suggestion=suggestion, by=request.user)
        return Response(SuggestionSerializer(suggestion).data)
