"""
The joined graph in the database: ``load_role_graph`` with no file loads the bundled roles and
the O*NET 29.0 occupations as one graph. These few tests load the full data (about 40,000 rows);
the rest of the suite loads the bundled graph alone (``--bundled-only``).
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from roles.graph_file import graph_dumps, graph_export, parse_graph_text
from roles.graph_file.writing import graph_load
from roles.models import OnetReference, Origin, Role, Source, Transition
from roles.onet.extract import EXTRACT_PATH
from roles.onet.skill_steps import onet_level_on_our_scale

pytestmark = pytest.mark.skipif(
    not EXTRACT_PATH.is_file(), reason=f"the shipped O*NET extract is missing: {EXTRACT_PATH}"
)

CSM = "customer-service-manager"
SOURCE_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@pytest.fixture
def joined_db(db):
    out = StringIO()
    call_command("load_role_graph", stdout=out)
    return out.getvalue()


def test_the_default_load_is_the_joined_graph_and_round_trips(joined_db):
    assert "942 roles" in joined_db
    assert Role.objects.filter(origin=Origin.ONET).count() == 923
    assert Role.objects.filter(origin=Origin.DOCUMENTS).count() == 19
    origins = set(Transition.objects.values_list("origin", flat=True))
    assert origins == {Origin.DOCUMENTS, Origin.ONET, Origin.JOIN}
    csm = Role.objects.get(slug=CSM)
    assert csm.onet_join[0]["code"] == "43-1011.00"
    assert {"field": "alternate_title", "text": "Customer Service Manager"} in csm.onet_join[0]["evidence"]
    out_move = Transition.objects.get(source_role=csm, target_role__slug="onet-11-1021-00")
    assert out_move.origin == Origin.JOIN and out_move.onet_link["from"] == "43-1011.00"
    assert OnetReference.objects.get().data["source"] == "onet-29.0"
    # Every role's O*NET job zone: an occupation's own, a bundled role's through its first code.
    zones = dict(Role.objects.values_list("slug", "job_zone"))
    assert zones[CSM] == 3 and zones["customer-service-representative"] == 2
    assert zones["onet-11-1021-00"] == 4 and zones["no-experience"] is None
    assert all(1 <= zone <= 5 for slug, zone in zones.items() if slug.startswith("onet-"))
    assert Source.objects.filter(key="bls-oews-2024").exists()

    again = StringIO()
    call_command("load_role_graph", stdout=again)
    assert "No changes" in again.getvalue()

    exported = graph_dumps(graph_export())
    assert not graph_load(parse_graph_text(exported)).has_changes
    assert graph_dumps(graph_export()) == exported


def test_an_occupations_page_shows_its_onet_data_with_sources(client, joined_db, django_assert_max_num_queries):
    url = reverse("roles:role-detail", args=["onet-11-1021-00"])  # General and Operations Managers
    with django_assert_max_num_queries(12):
        content = client.get(url).content.decode()

    assert "O*NET occupation 11-1021.00" in content
    assert "O*NET job zone 4: considerable preparation needed" in content
    assert "Skills the occupation rates important" in content
    assert "Hot technology" in content
    assert "% of workers:" in content
    assert "Used under the CC BY 4.0 license" in content  # O*NET's attribution, in the sources list
    assert "Occupational Employment and Wage Statistics" in content  # the BLS wages, cited
    assert "O*NET relatedness" in content or "Inferred by the join" in content
    assert not SOURCE_FILE_NAME.search(content)
    assert "onet-29.0" not in content.replace('href="#source', "")


def test_a_bundled_roles_page_shows_its_join_and_cites_no_file_name(client, joined_db):
    content = client.get(reverse("roles:role-detail", args=[CSM])).content.decode()

    assert "The customer service version of O*NET occupation <strong>43-1011.00</strong>" in content
    assert "O*NET job zone 3: medium preparation needed" in content
    assert "&ldquo;Customer Service Manager&rdquo;" in content or "\u201cCustomer Service Manager\u201d" in content
    assert "From the documents" in content and "Inferred by the join" in content
    assert not SOURCE_FILE_NAME.search(content)


@pytest.mark.parametrize(("level", "ours"), [(0, 1), (1.75, 2), (3.5, 3), (5.25, 4), (7, 5), (-1, 1), (9, 5)])
def test_onet_levels_map_onto_our_five_levels(level, ours):
    assert onet_level_on_our_scale(level) == ours


def test_onet_occupations_require_their_important_skills_on_our_scale(joined_db):
    from roles.models import RoleSkill, Skill

    assert Skill.objects.filter(source="onet-29.0").count() == 35
    listening = Skill.objects.get(slug="onet-active-listening")
    assert listening.name == "Active Listening (O*NET)" and listening.level_descriptions == [""] * 5
    cashier = RoleSkill.objects.filter(role__slug="onet-41-2011-00")
    assert cashier.exists() and all(row.source == "onet-29.0" and 1 <= row.level <= 5 for row in cashier)
    # The bundled roles keep the documents' skills.
    assert not RoleSkill.objects.filter(role__origin=Origin.DOCUMENTS, source="onet-29.0").exists()
