"""Serializers for the public role graph: roles, their moves and the sources behind them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.routes import SalarySerializer
from roles import engine
from roles.models import Education


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SpreadSerializer(serializers.Serializer):
    low = serializers.FloatField(allow_null=True, help_text="Yearly, in US dollars.")
    high = serializers.FloatField(allow_null=True)
    open_ended = serializers.BooleanField()
    derived = serializers.BooleanField()

    def to_representation(self, spread):
        return {
            "low": float(spread.low),
            "high": float(spread.high),
            "open_ended": spread.open_ended,
            "derived": spread.derived,
        }


class RoleCardSerializer(serializers.Serializer):
    """A role in the list (a ``RoleCard``: the role and its salary spread)."""

    slug = serializers.SlugField(source="role.slug")
    title = serializers.CharField(source="role.title")
    track = serializers.CharField(source="role.track")
    level = serializers.IntegerField(source="role.level")
    job_zone = serializers.IntegerField(
        source="role.job_zone", allow_null=True, help_text="O*NET job zone, 1 to 5 (O*NET 29.0); null when unknown."
    )
    summary = serializers.CharField(source="role.summary", allow_blank=True)
    alternate_titles = serializers.SerializerMethodField()
    salary = SpreadSerializer(source="spread", allow_null=True)

    def get_alternate_titles(self, card) -> list[str]:
        return lines(card.role.alternate_titles)


class RoleSkillSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="role_skill.skill.slug")
    name = serializers.CharField(source="role_skill.skill.name")
    level = serializers.IntegerField(source="role_skill.level", help_text="1 to 5.")
    level_description = serializers.CharField()
    source = serializers.CharField(source="role_skill.source")


class RoleCertificationSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="certification.slug")
    name = serializers.CharField(source="certification.name")
    abbreviation = serializers.CharField(source="certification.abbreviation")
    issuer = serializers.CharField(source="certification.issuer")
    kind = serializers.CharField(help_text="required or recommended.")
    source = serializers.CharField()


class EducationSerializer(serializers.Serializer):
    minimum = serializers.CharField()
    preferred = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class ExperienceSerializer(serializers.Serializer):
    min_years = serializers.FloatField()
    min_leadership_years = serializers.FloatField()
    note = serializers.CharField(allow_blank=True)


class RoleDetailSerializer(serializers.Serializer):
    """A role's page as data: reads a ``RoleDetail``; the graph (``context["G"]``) gives the salary."""

    slug = serializers.SlugField(source="role.slug")
    title = serializers.CharField(source="role.title")
    track = serializers.CharField(source="role.track")
    level = serializers.IntegerField(source="role.level")
    archived = serializers.BooleanField(source="role.archived")
    summary = serializers.CharField(source="role.summary", allow_blank=True)
    duties = serializers.SerializerMethodField()
    alternate_titles = serializers.SerializerMethodField()
    onet_soc_code = serializers.CharField(source="role.onet_soc_code", allow_blank=True)
    job_zone = serializers.IntegerField(
        source="role.job_zone", allow_null=True, help_text="O*NET job zone, 1 to 5 (O*NET 29.0); null when unknown."
    )
    education = serializers.SerializerMethodField()
    experience = serializers.SerializerMethodField()
    skills = RoleSkillSerializer(many=True)
    certifications = serializers.SerializerMethodField()
    salary = serializers.SerializerMethodField(
        help_text="The spread and every fact behind it, each with its source document."
    )
    sources = serializers.SerializerMethodField(help_text="Documents the description comes from.")

    def get_duties(self, detail) -> list[str]:
        return lines(detail.role.duties)

    def get_alternate_titles(self, detail) -> list[str]:
        return lines(detail.role.alternate_titles)

    @extend_schema_field(EducationSerializer)
    def get_education(self, detail):
        role = detail.role
        preferred = role.preferred_education
        return {
            "minimum": Education(role.min_education).label,
            "preferred": Education(preferred).label if preferred is not None else None,
            "note": role.education_note,
        }

    @extend_schema_field(ExperienceSerializer)
    def get_experience(self, detail):
        role = detail.role
        return {
            "min_years": float(role.min_experience_years),
            "min_leadership_years": float(role.min_leadership_years),
            "note": role.experience_note,
        }

    @extend_schema_field(RoleCertificationSerializer(many=True))
    def get_certifications(self, detail):
        held = detail.required_certifications + detail.recommended_certifications
        return RoleCertificationSerializer(held, many=True).data

    @extend_schema_field(SalarySerializer)
    def get_salary(self, detail):
        return engine.salary_as_data(self.context["G"], detail.role.id)

    def get_sources(self, detail) -> list[str]:
        return lines(detail.role.sources)


class MoveStepSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    months_range = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    optional = serializers.BooleanField()
    skill = serializers.SlugField(allow_null=True)
    skill_level = serializers.IntegerField(allow_null=True)
    certification = serializers.SlugField(allow_null=True)
    source = serializers.CharField(allow_blank=True)


class MoveSerializer(serializers.Serializer):
    to = serializers.SlugField()
    kind = serializers.CharField(help_text="promotion, specialisation or lateral.")
    months_range = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    source = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    steps = MoveStepSerializer(many=True)

    def get_fields(self):
        return {"from": serializers.SlugField(), **super().get_fields()}


class RoleMovesSerializer(serializers.Serializer):
    role = serializers.SlugField()
    moves_out = MoveSerializer(many=True, help_text="Moves from this role.")
    moves_in = MoveSerializer(many=True, help_text="Moves into this role.")


class NeighbourSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    track = serializers.CharField()
    level = serializers.IntegerField()
    moves = serializers.IntegerField(help_text="The fewest moves it takes from the role.")


class NeighbourhoodSerializer(serializers.Serializer):
    role = serializers.SlugField()
    reachable = NeighbourSerializer(many=True, help_text="Nearest first.")


class SourceSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="A source document's file name, or another named source.")
    roles = serializers.ListField(child=serializers.SlugField(), help_text="Roles described from it.")
    salary_facts = serializers.IntegerField(help_text="Salary figures taken from it.")
    moves = serializers.IntegerField(help_text="Moves and steps that cite it.")
