from planner.models import Profile
from planner.selectors import person_from_profile


def test_a_person_from_a_prefetched_profile_reads_nothing_more(profile, django_assert_num_queries):
    prefetched = Profile.objects.prefetch_related("skills", "certifications").get(pk=profile.pk)

    with django_assert_num_queries(0):
        person = person_from_profile(prefetched)

    assert person.current_role_id == profile.current_role_id
