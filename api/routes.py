"""
The answer to "which routes lead from one role to another?", as data.

``roles.engine.routes_answer`` is the one shape of that answer: ``GET /api/v1/routes/`` and
``manage.py routes --json`` both return it, so the two can never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rest_framework import serializers

from roles import engine
from roles.engine import Person
from roles.models import EDUCATION_BY_NAME, MAX_YEARS

# ---------------------------------------------------------------------------------------------
# The answer's shape, for the OpenAPI document (the data itself comes from ``routes_answer``)


class SalaryFactSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="average, common, range or relative.")
    amount = serializers.FloatField(allow_null=True)
    amount_min = serializers.FloatField(allow_null=True)
    amount_max = serializers.FloatField(allow_null=True)
    open_ended = serializers.BooleanField()
    relative_to = serializers.CharField(allow_null=True, help_text="Slug of the role a relative figure is over.")
    period = serializers.CharField()
    scope = serializers.CharField()
    scope_label = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True, help_text="The document the figure comes from.")
    note = serializers.CharField(allow_blank=True)


class SalarySerializer(serializers.Serializer):
    role = serializers.SlugField()
    low = serializers.FloatField(allow_null=True, help_text="Yearly, in US dollars.")
    high = serializers.FloatField(allow_null=True)
    open_ended = serializers.BooleanField()
    derived = serializers.BooleanField(help_text="Worked out from a figure relative to another role.")
    sources = serializers.ListField(child=serializers.CharField())
    facts = SalaryFactSerializer(many=True)


class RouteStepSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    months_range = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    full_months_range = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    skipped = serializers.BooleanField(help_text="The person already meets it.")
    partly_met = serializers.BooleanField()
    optional = serializers.BooleanField()
    skill = serializers.SlugField(allow_null=True)
    skill_level = serializers.IntegerField(allow_null=True)
    certification = serializers.SlugField(allow_null=True)
    education = serializers.IntegerField(allow_null=True)
    experience_kind = serializers.CharField(allow_null=True, allow_blank=True)
    years = serializers.FloatField(allow_null=True)
    source = serializers.CharField(allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        return {"from": serializers.SlugField(), "to": serializers.SlugField(), **fields}


class RouteSerializer(serializers.Serializer):
    roles = serializers.ListField(child=serializers.SlugField(), help_text="The roles on the route, in order.")
    months = serializers.IntegerField(help_text="Typical months for this person.")
    months_range = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    full_months_range = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    moves = serializers.IntegerField()
    salary_score = serializers.IntegerField(allow_null=True)
    steps = RouteStepSerializer(many=True)
    salary = SalarySerializer(many=True, help_text="The salary at each role on the route, with its sources.")


class RoutesAnswerSerializer(serializers.Serializer):
    to = serializers.SlugField()
    by = serializers.ChoiceField(choices=engine.RANKINGS)
    k = serializers.IntegerField()
    personalised = serializers.BooleanField(help_text="Whether the times are for the person described.")
    routes = RouteSerializer(many=True, help_text="Best first.")

    def get_fields(self):
        fields = super().get_fields()
        return {"from": serializers.SlugField(), **fields}


# ---------------------------------------------------------------------------------------------
# The question, from query parameters (the same options as ``manage.py routes``)


def _years_field(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal(0), max_value=MAX_YEARS, required=False, help_text=help_text
    )


ROUTE_COUNT_MESSAGE = f"Give a whole number from 1 to {engine.MAX_ROUTES}."


class RoutesQuerySerializer(serializers.Serializer):
    to = serializers.SlugField(help_text="Slug of the role to reach.")
    by = serializers.ChoiceField(
        choices=engine.RANKINGS,
        default=engine.TIME,
        error_messages={"invalid_choice": "Choose time, moves or salary."},
    )
    k = serializers.IntegerField(
        default=3,
        min_value=1,
        max_value=engine.MAX_ROUTES,
        help_text=f"How many routes, 1 to {engine.MAX_ROUTES}.",
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), ROUTE_COUNT_MESSAGE),
    )
    years = _years_field("Years of customer service experience.")
    years_leading = _years_field("Years leading people.")
    education = serializers.ChoiceField(choices=list(EDUCATION_BY_NAME), required=False)
    skill = serializers.ListField(
        child=serializers.RegexField(
            r"^[-a-z0-9_]+[:=][1-5]$",
            error_messages={"invalid": "Give a skill as slug:level with a level from 1 to 5, as in coaching:3."},
        ),
        required=False,
        help_text="A skill held, as slug:level (level 1 to 5). Repeat for more.",
    )
    certification = serializers.ListField(
        child=serializers.SlugField(), required=False, help_text="Slug of a certification held. Repeat for more."
    )

    def get_fields(self):
        fields = super().get_fields()
        return {"from": serializers.SlugField(help_text="Slug of the role to start from."), **fields}

    def validate_skill(self, items: list[str]) -> dict[int, int]:
        skill_ids = {info.slug: skill_id for skill_id, info in self.context["G"].graph["skills"].items()}
        skills = {}
        for item in items:
            slug, level = item.replace("=", ":").split(":")
            if slug not in skill_ids:
                raise serializers.ValidationError(f"There is no skill “{slug}”.")
            skills[skill_ids[slug]] = int(level)
        return skills

    def validate_certification(self, slugs: list[str]) -> frozenset[int]:
        ids = {info.slug: cert_id for cert_id, info in self.context["G"].graph["certifications"].items()}
        unknown = [slug for slug in slugs if slug not in ids]
        if unknown:
            raise serializers.ValidationError(f"There is no certification “{unknown[0]}”.")
        return frozenset(ids[slug] for slug in slugs)


@dataclass(frozen=True)
class RoutesQuestion:
    source: str
    target: str
    by: str
    k: int
    person_fields: dict

    def person(self, *, current_role_id: int) -> Person | None:
        """The person the parameters describe (None when they describe nobody), as the command reads them."""
        given = self.person_fields
        if not given:
            return None
        return Person(
            current_role_id=current_role_id,
            years_experience=given.get("years", Decimal(0)),
            years_leading=given.get("years_leading", Decimal(0)),
            education=EDUCATION_BY_NAME[given.get("education", "none")],
            skills=given.get("skill", {}),
            certification_ids=given.get("certification", frozenset()),
        )


def routes_question(data: dict) -> RoutesQuestion:
    person_fields = {
        name: data[name]
        for name in ("years", "years_leading", "education", "skill", "certification")
        if name in data and data[name] not in ([], {}, frozenset())
    }
    return RoutesQuestion(
        source=data["from"], target=data["to"], by=data["by"], k=data["k"], person_fields=person_fields
    )
