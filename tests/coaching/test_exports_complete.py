"""
The person's data export holds every kind of row kept about them: a ratchet.

The first test walks the models and fails when a model that reaches a person (a foreign key to
the user, directly or through a plan, a profile, a coaching...) has no place in the export below:
a new model cannot be forgotten. The second fills one row of each and finds it in the export of
the person it belongs to.
"""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from api.tokens import token_create
from coaching import services
from coaching.models import Coaching
from planner.models import ProfileCertification, ProfileSkill
from roles.models import Certification, Skill

# Where each model's rows appear in the export: (whose export, path of keys to a non-empty value).
EXPORTED = {
    "planner.Profile": [("seeker", ["profile"])],
    "planner.ProfileSkill": [("seeker", ["profile", "skills"])],
    "planner.ProfileCertification": [("seeker", ["profile", "certifications"])],
    "planner.Plan": [("seeker", ["plans"])],
    "planner.PlanRole": [("seeker", ["plans", 0, "route"])],
    "planner.PlanStep": [("seeker", ["plans", 0, "steps"])],
    "coaching.Coach": [("coach", ["coach"])],
    "coaching.Coaching": [("seeker", ["coaching"]), ("coach", ["clients"])],
    "coaching.CoachInvitation": [("coach", ["coach", "invitation_codes"])],
    "coaching.ConsentEvent": [("seeker", ["coaching", 0, "record"]), ("coach", ["clients", 0, "record"])],
    "coaching.Comment": [("coach", ["comments"]), ("seeker", ["comments_received"])],
    "coaching.Suggestion": [("coach", ["suggestions", "given"]), ("seeker", ["suggestions", "received"])],
    "coaching.Review": [("coach", ["reviews", "given"]), ("seeker", ["reviews", "received"])],
    "coaching.CoachNote": [("coach", ["coach_notes"])],
    "coaching.Notification": [("seeker", ["notifications"]), ("coach", ["notifications"])],
    "api.PersonalAccessToken": [("seeker", ["access_tokens"])],
}

# Apps whose rows name a person but are not that person's data, each for a reason.
NOT_PERSONAL_APPS = {
    # The role graph's edit history names the staff member behind each edit: the organisation's
    # audit record of a shared graph. Deleting the person keeps the edit, unnamed (SET_NULL).
    "roles",
}


def _project_models():
    for config in apps.get_app_configs():
        # The project's own apps sit directly in the repository (a virtualenv inside it does not count).
        if Path(config.path).parent == Path(settings.BASE_DIR) and config.label not in NOT_PERSONAL_APPS:
            # Many-to-many tables are exported by the model that declares the field.
            yield from (model for model in config.get_models() if not model._meta.auto_created)


def _models_about_a_person() -> set[str]:
    """Models with a foreign key to the user, or to a model that has one, and so on."""
    reached = {get_user_model()}
    candidates = list(_project_models())
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in reached:
                continue
            targets = {
                field.related_model for field in model._meta.get_fields() if field.is_relation and field.concrete
            }
            if targets & reached:
                reached.add(model)
                changed = True
    return {model._meta.label for model in reached} - {get_user_model()._meta.label}


def test_every_model_about_a_person_has_a_place_in_the_export():
    about_a_person = _models_about_a_person()

    assert about_a_person, "the walk found no model at all"
    missing = about_a_person - set(EXPORTED)
    assert not missing, f"Add these to the data export (and to EXPORTED): {sorted(missing)}"
    assert set(EXPORTED) <= about_a_person, "EXPORTED names a model that no longer exists or holds no person"


def _dig(data, path):
    for key in path:
        data = data[key]
    return data


def test_one_row_of_each_kind_shows_in_its_persons_export(client, user, coach, coaching, plan, profile):
    skill = Skill.objects.order_by("pk").first()
    ProfileSkill.objects.create(profile=profile, skill=skill, level=2)
    ProfileCertification.objects.create(
        profile=profile, certification=Certification.objects.order_by("pk").first(), earned_on=datetime.date(2024, 1, 1)
    )
    step = plan.steps.first()
    services.skill_verify(coach=coach, client=user, skill=skill, level=4)
    services.comment_create(plan=plan, author=coach, body="Good start", step=step)
    services.suggestion_create(plan=plan, author=coach, kind="date", step=step, target_date=timezone.localdate())
    services.review_create(plan=plan, author=coach, verdict="good")
    services.coach_note_create(coach=coach, client=user, body="Keen")
    services.invitation_create(coach=coach)
    token_create(user=user, name="weekly report", scope="read")
    assert Coaching.objects.filter(pk=coaching.pk).exists()

    exports = {}
    for name, person in (("seeker", user), ("coach", coach)):
        client.force_login(person)
        exports[name] = json.loads(client.get(reverse("planner:data-export")).content)

    for label, places in EXPORTED.items():
        for whose, path in places:
            assert _dig(exports[whose], path), (label, whose, path)
    assert exports["seeker"]["profile"]["skills"][0]["verified_level"] == 4
    assert exports["seeker"]["profile"]["skills"][0]["verified_by"] == coach.username
    assert exports["coach"]["coach_notes"][0]["body"] == "Keen"
    assert exports["seeker"].get("coach_notes") == []  # a coach's private note is not the client's to read
    assert set(exports["seeker"]["access_tokens"][0]) == {
        "name",
        "scope",
        "created_at",
        "last_used_at",
        "revoked_at",
    }  # a coach's private note is not the client's to read
