"""The API's index and a person's own data: profile, plans, steps and the data export."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from api.errors import StepChanged
from api.serializers import (
    PlanCreateSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    PlanStepSerializer,
    PlanStepUpdateSerializer,
    ProfileSerializer,
    SharedPlanSerializer,
)
from planner.access import plan_get_for_owner, profile_get_or_create_for_user
from planner.exports import person_data
from planner.forms import PlanStepForm
from planner.selectors import plan_detail_queryset, plan_list_for_owner
from planner.services import (
    StepConflict,
    plan_create,
    plan_move_to_bin,
    plan_set_archived,
    routes_for_person,
)
from roles import engine
from roles.models import Role as RoleModel


class IndexView(GenericAPIView):
    """Where everything is: the OpenAPI document, its documentation and the collections."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="index",
        responses=inline_serializer(
            "Index", {"name": serializers.CharField(), "links": serializers.DictField(child=serializers.URLField())}
        ),
    )
    def get(self, request):
        names = ("schema", "docs", "role-list", "source-list", "routes", "profile", "plan-list", "data-export")
        return Response(
            {
                "name": "CareerPath API v1",
                "links": {name: request.build_absolute_uri(reverse(f"api:{name}")) for name in names},
            }
        )


class PersonView(GenericAPIView):
    permission_classes = [IsAuthenticated, *GenericAPIView.permission_classes]
    pagination_class = None


# ---------------------------------------------------------------------------------------------
# Profile


class ProfileView(PersonView):
    """Where you stand today: the facts your routes and plans are worked out from."""

    serializer_class = ProfileSerializer

    def get(self, request):
        return Response(ProfileSerializer(profile_get_or_create_for_user(user=request.user)).data)

    @extend_schema(request=ProfileSerializer(partial=True), responses={200: ProfileSerializer})
    def patch(self, request):
        """Change some of your facts; lists (skills, certifications) given replace the ones held."""
        serializer = ProfileSerializer(
            profile_get_or_create_for_user(user=request.user), data=request.data, partial=True
        )
        serializer.is_valid(raise_exception=True)
        return Response(ProfileSerializer(serializer.save()).data)


# ---------------------------------------------------------------------------------------------
# Plans


class PlanListQuerySerializer(serializers.Serializer):
    archived = serializers.BooleanField(default=False, help_text="List the archived plans instead of the active ones.")


class PlanListView(PersonView):
    """Your plans, newest first; make one from a route."""

    serializer_class = PlanSerializer
    pagination_class = GenericAPIView.pagination_class

    @extend_schema(
        operation_id="plans_list", parameters=[PlanListQuerySerializer], responses={200: PlanSerializer(many=True)}
    )
    def get(self, request):
        query = PlanListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        plans = plan_list_for_owner(user=request.user, archived=query.validated_data["archived"])
        page = self.paginate_queryset(plans.order_by("-created_at", "-id"))
        return self.get_paginated_response(PlanSerializer(page, many=True).data)

    @extend_schema(
        request=PlanCreateSerializer,
        responses={201: PlanDetailSerializer},
        examples=[
            OpenApiExample(
                "The best route to a target", value={"target": "customer-service-manager"}, request_only=True
            ),
            OpenApiExample(
                "A route from /api/v1/routes/",
                value={
                    "route": [
                        "customer-service-representative",
                        "lead-customer-service-representative",
                        "customer-service-supervisor",
                        "customer-service-manager",
                    ],
                    "by": "time",
                    "title": "Manager by 2028",
                },
                request_only=True,
            ),
        ],
    )
    def post(self, request):
        """Make a plan, like the new-plan page: from a route you picked, or the best route to a target."""
        data = PlanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        profile = profile_get_or_create_for_user(user=request.user)
        route = given.get("route")
        if route is None:
            route = _ranked_route(profile=profile, target_slug=given["target"], by=given["by"], rank=given["rank"])
        plan = plan_create(owner=request.user, profile=profile, route_slugs=route, by=given["by"], title=given["title"])
        plan = plan_get_for_owner(user=request.user, plan_id=plan.pk, queryset=plan_detail_queryset())
        return Response(PlanDetailSerializer(plan).data, status=status.HTTP_201_CREATED)


