"""The role graph's shared vocabulary: limits, tracks, education levels, where a row comes from."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SKILL_LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
MAX_STEP_MONTHS = 240
MAX_YEARS = 50


class Track(models.TextChoices):
    FRONTLINE = "frontline", _("Frontline")
    LEADERSHIP = "leadership", _("Leadership")
    MANAGEMENT = "management", _("Management")
    OPERATIONS = "operations", _("Operations")
    CUSTOMER_EXPERIENCE = "customer_experience", _("Customer experience")
    CONSULTING = "consulting", _("Consulting")
    SUCCESS = "success", _("Customer success")
    SALES = "sales", _("Sales and accounts")
    OTHER = "other", _("Other")


class Education(models.IntegerChoices):
    """Education levels, ordered so that a higher value meets a lower requirement."""

    NONE = 0, _("No formal education")
    HIGH_SCHOOL = 1, _("High school diploma or GED")
    ASSOCIATE = 2, _("Associate degree or some college")
    BACHELOR = 3, _("Bachelor's degree")
    MASTER = 4, _("Master's degree")
    DOCTORATE = 5, _("Doctoral degree")


class JobZone(models.IntegerChoices):
    """O*NET's job zones: how much preparation an occupation needs (Job Zone Reference, O*NET 29.0)."""

    ONE = 1, _("1: little or no preparation needed")
    TWO = 2, _("2: some preparation needed")
    THREE = 3, _("3: medium preparation needed")
    FOUR = 4, _("4: considerable preparation needed")
    FIVE = 5, _("5: extensive preparation needed")


# How people type an education level: the command's --education and the API's ?education=.
EDUCATION_BY_NAME = {member.name.lower(): int(member) for member in Education}


class Origin(models.TextChoices):
    """Where a role or a move in the graph comes from (docs/role-graph-format.md, the joined graph)."""

    DOCUMENTS = "documents", _("From the documents")
    ONET = "onet", _("O*NET relatedness")
    JOIN = "join", _("Inferred by the join")


def text_lines(text: str) -> list[str]:
    """Split a text field kept one item a line into its non-blank, stripped lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]
