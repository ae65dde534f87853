import json
import zipfile
from io import StringIO
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from roles.graph_file import graph_export, parse_graph
from roles.models import Role, SalaryFact, Transition, TransitionStep
from roles.onet import SOURCE, WAGES_SOURCE, onet_graph, read_onet
from roles.selectors import graph_revision_key

REAL_DATASET = Path(settings.BASE_DIR).parent / "shared" / "datasets" / "onet"

OCCUPATIONS = [
    ("43-4051.00", "Customer Service Representatives", "Interact with customers."),
    ("43-1011.00", "First-Line Supervisors of Office Workers", "Supervise clerical workers."),
    ("11-3011.00", "Administrative Services Managers", "Plan administrative services."),
    ("41-2031.00", "Retail Salespersons", "Sell merchandise."),
    ("99-9999.00", "Unlinked Occupation", "Has no related occupations."),
]
ZONES = {"43-4051.00": 2, "43-1011.00": 3, "11-3011.00": 4, "41-2031.00": 2, "99-9999.00": 1}
LINKS = [
    ("43-4051.00", "43-1011.00", "Primary-Short", 1),
    ("43-4051.00", "41-2031.00", "Primary-Long", 2),
    ("43-1011.00", "11-3011.00", "Supplemental", 1),
    ("11-3011.00", "43-1011.00", "Primary-Short", 1),
    ("41-2031.00", "43-4051.00", "Primary-Short", 1),
]
WAGES = [
    ["OCC_CODE", "OCC_TITLE", "O_GROUP", "A_MEAN", "A_PCT10", "A_PCT90"],
    ["43-4051", "Customer Service Representatives", "detailed", "44370", "31300", "62500"],
    ["11-3011", "Administrative Services Managers", "detailed", "122500", "64000", "#"],
    ["43-0000", "Office and Administrative Support Occupations", "major", "49000", "30000", "70000"],
]


