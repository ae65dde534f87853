"""Serializers for a person's own data: profile, plans and steps."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.json_types import JsonSerializer
from coaching.models import Comment, Suggestion
from planner.models import Plan, PlanStep
from planner.services import CertificationHeld, profile_update
from roles import engine
from roles.models import MAX_YEARS, Certification, Education, Role, Skill

EDUCATION_CHOICES = [member.name.lower() for member in Education]


class RoleSlugField(serializers.SlugRelatedField):
    """A role's slug, or null for none; an empty string is a mistake, not a way to say none."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            raise serializers.ValidationError("Give a role's slug, or null if you have no customer service role yet.")
        return super().run_validation(data)


class ProfileSkillSerializer(JsonSerializer):
    skill = serializers.SlugRelatedField(slug_field="slug", queryset=Skill.objects.all())
    level = serializers.IntegerField(min_value=1, max_value=5)


class ProfileCertificationSerializer(JsonSerializer):
    certification = serializers.SlugRelatedField(slug_field="slug", queryset=Certification.objects.all())
    earned_on = serializers.DateField()
    expires_on = serializers.DateField(required=False, allow_null=True)


class ProfileSerializer(JsonSerializer):
    current_role = RoleSlugField(
        slug_field="slug",
        queryset=Role.objects.active(),
        allow_null=True,
        help_text="Slug of the role you hold now; null with no customer service experience yet.",
    )
    years_experience = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal(0), max_value=MAX_YEARS, coerce_to_string=False
    )
    years_leading = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal(0), max_value=MAX_YEARS, coerce_to_string=False
    )
    education = serializers.ChoiceField(choices=EDUCATION_CHOICES)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=60)
    skills = ProfileSkillSerializer(many=True)
    certifications = ProfileCertificationSerializer(many=True)

    def update(self, profile, validated_data):
        """Apply what was given through the profile page's service; what was not given stays as it is."""
        given = validated_data
        if "skills" in given:
            skill_levels = {item["skill"].pk: item["level"] for item in given["skills"]}
        else:
            skill_levels = {row.skill_id: row.level for row in profile.skills.all()}
        if "certifications" in given:
            held = [
                CertificationHeld(
                    certification=item["certification"], earned_on=item["earned_on"], expires_on=item.get("expires_on")
                )
                for item in given["certifications"]
            ]
        else:
            held = [
                CertificationHeld(certification=row.certification, earned_on=row.earned_on, expires_on=row.expires_on)
                for row in profile.certifications.select_related("certification")
            ]
        education = given.get("education")
        return profile_update(
            profile=profile,
            current_role=given.get("current_role", profile.current_role),
            years_experience=given.get("years_experience", profile.years_experience),
            years_leading=given.get("years_leading", profile.years_leading),
            education=int(Education[education.upper()]) if education else profile.education,
            hours_per_week=given.get("hours_per_week", profile.hours_per_week),
            skill_levels=skill_levels,
            certifications=held,
        )

    def to_representation(self, profile):
        return {
            "current_role": profile.current_role.slug if profile.current_role else None,
            "years_experience": float(profile.years_experience),
            "years_leading": float(profile.years_leading),
            "education": Education(profile.education).name.lower(),
            "hours_per_week": profile.hours_per_week,
            "skills": [
                {"skill": row.skill.slug, "level": row.level}
                for row in profile.skills.select_related("skill").order_by("skill__slug")
            ],
            "certifications": [
                {"certification": row.certification.slug, "earned_on": row.earned_on, "expires_on": row.expires_on}
                for row in profile.certifications.select_related("certification").order_by("certification__slug")
            ],
        }


class PlanSerializer(serializers.ModelSerializer):
    start_role = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    target_role = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    archived = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = (
            "id",
            "title",
            "start_role",
            "target_role",
            "ranking",
            "graph_revision",
            "created_at",
            "updated_at",
            "archived",
        )

    def get_archived(self, plan) -> bool:
        return plan.archived_at is not None


class PlanStepSerializer(serializers.ModelSerializer):
    role = serializers.SlugRelatedField(
        source="move.role", slug_field="slug", read_only=True, help_text="The role the step's move leads to."
    )

    class Meta:
        model = PlanStep
        fields = (
            "id",
            "role",
            "order",
            "kind",
            "title",
            "description",
            "months_min",
            "months_max",
            "met_at_creation",
            "status",
            "target_date",
            "note",
            "completed_at",
            "version",
        )
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    route = serializers.SerializerMethodField(help_text="The roles on the plan's route, in order.")
    steps = serializers.SerializerMethodField()

    class Meta(PlanSerializer.Meta):
        fields = (*PlanSerializer.Meta.fields, "route", "steps")

    def get_route(self, plan) -> list[str]:
        return [plan_role.role.slug for plan_role in plan.route_roles.all()]

    @extend_schema_field(PlanStepSerializer(many=True))
    def get_steps(self, plan):
        live = {plan_role.pk for plan_role in plan.route_roles.all()}
        return PlanStepSerializer([step for step in plan.steps.all() if step.move_id in live], many=True).data


