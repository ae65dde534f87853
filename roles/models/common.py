"""The role graph's shared vocabulary: limits, tracks, education levels, where a row comes from."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

SKILL_LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
MAX_STEP_MONTHS = 240
MAX_YEARS = 50


class Track(models.TextChoices):
    FRONTLINE = "frontline", "Frontline"
    LEADERSHIP = "leadership", "Leadership"
    MANAGEMENT = "management", "Management"
    OPERATIONS = "operations", "Operations"
    CUSTOMER_EXPERIENCE = "customer_experience", "Customer experience"
    CONSULTING = "consulting", "Consulting"
    SUCCESS = "success", "Customer success"
    SALES = "sales", "Sales and accounts"
    OTHER = "other", "Other"


class Education(models.IntegerChoices):
    """Education levels, ordered so that a higher value meets a lower requirement."""

    NONE = 0, "No formal education"
    HIGH_SCHOOL = 1, "High school diploma or GED"
    ASSOCIATE = 2, "Associate degree or some college"
    BACHELOR = 3, "Bachelor's degree"
    MASTER = 4, "Master's degree"
    DOCTORATE = 5, "Doctoral degree"


# How people type an education level: the command's --education and the API's ?education=.
EDUCATION_BY_NAME = {member.name.lower(): int(member) for member in Education}


class Origin(models.TextChoices):
    """Where a role or a move in the graph comes from (docs/role-graph-format.md, the joined graph)."""

    DOCUMENTS = "documents", "From the documents"
    ONET = "onet", "O*NET relatedness"
    JOIN = "join", "Inferred by the join"


def text_lines(text: str) -> list[str]:
    """Split a text field kept one item a line into its non-blank, stripped lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]
