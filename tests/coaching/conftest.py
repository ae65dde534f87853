import pytest

from coaching import services
from tests.factories import UserFactory


@pytest.fixture
def coach(db, staff_user):
    """An approved coach."""
    person = UserFactory(username="coach-carol")
    services.coach_make(user=person, by=staff_user)
    return person


@pytest.fixture
def coaching(user, coach, plan):
    """The user's active coaching by ``coach``, sharing all plans."""
    coaching = services.coaching_invite_coach(client=user, email=coach.email)
    coaching = services.coaching_accept(coaching=coaching, by=coach)
    return services.coaching_share(coaching=coaching, by=user, share_all=True, plans=[])
