"""Model rules the admin runs (``full_clean``), shared with the graph file's loader."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roles.models import SalaryFact
from tests.factories import RoleFactory, SalaryFactFactory

pytestmark = pytest.mark.django_db


def _errors(**values) -> dict[str, list[str]]:
    role = RoleFactory()
    fact = SalaryFactFactory.build(role=role, **values)
    with pytest.raises(ValidationError) as raised:
        fact.full_clean()
    return raised.value.message_dict


def test_a_valid_salary_figure_passes():
    SalaryFactFactory.build(role=RoleFactory()).full_clean()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"kind": "range", "amount": None}, "amount_min", "A range needs a lowest figure."),
        (
            {"kind": "range", "amount_min": Decimal(9), "amount_max": Decimal(5)},
            "amount_max",
            "The highest figure is below the lowest.",
        ),
        ({"kind": "average", "amount": Decimal(0)}, "amount", "Give the figure, above zero."),
        ({"kind": "relative", "amount": None}, "amount", "Give the difference (negative when lower)."),
        ({"kind": "relative"}, "relative_to", "Say which role the figure is relative to."),
        ({"source": "  "}, "source", "Every salary figure names its source."),
    ],
)
def test_salary_figure_rules(values, field, message):
    assert message in _errors(**values)[field]


def test_a_salary_figure_cannot_be_relative_to_its_own_role():
    role = RoleFactory()
    fact = SalaryFactFactory.build(role=role, kind=SalaryFact.Kind.RELATIVE, relative_to=role)
    with pytest.raises(ValidationError) as raised:
        fact.full_clean()
    assert raised.value.message_dict["relative_to"] == ["A role's salary cannot be relative to itself."]
