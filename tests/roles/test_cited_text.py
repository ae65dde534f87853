"""``{% cited text %}``: the graph's references to the documents by number become readable citations."""

import re

import pytest
from django.template import Context, Template
from django.utils.html import strip_tags

from roles.citations import Citations
from roles.models import Source

pytestmark = pytest.mark.django_db


# The source records come with the database (migrations load roles/data/sources.json): 001 is
# zengig's, 003 Zippia's, 004 a page with no publisher named (its title stands in).


def _render(text: str, footnotes: bool = True) -> tuple[str, Citations]:
    citations = Citations()
    template = Template("{% load sources %}{% cited text footnotes=footnotes %}")
    return template.render(Context({"text": text, "citations": citations, "footnotes": footnotes})), citations


def test_a_group_after_a_sentence_becomes_footnote_marks():
    html, citations = _render("Operations run smoothly (001, 003). Then more.")

    assert "(001" not in html and "003)" not in html
    assert 'smoothly<sup class="cite"><a href="#source-1"' in html
    assert '<a href="#source-2"' in html
    assert [note.source.publisher for note in citations.footnotes] == ["zengig", "Zippia"]


def test_a_number_within_a_sentence_becomes_the_publisher_or_title_with_its_mark():
    html, _ = _render("003 adds that metrics matter; 004 lists budgets.")

    assert html.startswith('<span lang="en">Zippia</span><sup class="cite">')
    title = Source.objects.get(key__startswith="004_").title
    assert f'<span lang="en">{title}</span><sup class="cite">' in html


def test_figures_years_and_unknown_numbers_stay_as_written():
    html, citations = _render("Between $65,000 and $100,000 in 2025; 250 agents; (123) and 007 stay.")

    assert html == "Between $65,000 and $100,000 in 2025; 250 agents; (123) and 007 stay."
    assert citations.footnotes == []


def test_without_footnotes_the_sources_are_named():
    html, citations = _render("A kind of manager (001, 003). 001 names it.", footnotes=False)

    assert html == (
        'A kind of manager (<span lang="en">zengig</span>, <span lang="en">Zippia</span>).'
        ' <span lang="en">zengig</span> names it.'
    )
    assert citations.footnotes == []  # named only: the page's sources list (if any) gains nothing


def test_the_text_is_escaped():
    html, _ = _render("<script>alert(1)</script> (001)")

    assert html.startswith("&lt;script&gt;alert(1)&lt;/script&gt;<sup")


# A document's number on its own: not inside a figure ("65,000"), a footnote mark or a word.
BARE_NUMBER = r"(?<![\w$,.#\[-])00[0-4](?![\w\]]|[,.]\d)"


@pytest.mark.parametrize(
    "slug", ["customer-service-representative", "customer-service-supervisor", "customer-service-manager"]
)
def test_role_pages_of_the_bundled_graph_show_no_document_number(client, graph, slug):
    text = strip_tags(client.get(f"/roles/{slug}/").content.decode())
    assert not re.findall(rf".{{30}}{BARE_NUMBER}.{{10}}", text)
    assert "zengig" in text


def test_the_plan_page_shows_no_document_number(client, user, plan):
    client.force_login(user)
    text = strip_tags(client.get(plan.get_absolute_url()).content.decode())
    assert not re.findall(rf".{{30}}{BARE_NUMBER}.{{10}}", text)
