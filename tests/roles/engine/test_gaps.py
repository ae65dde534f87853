"""What a person lacks for a role and along a route: plain data, no database."""

from decimal import Decimal

import pytest

from roles.engine import (
    CertificationInfo,
    Move,
    Person,
    RoleNode,
    SkillInfo,
    StepData,
    UnknownRole,
    build_graph,
    evaluate_route,
    role_gaps,
    route_gaps,
)
from roles.models import Education

COMMUNICATION, LEADERSHIP, CRM = 1, 2, 3
CCSM, CSIA = 10, 11


@pytest.fixture
def G():
    """Representative → supervisor → manager; the manager asks for a lot."""
    roles = [
        RoleNode(id=1, slug="representative", title="Representative", track="frontline"),
        RoleNode(
            id=2,
            slug="supervisor",
            title="Supervisor",
            track="leadership",
            skills={COMMUNICATION: 3, LEADERSHIP: 3},
            min_experience_years=2,
        ),
        RoleNode(
            id=3,
            slug="manager",
            title="Manager",
            track="management",
            skills={COMMUNICATION: 4, LEADERSHIP: 4, CRM: 3},
            certifications={CCSM: "recommended", CSIA: "required"},
            min_education=Education.HIGH_SCHOOL,
            preferred_education=Education.BACHELOR,
            min_experience_years=5,
            min_leadership_years=2,
        ),
    ]

    def steps(transition_id, *specs):
        return tuple(
            StepData(
                id=transition_id * 10 + order, transition_id=transition_id, order=order, title=f"step {order}", **spec
            )
            for order, spec in enumerate(specs, start=1)
        )

    moves = [
        Move(
            transition_id=1,
            source_id=1,
            target_id=2,
            steps=steps(
                1,
                {
                    "kind": "experience",
                    "months_min": 12,
                    "months_max": 24,
                    "years": 2,
                    "experience_kind": "customer_service",
                },
                {"kind": "skill", "months_min": 1, "months_max": 3, "skill_id": LEADERSHIP, "skill_level": 3},
            ),
        ),
        Move(
            transition_id=2,
            source_id=2,
            target_id=3,
            steps=steps(
                2,
                {"kind": "experience", "months_min": 24, "months_max": 24, "years": 2, "experience_kind": "leadership"},
                {"kind": "certification", "months_min": 1, "months_max": 6, "certification_id": CSIA},
                {
                    "kind": "skill",
                    "months_min": 1,
                    "months_max": 6,
                    "skill_id": CRM,
                    "skill_level": 3,
                    "optional": True,
                },
            ),
        ),
    ]
    return build_graph(
        roles,
        moves,
        skills=[
            SkillInfo(id=COMMUNICATION, slug="communication", name="Communication"),
            SkillInfo(id=LEADERSHIP, slug="leadership", name="Leadership"),
            SkillInfo(id=CRM, slug="crm", name="CRM software"),
        ],
        certifications=[
            CertificationInfo(id=CCSM, slug="ccsm", name="Certified Customer Service Manager", abbreviation="CCSM"),
            CertificationInfo(id=CSIA, slug="csia", name="Customer Service Institute of America", abbreviation="CSIA"),
        ],
    )


def test_role_gaps_lists_what_is_missing_with_names(G):
    person = Person(
        years_experience=Decimal("3.5"),
        years_leading=1,
        education=Education.HIGH_SCHOOL,
        skills={COMMUNICATION: 4, LEADERSHIP: 2},
        certification_ids=frozenset({CCSM}),
    )
    gaps = role_gaps(G, person, 3)
    assert [(gap.name, gap.required, gap.current) for gap in gaps.skills] == [
        ("CRM software", 3, 0),
        ("Leadership", 4, 2),
    ]
    assert [gap.name for gap in gaps.certifications_required] == ["Customer Service Institute of America"]
    assert gaps.certifications_recommended == ()
    assert not gaps.education_short and gaps.below_preferred_education
    assert (gaps.experience.required, gaps.experience.current, gaps.experience.short) == (5.0, 3.5, 1.5)
    assert gaps.leadership.short == 1.0
    assert not gaps.ready


def test_role_gaps_is_ready_when_only_recommended_things_are_missing(G):
    person = Person(
        years_experience=6,
        years_leading=2,
        education=Education.HIGH_SCHOOL,
        skills={COMMUNICATION: 5, LEADERSHIP: 4, CRM: 3},
        certification_ids=frozenset({CSIA}),
    )
    gaps = role_gaps(G, person, 3)
    assert gaps.ready
    assert [gap.name for gap in gaps.certifications_recommended] == ["Certified Customer Service Manager"]
    assert gaps.experience.short == 0


def test_role_gaps_notes_education_below_the_minimum(G):
    gaps = role_gaps(G, Person(education=Education.NONE), 3)
    assert gaps.education_short
    assert (gaps.education_required, gaps.education_preferred) == (Education.HIGH_SCHOOL, Education.BACHELOR)


def test_role_gaps_for_an_unknown_role(G):
    with pytest.raises(UnknownRole):
        role_gaps(G, Person(), 42)


def test_route_gaps_count_what_the_route_gives_on_the_way(G):
    person = Person(years_experience=1, skills={COMMUNICATION: 3})
    route = evaluate_route(G, [1, 2, 3], person=person)
    at_supervisor, at_manager = route_gaps(G, person, route)

    # The first move gives a year of experience (1 of 2 years left, 12 months) and leadership 3.
    assert at_supervisor.role_id == 2
    assert at_supervisor.experience.current == pytest.approx(2.0, abs=0.2)
    assert at_supervisor.skills == ()
    assert at_supervisor.ready
    assert at_supervisor.months_from_start == 14  # typical: half of 13 + 15

    # Two years as a supervisor count as leading people; the CSIA step gives the certification,
    # but the optional CRM step is not counted as taken.
    assert at_manager.leadership.short == 0
    assert at_manager.certifications_required == ()
    assert [gap.name for gap in at_manager.skills] == ["CRM software", "Communication", "Leadership"]
    assert at_manager.experience.short > 0
    assert at_manager.months_from_start == route.months