def write_table(path: Path, header: list[str], rows: list) -> None:
    lines = ["\t".join(header)] + ["\t".join(str(cell) for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """A minimal workbook, every cell a shared string, as bench/onet.py's reader expects."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings: list[str] = []
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            strings.append(value)
            cells.append(f'<c r="{chr(65 + c)}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">{shared}</sst>')
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{ns}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>',
        )


@pytest.fixture
def onet_dir(tmp_path) -> Path:
    folder = tmp_path / "onet"
    folder.mkdir()
    write_table(folder / "Occupation Data.txt", ["O*NET-SOC Code", "Title", "Description"], OCCUPATIONS)
    write_table(
        folder / "Job Zones.txt",
        ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
        [(code, zone, "08/2023", "Analyst") for code, zone in ZONES.items()],
    )
    write_table(
        folder / "Related Occupations.txt",
        ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        LINKS,
    )
    write_xlsx(folder / "national_M2024_dl.xlsx", WAGES)
    return folder


@pytest.fixture
def bundled(db):
    call_command("load_role_graph", "--bundled-only", stdout=StringIO())


def run(*args) -> str:
    out = StringIO()
    call_command("import_onet", *[str(arg) for arg in args], stdout=out, stderr=StringIO())
    return out.getvalue()


def without_onet(data: dict) -> dict:
    return {
        **data,
        "roles": [r for r in data["roles"] if not r["slug"].startswith("onet-")],
        "transitions": [t for t in data["transitions"] if not t["from"].startswith("onet-")],
    }


# --- Conversion (no database) ------------------------------------------------------------------


def test_mapping(onet_dir):
    graph = onet_graph(read_onet(onet_dir))
    roles = {role["slug"]: role for role in graph["roles"]}
    assert sorted(roles) == ["onet-11-3011-00", "onet-41-2031-00", "onet-43-1011-00", "onet-43-4051-00"]
    rep = roles["onet-43-4051-00"]
    assert rep["title"] == "Customer Service Representatives"
    assert rep["summary"] == "Interact with customers."
    assert (rep["track"], rep["level"], rep["onet_soc_code"], rep["sources"]) == ("other", 4, "43-4051.00", [SOURCE])
    assert roles["onet-11-3011-00"]["level"] == 8

    moves = {(t["from"], t["to"]): t for t in graph["transitions"]}
    assert len(moves) == 5
    up = moves["onet-43-4051-00", "onet-43-1011-00"]  # zone 2 → 3, Primary-Short
    assert up["kind"] == "promotion"
    assert "Primary-Short" in up["note"] and "index 1" in up["note"]
    assert up["source"] == SOURCE
    (step,) = up["steps"]
    assert step["kind"] == "action"
    assert (step["months_min"], step["months_max"]) == (3 + 12, 6 + 24)
    assert "estimate derived from O*NET job zones" in step["description"]
    assert "not an observed figure" in step["description"]
    lateral = moves["onet-43-4051-00", "onet-41-2031-00"]  # zone 2 → 2, Primary-Long
    assert lateral["kind"] == "lateral"
    assert (lateral["steps"][0]["months_min"], lateral["steps"][0]["months_max"]) == (6, 12)
    down = moves["onet-11-3011-00", "onet-43-1011-00"]  # zone 4 → 3: lateral, tier months only
    assert down["kind"] == "lateral"
    assert (down["steps"][0]["months_min"], down["steps"][0]["months_max"]) == (3, 6)
    big = moves["onet-43-1011-00", "onet-11-3011-00"]  # zone 3 → 4, Supplemental
    assert (big["steps"][0]["months_min"], big["steps"][0]["months_max"]) == (12 + 12, 24 + 24)

    parse_graph(graph)  # a valid graph file on its own


def test_salary_facts_as_published(onet_dir):
    roles = {role["slug"]: role for role in onet_graph(read_onet(onet_dir))["roles"]}
    average, spread = roles["onet-43-4051-00"]["salary_facts"]
    assert (average["kind"], average["amount"], average["period"], average["scope"]) == (
        "average",
        44370,
        "year",
        "national",
    )
    assert (spread["kind"], spread["amount_min"], spread["amount_max"], spread["open_ended"]) == (
        "range",
        31300,
        62500,
        False,
    )
    assert {average["source"], spread["source"]} == {WAGES_SOURCE}
    # '#' (top-coded) is published as "$239,200 or more": an open-ended range, said in the note.
    _, top = roles["onet-11-3011-00"]["salary_facts"]
    assert (top["amount_min"], top["amount_max"], top["open_ended"]) == (64000, 239200, True)
    assert "'#'" in top["note"]
    assert roles["onet-41-2031-00"]["salary_facts"] == []  # no OEWS row: no figure invented


def test_no_wage_file_no_salaries(onet_dir):
    (onet_dir / "national_M2024_dl.xlsx").unlink()
    data = read_onet(onet_dir)
    assert data.wages is None
    assert all(role["salary_facts"] == [] for role in onet_graph(data)["roles"])


# --- Import through the loader -----------------------------------------------------------------


def test_import_merges_and_is_idempotent(bundled, onet_dir):
    before = graph_export()
    output = run(onet_dir)
    assert "4 occupations with related-occupation links" in output
    assert "added: " in output and "archived" not in output

    after = graph_export()
    assert without_onet(after) == before  # the bundled graph is untouched
    assert Role.objects.filter(slug__startswith="onet-").count() == 4
    assert Transition.objects.filter(source=SOURCE).count() == 5
    assert TransitionStep.objects.filter(source=SOURCE).count() == 5
    assert SalaryFact.objects.filter(source=WAGES_SOURCE).count() == 4
    assert not Role.objects.filter(archived=True).exists()

    revision = graph_revision_key()
    assert "No changes" in run(onet_dir)
    assert graph_export() == after
    assert graph_revision_key() == revision


def test_reimport_keeps_staff_edits(bundled, onet_dir):
    run(onet_dir)
    Role.objects.filter(slug="onet-41-2031-00").update(archived=True, track="sales")
    move = Transition.objects.get(source_role__slug="onet-43-4051-00", target_role__slug="onet-43-1011-00")
    TransitionStep.objects.create(
        transition=move, order=2, kind="action", title="Ask for a shadow day", months_min=0, months_max=1
    )
    edited = graph_export()
    assert "No changes" in run(onet_dir)
    assert graph_export() == edited


def test_dry_run_changes_nothing(bundled, onet_dir):
    before, revision = graph_export(), graph_revision_key()
    output = run(onet_dir, "--dry-run")
    assert "Dry run, nothing changed. Would have added: " in output
    assert graph_export() == before
    assert graph_revision_key() == revision
    assert not Role.objects.filter(slug__startswith="onet-").exists()


def test_output_writes_the_merged_file(bundled, onet_dir, tmp_path):
    before = graph_export()
    path = tmp_path / "merged.json"
    assert "Wrote" in run(onet_dir, "--output", path)
    assert graph_export() == before  # the database is not changed
    data = json.loads(path.read_text())
    assert without_onet(data) == before
    assert len(data["roles"]) == len(before["roles"]) + 4
    call_command("load_role_graph", str(path), stdout=StringIO())
    assert "No changes" in run(onet_dir)


# --- Errors ------------------------------------------------------------------------------------


def test_missing_folder(db, tmp_path):
    with pytest.raises(CommandError, match="O\\*NET folder not found"):
        run(tmp_path / "nowhere")


def test_missing_file(db, onet_dir):
    (onet_dir / "Job Zones.txt").unlink()
    with pytest.raises(CommandError, match="Job Zones.txt: no such file"):
        run(onet_dir)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "Job Zones.txt",
            "O*NET-SOC Code\tJob Zone\n43-4051.00\t9\n",
            r"Job Zones.txt, line 2: Job Zone must be 1 to 5",
        ),
        ("Job Zones.txt", "Code\tZone\n", r"Job Zones.txt, line 1: the header lacks the column\(s\) O\*NET-SOC Code"),
        (
            "Related Occupations.txt",
            "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n"
            "43-4051.00\t41-2031.00\tPrimary-Short\t1\n43-4051.00\t41-2031.00\n",
            r"Related Occupations.txt, line 3: expected 4 tab-separated fields, found 2",
        ),
        (
            "Related Occupations.txt",
            "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n"
            "43-4051.00\t12-3456.00\tPrimary-Short\t1\n",
            r"Related Occupations.txt, line 2: occupation 12-3456.00 is not in Occupation Data.txt",
        ),
        (
            "Occupation Data.txt",
            "O*NET-SOC Code\tTitle\tDescription\n4340-51\tBad code\tx\n",
            r"Occupation Data.txt, line 2: O\*NET-SOC Code must look like",
        ),
        ("national_M2024_dl.xlsx", "not a workbook", r"national_M2024_dl.xlsx: not a readable .xlsx workbook"),
    ],
)
def test_malformed_file(db, onet_dir, name, text, message):
    before = Role.objects.count()
    (onet_dir / name).write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(onet_dir)
    assert Role.objects.count() == before


def test_dry_run_and_output_together(db, onet_dir, tmp_path):
    with pytest.raises(CommandError, match="--dry-run and --output"):
        run(onet_dir, "--dry-run", "--output", tmp_path / "x.json")


# --- The real data set (convert only: loading it is bench/bench_onet_db.py's job) ---------------


@pytest.mark.skipif(
    not (REAL_DATASET / "Related Occupations.txt").is_file(), reason=f"the O*NET dataset is not at {REAL_DATASET}"
)
def test_real_dataset_converts():
    data = read_onet(REAL_DATASET)
    graph = onet_graph(data)
    assert len(graph["roles"]) == 923
    assert len(graph["transitions"]) == 18460
    assert data.skipped == []
    assert {t["kind"] for t in graph["transitions"]} == {"promotion", "lateral"}
    if data.wages is not None:
        assert sum(bool(role["salary_facts"]) for role in graph["roles"]) > 800
    parse_graph(graph)
