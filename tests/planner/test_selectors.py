from planner.models import Profile
from planner.selectors import person_from_profile, plan_detail_queryset, plan_page, plan_view


def test_a_person_from_a_prefetched_profile_reads_nothing_more(profile, django_assert_num_queries):
    prefetched = Profile.objects.prefetch_related("skills", "certifications").get(pk=profile.pk)

    with django_assert_num_queries(0):
        person = person_from_profile(prefetched)

    assert person.current_role_id == profile.current_role_id


def test_beyond_shows_the_nearest_best_paid_few_and_counts_the_rest(plan, profile, monkeypatch):
    full = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)
    total = len(full.beyond) + full.beyond_more
    assert total >= 3, "the bundled customer service manager leads on to several roles"
    monkeypatch.setattr(plan_page, "BEYOND_SHOWN", 2)

    view = plan_view(plan=plan_detail_queryset().get(pk=plan.pk), profile=profile)

    assert len(view.beyond) == 2 and view.beyond_more == total - 2
    first, second = view.beyond
    assert (first.moves, first.salary is None) <= (second.moves, second.salary is None)
