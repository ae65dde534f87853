# ruff: noqa: F811 (the tests take the imported `world` fixture as an argument)
"""
Every form in the app, posted with generated input, answers without a server error.

The URLs are walked from the URL patterns (every view with a ``post`` method), each posted by the
person it is for: the plan's owner (a seeker with a coach), the coach, staff, or a visitor for
the account pages. The field names come from the rendered forms of the pages that show them,
plus the names the access matrix posts. Hypothesis then fills them with odd unicode, NUL bytes,
huge numbers, long strings, empty values and wrong types (a list for one value, a date for a
number, another object's id). Each example runs in a savepoint rolled back after it, so every
example meets the same world and a destructive form does not end the run.
"""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.services import plan_create, plan_move_to_bin
from roles.models import Role, Transition, TransitionStep
from roles.selectors import graph_cache_clear
from tests.coaching.test_access import (
    ALL_GROUPS,
    coach_client_urls,
    coach_own_urls,
    coach_request_urls,
    world,  # noqa: F401 (a fixture)
)
from tests.planner.conftest import ROUTE

# Who posts each URL (by namespace or name); a URL named nowhere here is posted by the plan's owner.
COACH_GROUPS = {coach_client_urls, coach_own_urls, coach_request_urls}
VISITOR_URLS = {"signup", "signup-confirm", "login", "password_reset", "password_reset_confirm"}


def _post_urls():
    """Every named URL whose view takes a POST, as (name, pattern)."""

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                # Django's own admin forms; the JSON API takes JSON, not forms (tested in tests/api/).
                if pattern.namespace in ("admin", "api"):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and hasattr(view, "post"):
                    yield f"{namespace}{pattern.name}"

    return sorted(set(walk(get_resolver())))


def _args_for(name, world=None):
    """Arguments for URLs the access matrix does not post: the graph editor's first role, move and step."""
    if name in ("roles:editor-role", "roles:editor-role-archive", "roles:editor-role-restore"):
        return [Role.objects.filter(is_entry=False).order_by("pk").first().pk]
    if name in (
        "roles:editor-transition",
        "roles:editor-transition-archive",
        "roles:editor-transition-restore",
        "roles:editor-step-new",
    ):
        return [Transition.objects.order_by("pk").first().pk]
    if name in (
        "roles:editor-step",
        "roles:editor-step-archive",
        "roles:editor-step-restore",
        "roles:editor-step-move",
    ):
        return [TransitionStep.objects.order_by("pk").first().pk]
    if name == "roles:history-revert":
        role = Role.history.order_by("history_id").first()
        return ["role", role.history_id]
    if name in ("planner:plan-bin-restore", "planner:plan-bin-delete"):
        return [world.binned.pk]
    if name in ("password_reset_confirm", "signup-confirm"):
        return ["MQ", "set-password"]
    return []


def targets(world):
    """(who, url name, args, field names the matrix posts) for every form in the app."""
    matrix = {}
    for group in ALL_GROUPS:
        who = "coach" if group in COACH_GROUPS else "owner"
        for method, name, args, data in group(world, who):
            who_, args_, fields = matrix.get(name, (who, args, set()))
            matrix[name] = (who_, args_, fields | (set(data) if method == "post" else set()))
    found = []
    for name in _post_urls():
        if name in matrix:
            who, args, fields = matrix[name]
        elif name.startswith("roles:"):
            who, args, fields = "staff", _args_for(name, world), set()
        else:
            who, args, fields = ("anonymous" if name in VISITOR_URLS else "owner"), _args_for(name, world), set()
        found.append((who, name, args, fields))
    return found


def unfillable(world) -> list[str]:
    """POST URLs whose arguments this module does not know yet (teach ``_args_for`` them)."""
    names = []
    for _, name, args, _ in targets(world):
        try:
            reverse(name, args=args)
        except NoReverseMatch:
            names.append(name)
    return names


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ACTION = re.compile(r'action="([^"]*)"')
FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>')
FILE_FIELD = re.compile(r'<input\b[^>]*type="file"[^>]*\bname="([^"]+)"|<input\b[^>]*\bname="([^"]+)"[^>]*type="file"')

# Pages that show the forms, for each kind of person (the forms post to their own URLs or to the page).
HOST_PAGES = {
    "owner": lambda w: [
        w.plan.get_absolute_url(),
        reverse("planner:profile"),
        reverse("planner:plan-create"),
        reverse("planner:plan-list"),
        reverse("planner:plan-bin"),
        reverse("account-delete"),
        reverse("coaching:coaching"),
        reverse("coaching:coaching-join"),
        reverse("coaching:coach-apply"),
        reverse("coaching:notifications"),
        reverse("password_change"),
    ],
    "coach": lambda w: [
        reverse("coaching:coach-plan", args=[w.plan.pk]),
        reverse("coaching:coach-client", args=[w.owner.pk]),
        reverse("coaching:coach-dashboard"),
        reverse("coaching:coach-invitations"),
    ],
    "staff": lambda w: [
        reverse("roles:editor-role", args=_args_for("roles:editor-role")),
        reverse("roles:editor-role-new"),
        reverse("roles:editor-transition", args=_args_for("roles:editor-transition")),
        reverse("roles:editor-transition-new"),
        reverse("roles:editor-step", args=_args_for("roles:editor-step")),
        reverse("roles:editor-step-new", args=_args_for("roles:editor-step-new")),
        reverse("roles:graph-import"),
        reverse("roles:history"),
    ],
    "anonymous": lambda w: [reverse("signup"), reverse("login"), reverse("password_reset")],
}