def _ranked_route(*, profile, target_slug: str, by: str, rank: int) -> list[str]:
    """The slugs of the rank-th route to the target for this person, as the new-plan page ranks them."""
    target = RoleModel.objects.active().filter(slug=target_slug).first()
    if target is None:
        raise ValidationError({"target": f"There is no role “{target_slug}”."})
    try:
        G, _, routes = routes_for_person(profile=profile, target=target, by=by, k=rank)
    except engine.RouteError as error:
        raise ValidationError({"target": str(error)}) from None
    if len(routes) < rank:
        raise ValidationError({"rank": f"There are only {len(routes)} routes to “{target.title}” for you."})
    return [G.nodes[role_id]["slug"] for role_id in routes[rank - 1].role_ids]


class PlanDetailView(PersonView):
    """One of your plans with its route, steps, comments and suggestions; another person's is not found."""

    serializer_class = SharedPlanSerializer

    def get(self, request, pk: int):
        plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        return Response(SharedPlanSerializer(plan).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        plan_move_to_bin(plan=plan_get_for_owner(user=request.user, plan_id=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanArchiveView(PersonView):
    """Archive a plan (it leaves your list of active plans) or restore it."""

    archive = True
    serializer_class = PlanDetailSerializer

    @extend_schema(request=None, responses={200: PlanDetailSerializer})
    def post(self, request, pk: int):
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        if self.archive:
            plan_set_archived(plan=plan, archived=True)
        else:
            plan_set_archived(plan=plan, archived=False)
        plan = plan_get_for_owner(user=request.user, plan_id=pk, queryset=plan_detail_queryset())
        return Response(SharedPlanSerializer(plan).data)


class PlanStepView(PersonView):
    """A step of one of your plans: its status, target date and note."""

    serializer_class = PlanStepSerializer

    def _step(self, request, pk: int, step_pk: int):
        plan = plan_get_for_owner(user=request.user, plan_id=pk)
        step = plan.steps.select_related("move__role").filter(pk=step_pk).first()
        if step is None:
            raise Http404("No such step.")
        return step

    def get(self, request, pk: int, step_pk: int):
        return Response(PlanStepSerializer(self._step(request, pk, step_pk)).data)

    @extend_schema(
        request=PlanStepUpdateSerializer,
        responses={200: PlanStepSerializer},
        examples=[
            OpenApiExample(
                "Done, with a note",
                value={"status": "done", "note": "Finished the course in March."},
                request_only=True,
            )
        ],
    )
    def patch(self, request, pk: int, step_pk: int):
        """Change what is given; the rest stays. The checks and messages are the plan page's."""
        step = self._step(request, pk, step_pk)
        PlanStepUpdateSerializer(data=request.data, partial=True).is_valid(raise_exception=True)
        data = {"status": step.status, "target_date": step.target_date, "note": step.note}
        data.update({name: request.data[name] for name in data if name in request.data})
        # The form writes the cleaned values onto its instance; give it a copy, so the service still
        # sees the step as it was (it records when a step is closed by comparing with the old status).
        data["version"] = request.data.get("version", "")
        form = PlanStepForm(
            data={name: "" if value is None else value for name, value in data.items()}, instance=copy.copy(step)
        )
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        try:
            step = form.save_step(step)
        except StepConflict as conflict:
            raise StepChanged(conflict.step) from None
        return Response(PlanStepSerializer(step).data)


class DataExportView(PersonView):
    """Everything CareerPath holds about you (the same file as the profile page's download)."""

    @extend_schema(
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="Your account, profile and plans.")}
    )
    def get(self, request):
        return Response(person_data(user=request.user))


class NotFoundView(GenericAPIView):
    """Any other address under /api/v1/: a 404 problem, like every other error here (not an HTML page)."""

    permission_classes = [AllowAny]
    schema = None

    @property
    def default_response_headers(self):
        # No Allow header: nothing is allowed at an address that does not exist.
        return {key: value for key, value in super().default_response_headers.items() if key != "Allow"}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise Http404("There is nothing at this address. The API's index is /api/v1/.")
