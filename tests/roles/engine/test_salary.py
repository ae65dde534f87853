"""Salary spreads from salary facts: plain data, no database."""

from decimal import Decimal

import pytest

from roles.engine import SalaryFactData, SalarySpread, annualise, role_salary_spreads, salary_spread

A, B, C = "000_d4181f5a91f292d4.txt", "002_27a3e9e3a4f786cf.txt", "003_b58e9c4379277e58.txt"


def average(amount, source=A, **kwargs) -> SalaryFactData:
    return SalaryFactData(kind="average", amount=amount, source=source, **kwargs)


def salary_range(low, high, source=A, **kwargs) -> SalaryFactData:
    return SalaryFactData(kind="range", amount_min=low, amount_max=high, source=source, **kwargs)


def relative(amount, base: int, source=C) -> SalaryFactData:
    return SalaryFactData(kind="relative", amount=amount, relative_to=base, source=source)


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        (Decimal("46566"), "year", Decimal("46566")),
        (Decimal("4000"), "month", Decimal("48000")),
        (Decimal("17.50"), "hour", Decimal("36400")),
        (17.5, "hour", Decimal("36400")),
    ],
)
def test_annualise_puts_figures_on_a_yearly_scale(amount, period, expected):
    assert annualise(amount, period) == expected


def test_annualise_rejects_an_unknown_period():
    with pytest.raises(ValueError, match="Unknown salary period 'week'"):
        annualise(100, "week")


def test_spread_is_the_lowest_and_highest_of_every_absolute_figure():
    facts = [
        salary_range(Decimal("55000"), Decimal("65000"), scope="experience", scope_label="Entry-level"),
        salary_range(Decimal("75000"), Decimal("95000"), scope="experience", open_ended=True),
        average(Decimal("46566"), source=B),
        SalaryFactData(kind="common", amount=Decimal("67367.61"), source=B),
        SalaryFactData(kind="average", amount=Decimal("30"), period="hour", source=C, scope="state"),
    ]
    spread = salary_spread(facts)
    assert spread == SalarySpread(
        low=Decimal("46566"),
        high=Decimal("95000"),
        sources=(A, B, C),
        figures_count=7,
        open_ended=True,
    )
    assert spread.midpoint == Decimal("70783")


def test_a_role_without_figures_has_no_spread():
    assert salary_spread([]) is None
    assert salary_spread([relative(1000, base=1)]) is None
    assert role_salary_spreads({1: []}) == {1: None}


def test_a_relative_figure_moves_the_base_roles_central_figures():
    spreads = role_salary_spreads(
        {
            1: [
                salary_range(Decimal("20000"), Decimal("141000"), source=B),
                average(Decimal("46566"), source=B),
                average(Decimal("102030"), source=A),
                average(Decimal("97130"), source=A, scope="industry"),
            ],
            2: [relative(Decimal("21324"), base=1)],
            3: [relative(Decimal("-50000"), base=1)],
        }
    )
    # Only the national averages are central: the range and the industry figure stay out.
    assert spreads[2] == SalarySpread(
        low=Decimal("67890"), high=Decimal("123354"), sources=(A, B, C), derived=True, figures_count=2
    )
    # Never below zero.
    assert spreads[3].low == Decimal("0")
    assert spreads[3].high == Decimal("52030")


def test_a_base_without_central_figures_lends_every_figure():
    spreads = role_salary_spreads(
        {1: [salary_range(Decimal("20000"), Decimal("141000"), source=B)], 2: [relative(Decimal("21324"), base=1)]}
    )
    assert (spreads[2].low, spreads[2].high, spreads[2].derived) == (Decimal("41324"), Decimal("162324"), True)


def test_own_and_relative_figures_make_one_spread():
    spreads = role_salary_spreads({1: [average(50000)], 2: [average(60000, source=B), relative(-1000, base=1)]})
    assert spreads[2] == SalarySpread(
        low=Decimal(49000), high=Decimal(60000), sources=(A, B, C), derived=True, figures_count=2
    )


def test_open_ended_only_when_the_top_figure_is():
    spread = salary_spread([salary_range(75000, 95000, open_ended=True), salary_range(20000, 141000, source=B)])
    assert (spread.high, spread.open_ended) == (141000, False)


def test_several_relative_figures_widen_the_spread():
    spreads = role_salary_spreads(
        {1: [average(50000)], 2: [average(80000, source=B)], 3: [relative(5000, base=1), relative(-10000, base=2)]}
    )
    assert (spreads[3].low, spreads[3].high, spreads[3].figures_count) == (55000, 70000, 2)
    assert spreads[3].sources == (A, B, C)


def test_chains_are_followed_and_cycles_give_nothing():
    spreads = role_salary_spreads(
        {
            1: [average(50000)],
            2: [relative(1000, base=1)],
            3: [relative(1000, base=2)],
            4: [relative(1000, base=5)],
            5: [relative(1000, base=4)],
            6: [relative(1000, base=99)],
        }
    )
    assert (spreads[3].low, spreads[3].derived) == (52000, True)
    assert spreads[4] is None and spreads[5] is None
    assert spreads[6] is None