def form_fields(client, world, who):
    """Field names by form action, read from the rendered pages; file inputs apart."""
    fields: dict[str, set[str]] = {}
    files: set[str] = set()
    for page in HOST_PAGES[who](world):
        response = client.get(page)
        assert response.status_code == 200, page
        for attributes, body in FORM.findall(response.content.decode()):
            action = ACTION.search(attributes)
            url = unescape(action.group(1)).split("?")[0] if action and action.group(1) else page
            fields.setdefault(url, set()).update(FIELD.findall(body))
            files.update(name for pair in FILE_FIELD.findall(body) for name in pair if name)
    for names in fields.values():
        names.discard("csrfmiddlewaretoken")
    return fields, files


# --- Generated values ---------------------------------------------------------------------------

ODD_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=0, max_size=40
) | st.sampled_from(["\u202e\u200f", "e\u0301\u0301\u0301", "👩🏽‍💻", "\ufeff", "<script>x</script>", "' OR 1=1 --"])
WRONG_TYPES = st.sampled_from(
    ["", " ", "-1", "0", "1.5", "1e309", "NaN", "Infinity", "2024-13-45", "true", "None", "[]", "{}", "987654"]
)
HUGE_NUMBERS = st.integers(min_value=-(10**40), max_value=10**40).map(str) | st.sampled_from(
    [str(2**63), str(2**64), str(-(2**63) - 1), "9" * 400]
)
LONG = st.integers(min_value=1_000, max_value=200_000).map(lambda n: "é" * n)
NUL = st.text(max_size=10).map(lambda text: f"a\x00{text}")

FAMILIES = {
    "general": st.one_of(ODD_TEXT, WRONG_TYPES, LONG, st.lists(ODD_TEXT, min_size=2, max_size=3)),
    "nul": NUL,
    "huge": HUGE_NUMBERS,
}


def fuzz(client, world, who, family, data_strategy):
    skipped = set(unfillable(world))  # test_every_form_is_posted_by_someone names them
    plan = [target for target in targets(world) if target[0] == who and target[1] not in skipped]
    client.logout()
    person = {"owner": world.owner, "coach": world.coach, "staff": world.staff}.get(who)
    if person is not None:
        client.force_login(person)
    fields_by_url, files = form_fields(client, world, who)
    cases = []
    for _, name, args, matrix_fields in plan:
        url = reverse(name, args=args)
        cases.append((name, url, sorted(matrix_fields | fields_by_url.get(url, set()))))
    assert cases

    @settings(
        max_examples=len(cases) * 3,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
        derandomize=True,
    )
    @given(data=st.data())
    def post_one(data):
        name, url, fields = data.draw(st.sampled_from(cases), label="url")
        chosen = data.draw(st.lists(st.sampled_from(fields), unique=True), label="fields") if fields else []
        payload = {}
        for field in chosen:
            value = data.draw(data_strategy, label=field)
            payload[field] = SimpleUploadedFile("graph.json", str(value).encode()) if field in files else value
        with transaction.atomic():
            if person is not None:
                client.force_login(person)
            response = client.post(url, payload)
            transaction.set_rollback(True)
        cache.clear()
        graph_cache_clear()
        assert response.status_code < 500, (name, payload)

    post_one()


@pytest.fixture
def fuzz_world(world, profile):
    """The access matrix's world, with a plan in the owner's bin."""
    world.binned = plan_move_to_bin(plan=plan_create(owner=world.owner, profile=profile, route_slugs=ROUTE, by="time"))
    return world


@pytest.mark.parametrize("family", ["general", "huge", "nul"])
@pytest.mark.parametrize("who", ["owner", "coach", "staff", "anonymous"])
def test_generated_input_to_every_form_never_makes_a_server_error(client, fuzz_world, who, family):
    fuzz(client, fuzz_world, who, family, FAMILIES[family])


def test_every_form_is_posted_by_someone(fuzz_world):
    names = {name for _, name, _, _ in targets(fuzz_world)}
    assert not unfillable(fuzz_world), "Give these URLs their arguments in _args_for"

    assert names == set(_post_urls())
    assert {"planner:plan-rename", "coaching:coach-note-create", "roles:editor-role", "account-delete"} <= names
