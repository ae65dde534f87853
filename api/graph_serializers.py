"""Serializers for the public role graph: roles, their moves and the sources behind them."""

from rest_framework import serializers

from api.routes import SalarySerializer


def _lines(text: str) -> list[str]:
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
    summary = serializers.CharField(source="role.summary", allow_blank=True)
    alternate_titles = serializers.SerializerMethodField()
    salary = SpreadSerializer(source="spread", allow_null=True)

    def get_alternate_titles(self, card) -> list[str]:
        return _lines(card.role.alternate_titles)


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
    slug = serializers.SlugField()
    title = serializers.CharField()
    track = serializers.CharField()
    level = serializers.IntegerField()
    archived = serializers.BooleanField()
    summary = serializers.CharField(allow_blank=True)
    duties = serializers.ListField(child=serializers.CharField())
    alternate_titles = serializers.ListField(child=serializers.CharField())
    onet_soc_code = serializers.CharField(allow_blank=True)
    education = EducationSerializer()
    experience = ExperienceSerializer()
    skills = RoleSkillSerializer(many=True)
    certifications = RoleCertificationSerializer(many=True)
    salary = SalarySerializer(help_text="The spread and every fact behind it, each with its source document.")
    sources = serializers.ListField(child=serializers.CharField(), help_text="Documents the description comes from.")


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
