"""The graph file in the browser: download it, upload one, see its changes, apply them whole or not at all."""

import json
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

from roles.graph_file import graph_dumps, graph_export
from roles.history import TRACKED_MODELS, history_model
from roles.models import Role, Transition
from roles.views.graph_file import IMPORT_SESSION_KEY
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="edit_graph", content_type__app_label="roles"))
    return user


@pytest.fixture
def loaded(db):
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())


def _upload(text: str | bytes, name: str = "graph.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, "application/json")


def _edited_export() -> str:
    """The current graph with one role retitled, one role added and one move left out."""
    data = graph_export()
    manager = next(r for r in data["roles"] if r["slug"] == "customer-service-manager")
    manager["title"] = "Customer Service Manager (retitled)"
    trainer = {**manager, "slug": "customer-service-trainer", "title": "Customer Service Trainer", "salary_facts": []}
    trainer.update(is_entry=False, skills=[], certifications=[])
    data["roles"].append(trainer)
    data["transitions"] = [
        t for t in data["transitions"] if (t["from"], t["to"]) != ("customer-service-manager", "account-manager")
    ]
    return graph_dumps(data)


def _history_total() -> int:
    return sum(history_model(model).objects.count() for model in TRACKED_MODELS.values())


def test_export_downloads_the_same_file_as_the_command(client, editor, loaded):
    client.force_login(editor)

    response = client.get(reverse("roles:graph-export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="careerpath-role-graph-')
    assert response.content.decode() == graph_dumps(graph_export())


def test_an_upload_nested_too_deep_is_refused_with_its_line(client, editor, loaded):
    client.force_login(editor)

    response = client.post(reverse("roles:graph-import"), {"file": _upload("[" * 100_000 + "]" * 100_000)})

    assert response.status_code == 400
    assert "line 1: lists and objects nested more than 32 deep" in response.content.decode()


def test_upload_shows_the_changes_and_changes_nothing_until_applied(client, editor, loaded):
    client.force_login(editor)
    before = _history_total()

    response = client.post(reverse("roles:graph-import"), {"file": _upload(_edited_export())})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing has changed yet" in content
    preview = response.context["preview"]
    assert preview.added["roles"] == ["customer-service-trainer"]
    assert preview.changed["roles"] == ["customer-service-manager"]
    assert preview.archived["transitions"] == ["customer-service-manager → account-manager"]
    assert "Apply these changes" in content
    assert not Role.objects.filter(slug="customer-service-trainer").exists()
    assert _history_total() == before
    assert client.session[IMPORT_SESSION_KEY]["name"] == "graph.json"


def test_the_dry_run_shows_each_changed_field_old_and_new(client, editor, loaded):
    data = json.loads(_edited_export())
    move = next(t for t in data["transitions"] if t["from"] == "customer-service-representative")
    move["note"] = "A shorter note"
    client.force_login(editor)

    response = client.post(reverse("roles:graph-import"), {"file": _upload(graph_dumps(data))})

    preview = response.context["preview"]
    assert preview.details["roles"]["customer-service-manager"] == [
        ("Title", "Customer Service Manager", "Customer Service Manager (retitled)")
    ]
    content = response.content.decode()
    assert "<del>Customer Service Manager</del>" in content
    assert "<ins>Customer Service Manager (retitled)</ins>" in content
    label = f"{move['from']} → {move['to']}"
    assert preview.details["transitions"][label][0][0] == "Note"
    assert preview.details["transitions"][label][0][2] == "A shorter note"
    for kind, labels in preview.changed.items():
        for label in labels:
            if not label.endswith("removed") and kind != "salary facts":
                assert preview.details[kind][label], f"{kind} {label} lists its changed fields"


def test_applying_writes_every_change_in_one_go_and_records_who(client, editor, loaded):
    client.force_login(editor)
    preview = client.post(reverse("roles:graph-import"), {"file": _upload(_edited_export())})
    digest = preview.context["apply_form"].initial["digest"]

    response = client.post(reverse("roles:graph-import-apply"), {"digest": digest})

    assert response.status_code == 200
    assert "Applied graph.json" in response.content.decode()
    trainer = Role.objects.get(slug="customer-service-trainer")
    assert Role.objects.get(slug="customer-service-manager").title == "Customer Service Manager (retitled)"
    move = Transition.objects.get(source_role__slug="customer-service-manager", target_role__slug="account-manager")
    assert move.archived
    assert trainer.history.get().history_user == editor
    assert IMPORT_SESSION_KEY not in client.session

    # Applying twice does nothing: the file is no longer waiting.
    again = client.post(reverse("roles:graph-import-apply"), {"digest": digest})
    assert again.status_code == 302 and again["Location"] == reverse("roles:graph-import")


def test_a_file_with_nothing_new_says_so(client, editor, loaded):
    client.force_login(editor)

    response = client.post(reverse("roles:graph-import"), {"file": _upload(graph_dumps(graph_export()))})

    assert "No changes: the database already matches the file." in response.content.decode()
    assert "Apply these changes" not in response.content.decode()


def test_a_bad_file_is_refused_whole_with_every_error_and_its_place(client, editor, loaded):
    client.force_login(editor)
    data = json.loads(_edited_export())
    data["roles"][0]["level"] = 12
    data["roles"][1]["salary_facts"] = [{"kind": "average", "amount": 50000, "source": ""}]
    data["transitions"][0]["steps"][0]["months_min"] = -1
    before = _history_total()

    response = client.post(reverse("roles:graph-import"), {"file": _upload(json.dumps(data))})

    assert response.status_code == 400
    content = response.content.decode()
    assert "was not loaded: 3 problems" in content
    assert "roles[0].level: must be between 0 and 10, not 12" in content
    assert "roles[1].salary_facts[0].source" in content
    assert "transitions[0].steps[0].months_min" in content
    assert not Role.objects.filter(slug="customer-service-trainer").exists()
    assert _history_total() == before
    assert IMPORT_SESSION_KEY not in client.session


def test_the_problems_of_a_file_read_in_spanish_each_at_its_place(client, editor, loaded):
    client.force_login(editor)
    client.cookies["django_language"] = "es"
    data = json.loads(_edited_export())
    data["roles"][0]["level"] = 12
    data["transitions"][0]["steps"][0]["months_min"] = -1

    response = client.post(reverse("roles:graph-import"), {"file": _upload(json.dumps(data))})

    assert response.status_code == 400
    content = response.content.decode()
    assert "graph.json no se cargó: 2 problemas" in content
    assert "roles[0].level: debe estar entre 0 y 10, no 12" in content
    assert "transitions[0].steps[0].months_min: debe estar entre 0 y " in content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"roles": [', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b"[]", "$: must be an object"),
    ],
)
def test_files_that_are_not_graph_files_get_a_clear_message(client, editor, content, message):
    client.force_login(editor)

    response = client.post(reverse("roles:graph-import"), {"file": _upload(content)})

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_upload_size_is_limited(client, editor, settings):
    client.force_login(editor)
    big = _upload(b" " * (5 * 1024 * 1024 + 1))

    response = client.post(reverse("roles:graph-import"), {"file": big})

    assert response.status_code == 400
    assert "the limit is 5 MB" in response.content.decode()


def test_a_failure_while_applying_rolls_everything_back(client, editor, loaded):
    client.force_login(editor)
    preview = client.post(reverse("roles:graph-import"), {"file": _upload(_edited_export())})
    digest = preview.context["apply_form"].initial["digest"]
    before = _history_total()

    # Moves are written after roles: fail there, once the new and retitled roles are written.
    with mock.patch.object(Transition.objects, "bulk_update", side_effect=IntegrityError("boom")):
        response = client.post(reverse("roles:graph-import-apply"), {"digest": digest})

    assert response.status_code == 400
    assert "The database refused the file, so nothing was changed" in response.content.decode()
    assert not Role.objects.filter(slug="customer-service-trainer").exists()
    assert Role.objects.get(slug="customer-service-manager").title == "Customer Service Manager"
    assert _history_total() == before


def test_a_graph_changed_since_the_preview_is_previewed_again_not_applied(client, editor, loaded):
    client.force_login(editor)
    preview = client.post(reverse("roles:graph-import"), {"file": _upload(_edited_export())})
    digest = preview.context["apply_form"].initial["digest"]
    RoleFactory(title="Made meanwhile")

    response = client.post(reverse("roles:graph-import-apply"), {"digest": digest})

    assert response.status_code == 409
    assert "The graph changed after your preview" in response.content.decode()
    assert not Role.objects.filter(slug="customer-service-trainer").exists()
    assert "role-" in " ".join(response.context["preview"].archived["roles"])  # the new role would be archived

    applied = client.post(reverse("roles:graph-import-apply"), {"digest": digest})
    assert applied.status_code == 200
    assert Role.objects.filter(slug="customer-service-trainer").exists()


def test_apply_refuses_a_file_other_than_the_one_previewed(client, editor, loaded):
    client.force_login(editor)
    client.post(reverse("roles:graph-import"), {"file": _upload(_edited_export())})

    response = client.post(reverse("roles:graph-import-apply"), {"digest": "f" * 64}, follow=True)

    assert "no longer waiting to be applied" in response.content.decode()
    assert not Role.objects.filter(slug="customer-service-trainer").exists()
