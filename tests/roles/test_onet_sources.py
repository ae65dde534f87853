"""Every source key the graph files use names a source record (roles/data/sources.json)."""

import json

import pytest
from django.conf import settings

from roles.onet.extract import EXTRACT_PATH
from roles.onet.joined import ATTRIBUTION, joined_graph
from roles.sources import SourcesError, check_sources, load_sources, used_source_keys

DOCUMENTS = [
    "000_d4181f5a91f292d4.txt",
    "001_700612ae70ab2ab8.txt",
    "002_27a3e9e3a4f786cf.txt",
    "003_b58e9c4379277e58.txt",
    "004_8d380cbc1788290a.txt",
]


@pytest.fixture(scope="module")
def bundled() -> dict:
    with open(settings.ROLE_GRAPH_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def test_every_source_has_a_record():
    sources = load_sources()
    assert sorted(sources) == sorted([*DOCUMENTS, "onet-29.0", "bls-oews-2024", "careerpath-editorial"])
    assert {sources[key]["publisher"] for key in DOCUMENTS[:4]} == {
        "ok.com (Servanan International Pte. Ltd.)",
        "zengig",
        "Indeed",
        "Zippia",
    }
    assert sources["001_700612ae70ab2ab8.txt"]["title"] == "Customer Service Manager Career Guide"
    onet = sources["onet-29.0"]
    assert onet["attribution"] == ATTRIBUTION
    assert onet["licence"].startswith("CC BY 4.0")
    assert sources["bls-oews-2024"]["publisher"] == "U.S. Bureau of Labor Statistics"


def test_bundled_graph_cites_only_known_sources(bundled):
    assert check_sources(bundled, load_sources()) == []
    assert set(used_source_keys(bundled)) == {*DOCUMENTS, "careerpath-editorial"}


@pytest.mark.skipif(not EXTRACT_PATH.is_file(), reason=f"the shipped O*NET extract is missing: {EXTRACT_PATH}")
def test_joined_graph_cites_only_known_sources(bundled):
    joined = joined_graph(bundled)
    assert check_sources(joined, load_sources()) == []
    assert {"onet-29.0", "bls-oews-2024"} <= set(used_source_keys(joined))


def test_unknown_source_is_named(bundled):
    graph = {**bundled, "transitions": [{**bundled["transitions"][0], "source": "005_unknown.txt"}]}
    (error,) = check_sources(graph, load_sources())
    first = bundled["transitions"][0]
    assert error == f"transition {first['from']} → {first['to']}: the source '005_unknown.txt' is not in sources.json"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "sources.json: cannot be read"),
        ('{"sources": []}', "sources.json: no sources"),
        ('{"sources": [{"key": "x"}]}', r"sources.json: sources\[0\] lacks kind, title"),
    ],
)
def test_bad_sources_file(tmp_path, text, message):
    path = tmp_path / "sources.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError, match=message):
        load_sources(path)