class PlanCreateSerializer(JsonSerializer):
    """Either the route itself (as the new-plan page posts it) or a target, to take its best route for you."""

    route = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        min_length=2,
        help_text="Slugs of the roles on the route, from where you stand (as /api/v1/routes/ lists them).",
    )
    target = serializers.SlugField(required=False, help_text="Or: the role to reach; the best route for you is taken.")
    rank = serializers.IntegerField(
        required=False,
        default=1,
        min_value=1,
        max_value=engine.MAX_ROUTES,
        help_text="With target: which of the ranked routes.",
    )
    by = serializers.ChoiceField(choices=Plan.Ranking.choices, default=Plan.Ranking.TIME)
    title = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")

    def validate(self, attrs):
        if ("route" in attrs) == ("target" in attrs):
            raise serializers.ValidationError("Give either route (the roles of a route) or target (a role to reach).")
        return attrs


class PlanStepUpdateSerializer(JsonSerializer):
    """Documents the fields; they are checked by the same form as the plan page's, for the same messages."""

    status = serializers.ChoiceField(choices=PlanStep.Status.choices)
    target_date = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "The step's version as you last read it. Given, a save over a change made since (another tab, "
            "an accepted suggestion) is refused with 409 instead of overwriting it; read the step again."
        ),
    )


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    body = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ("id", "author", "step", "parent", "body", "created_at", "edited_at", "deleted_at")
        read_only_fields = fields

    def get_body(self, comment) -> str:
        return "" if comment.deleted_at else comment.body


class SuggestionSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    route = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = (
            "id",
            "author",
            "kind",
            "status",
            "message",
            "move",
            "title",
            "step_kind",
            "step",
            "target_date",
            "route",
            "created_at",
            "decided_at",
        )
        read_only_fields = fields

    def get_route(self, suggestion) -> list[str]:
        return [slug for slug in suggestion.route.split(",") if slug]


class SharedPlanSerializer(PlanDetailSerializer):
    """A plan as a coach (or its owner) sees it: with the comments and suggestions on it."""

    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    comments = serializers.SerializerMethodField()
    suggestions = SuggestionSerializer(many=True, read_only=True)

    class Meta(PlanDetailSerializer.Meta):
        fields = (*PlanDetailSerializer.Meta.fields, "owner", "comments", "suggestions")

    @extend_schema_field(CommentSerializer(many=True))
    def get_comments(self, plan):
        comments = list(plan.plan_comments) + [comment for step in plan.steps.all() for comment in step.comments.all()]
        comments.sort(key=lambda comment: (comment.created_at, comment.pk))
        return CommentSerializer(comments, many=True).data


class CommentCreateSerializer(JsonSerializer):
    body = serializers.CharField(help_text="What you want to say.")
    step = serializers.IntegerField(required=False, allow_null=True, min_value=1, help_text="Id of a step of the plan.")
    parent = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="Id of the comment this answers."
    )


class SuggestionCreateSerializer(JsonSerializer):
    kind = serializers.ChoiceField(choices=Suggestion.Kind.choices)
    message = serializers.CharField(required=False, allow_blank=True, default="")
    move = serializers.IntegerField(required=False, allow_null=True, min_value=1, help_text="add_step: the move's id.")
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    step_kind = serializers.CharField(required=False, allow_blank=True, default="")
    step = serializers.IntegerField(required=False, allow_null=True, min_value=1, help_text="change_date: the step.")
    target_date = serializers.DateField(required=False, allow_null=True)
    route = serializers.ListField(child=serializers.SlugField(), required=False, help_text="other_route: role slugs.")


class ClientPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="plan.id")
    title = serializers.CharField(source="plan.title")
    target_role = serializers.SlugField(source="plan.target_role.slug")
    step_count = serializers.IntegerField()
    closed_count = serializers.IntegerField()
    percent = serializers.IntegerField()
    overdue_count = serializers.IntegerField()


class ClientSerializer(serializers.Serializer):
    client = serializers.CharField(source="client.username")
    client_id = serializers.IntegerField(source="client.pk")
    coaching = serializers.IntegerField(source="coaching.pk")
    share_all = serializers.BooleanField(source="coaching.share_all")
    plans = ClientPlanSerializer(many=True, help_text="The plans the client shares with you now.")
    days_since_progress = serializers.IntegerField(allow_null=True)
    overdue_count = serializers.IntegerField()
    needs_attention = serializers.BooleanField()


class HistoryChangeSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField(allow_blank=True)
    new = serializers.CharField(allow_blank=True)


class HistoryEntrySerializer(serializers.Serializer):
    ref = serializers.CharField()
    kind_label = serializers.CharField()
    object_id = serializers.IntegerField()
    object_label = serializers.CharField()
    action = serializers.CharField(help_text="created, changed or deleted.")
    when = serializers.DateTimeField()
    user = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    changes = HistoryChangeSerializer(many=True)


class HistoryPageSerializer(serializers.Serializer):
    page = serializers.IntegerField()
    has_next = serializers.BooleanField()
    entries = HistoryEntrySerializer(many=True, help_text="Newest first.")
