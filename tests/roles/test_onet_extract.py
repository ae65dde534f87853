"""The shipped O*NET extract: building it from raw files, refusing bad ones, and reading it back."""

import gzip
import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from roles.onet import OnetError
from roles.onet.extract import EXTRACT_PATH, build_extract, extract_bytes, load_extract, write_extract
from tests.roles.test_onet_import import write_table, write_xlsx

REAL_DATASET = Path(os.environ.get("ONET_DATASET_DIR", Path(settings.BASE_DIR).parent / "shared" / "datasets" / "onet"))
needs_real_dataset = pytest.mark.skipif(
    not (REAL_DATASET / "Skills.xlsx").is_file(), reason=f"the raw O*NET dataset is not at {REAL_DATASET}"
)

SKILL_HEADER = ["O*NET-SOC Code", "Title", "Element ID", "Element Name", "Scale ID", "Data Value", "Not Relevant"]
WAGE_HEADER = ["OCC_CODE", "OCC_TITLE", "O_GROUP", "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"]


def skill_rows(code: str, element: str, importance: str, level: str, not_relevant: str = "N") -> list[list[str]]:
    return [
        [code, "t", element, "e", "IM", importance, ""],
        [code, "t", element, "e", "LV", level, not_relevant],
    ]


@pytest.fixture
def onet_files(tmp_path) -> Path:
    """A small but complete raw file set: four occupations, two skills, every table."""
    folder = tmp_path / "onet"
    folder.mkdir()
    write_table(
        folder / "Occupation Data.txt",
        ["O*NET-SOC Code", "Title", "Description"],
        [
            ("43-4051.00", "Customer Service Representatives", "Interact with customers."),
            ("43-1011.00", "First-Line Supervisors of Office and Administrative Support Workers", "Supervise."),
            ("41-2011.00", "Cashiers", "Receive payments."),
            ("11-9199.00", "Managers, All Other", "No data."),
        ],
    )
    write_table(
        folder / "Job Zones.txt",
        ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
        [("43-4051.00", 2, "08/2023", "Analyst"), ("43-1011.00", 3, "08/2023", "Analyst"), ("41-2011.00", 1, "", "")],
    )
    write_table(
        folder / "Job Zone Reference.txt",
        ["Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range"],
        [(zone, f"Job Zone {zone}", "e", "d", "t", "x", "s") for zone in range(1, 6)],
    )
    write_table(
        folder / "Related Occupations.txt",
        ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        [
            ("41-2011.00", "43-4051.00", "Primary-Short", 1),
            ("43-4051.00", "43-1011.00", "Supplemental", 12),
            ("43-4051.00", "41-2011.00", "Primary-Long", 7),
        ],
    )
    write_table(
        folder / "Alternate Titles.txt",
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        [
            ("43-1011.00", "Customer Service Manager", "n/a", "02,04"),
            ("43-4051.00", "Customer Service Representative (CSR)", "CSR", "08"),
            ("41-2011.00", "Checker", "n/a", "10"),
        ],
    )
    write_table(
        folder / "Content Model Reference.txt",
        ["Element ID", "Element Name", "Description"],
        [
            ("2.A.1.a", "Reading Comprehension", "Understanding written sentences."),
            ("2.B.1.f", "Service Orientation", "Actively looking for ways to help people."),
        ],
    )
    write_table(
        folder / "Scales Reference.txt",
        ["Scale ID", "Scale Name", "Minimum", "Maximum"],
        [
            ("IM", "Importance", 1, 5),
            ("LV", "Level", 0, 7),
            ("RL", "Required Level Of Education (Categories 1-12)", 0, 100),
            ("RW", "Related Work Experience (Categories 1-11)", 0, 100),
            ("PT", "On-Site Or In-Plant Training (Categories 1-9)", 0, 100),
            ("OJ", "On-The-Job Training (Categories 1-9)", 0, 100),
        ],
    )
    write_xlsx(
        folder / "Skills.xlsx",
        [
            SKILL_HEADER,
            *skill_rows("43-4051.00", "2.B.1.f", "4.00", "3.62"),
            *skill_rows("43-4051.00", "2.A.1.a", "3.12", "3.00"),
            *skill_rows("41-2011.00", "2.B.1.f", "3.50", "0.00", "Y"),
        ],
    )
    write_table(
        folder / "Education, Training, and Experience Categories.txt",
        ["Element ID", "Element Name", "Scale ID", "Category", "Category Description"],
        [
            ("2.D.1", "Required Level of Education", "RL", 1, "Less than a High School Diploma"),
            ("2.D.1", "Required Level of Education", "RL", 2, "High School Diploma"),
            ("3.A.1", "Related Work Experience", "RW", 1, "None"),
            ("3.A.2", "On-Site or In-Plant Training", "PT", 1, "None"),
            ("3.A.3", "On-the-Job Training", "OJ", 1, "None or short demonstration"),
        ],
    )
    write_table(
        folder / "Education, Training, and Experience.txt",
        ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Category", "Data Value"],
        [
            ("43-4051.00", "2.D.1", "Required Level of Education", "RL", 1, "45.24"),
            ("43-4051.00", "2.D.1", "Required Level of Education", "RL", 2, "54.76"),
            ("43-4051.00", "3.A.1", "Related Work Experience", "RW", 1, "100.00"),
            ("43-4051.00", "2.D.1", "Required Level of Education", "IM", "n/a", "3.00"),  # not used
        ],
    )
    write_table(
        folder / "Technology Skills.txt",
        ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
        [
            (
                "43-4051.00",
                "Salesforce software",
                "43232303",
                "Customer relationship management CRM software",
                "Y",
                "N",
            ),
            ("43-4051.00", "Microsoft Dynamics", "43231602", "Enterprise resource planning ERP software", "Y", "Y"),
            ("41-2011.00", "Point of sale POS software", "43232306", "Point of sale software", "N", "N"),
        ],
    )
    write_xlsx(
        folder / "national_M2024_dl.xlsx",
        [
            WAGE_HEADER,
            [
                "43-4051",
                "Customer Service Representatives",
                "detailed",
                "44370",
                "31300",
                "36000",
                "42000",
                "50000",
                "62500",
            ],
            ["11-9199", "Managers, All Other", "detailed", "150000", "70000", "90000", "140000", "#", "#"],
            ["43-0000", "Office and Administrative Support Occupations", "major", "49000", "1", "2", "3", "4", "5"],
            ["41-2011", "Cashiers", "detailed", "31000", "*", "25000", "30000", "33000", "38000"],
        ],
    )
    return folder


def test_build_keeps_what_the_product_uses(onet_files):
    extract = build_extract(onet_files)
    occupations = extract["occupations"]
    assert sorted(occupations) == ["11-9199.00", "41-2011.00", "43-1011.00", "43-4051.00"]
    rep = occupations["43-4051.00"]
    assert (rep["title"], rep["description"], rep["job_zone"]) == (
        "Customer Service Representatives",
        "Interact with customers.",
        2,
    )
    assert rep["related"] == [["41-2011.00", "Primary-Long", 7], ["43-1011.00", "Supplemental", 12]]
    assert rep["alternate_titles"] == [["Customer Service Representative (CSR)", "CSR", "08"]]
    assert occupations["43-1011.00"]["alternate_titles"] == [["Customer Service Manager", "", "02,04"]]
    assert rep["skills"] == {"2.A.1.a": [3.12, 3.0, False], "2.B.1.f": [4.0, 3.62, False]}
    assert occupations["41-2011.00"]["skills"] == {"2.B.1.f": [3.5, 0.0, True]}  # level marked not relevant
    assert rep["education"] == {"RL": [45.24, 54.76], "RW": [100.0]}
    assert rep["technology"] == [
        ["Microsoft Dynamics", "43231602", True, True],
        ["Salesforce software", "43232303", True, False],
    ]
    assert extract["commodities"]["43232303"] == "Customer relationship management CRM software"
    assert occupations["11-9199.00"]["job_zone"] is None

    assert [skill["name"] for skill in extract["skills"]] == ["Reading Comprehension", "Service Orientation"]
    assert extract["education_categories"]["RL"]["categories"] == [
        [1, "Less than a High School Diploma"],
        [2, "High School Diploma"],
    ]
    assert {scale["id"]: (scale["minimum"], scale["maximum"]) for scale in extract["scales"]}["LV"] == (0.0, 7.0)
    assert [zone["zone"] for zone in extract["job_zones"]] == [1, 2, 3, 4, 5]

    wages = extract["wages"]
    assert sorted(wages) == ["11-9199", "41-2011", "43-4051"]  # detailed rows only
    assert wages["43-4051"] == {
        "title": "Customer Service Representatives",
        "mean": 44370,
        "pct10": 31300,
        "pct25": 36000,
        "median": 42000,
        "pct75": 50000,
        "pct90": 62500,
        "top_coded": [],
    }
    assert (wages["11-9199"]["pct90"], wages["11-9199"]["top_coded"]) == (None, ["pct75", "pct90"])
    assert (wages["41-2011"]["pct10"], wages["41-2011"]["top_coded"]) == (None, [])  # "*": not available


def test_same_files_same_bytes(onet_files, tmp_path):
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    write_extract(build_extract(onet_files), first)
    write_extract(build_extract(onet_files), second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes()[4:8] == b"\0\0\0\0"  # no gzip timestamp
    assert load_extract(first) == build_extract(onet_files)


def test_command_writes_the_extract(onet_files, tmp_path):
    path = tmp_path / "out" / "extract.json.gz"
    out = StringIO()
    call_command("build_onet_extract", str(onet_files), "--output", str(path), stdout=out)
    assert "4 occupations, 3 related-occupation links, 3 alternate titles" in out.getvalue()
    assert load_extract(path)["occupations"]["43-4051.00"]["job_zone"] == 2
    assert [p.name for p in path.parent.iterdir()] == ["extract.json.gz"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("Alternate Titles.txt", None, r"Alternate Titles.txt: no such file"),
        (
            "Related Occupations.txt",
            "O*NET-SOC Code\tRelated O*NET-SOC Code\tIndex\n",
            r"Related Occupations.txt, line 1: the header lacks the column\(s\) Relatedness Tier",
        ),
        (
            "Alternate Titles.txt",
            "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n"
            "43-4051.00\tAgent\tn/a\t08\n12-3456.00\tX\tn/a\t08\n",
            r"Alternate Titles.txt, line 3: occupation 12-3456.00 is not in Occupation Data.txt",
        ),
        (
            "Education, Training, and Experience.txt",
            "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\n"
            "43-4051.00\t2.D.1\tRequired Level of Education\tRL\t1\tlots\n",
            r"Education, Training, and Experience.txt, line 2: Data Value must be a number from 0 to 100, not 'lots'",
        ),
        (
            "Education, Training, and Experience.txt",
            "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\n"
            "43-4051.00\t2.D.1\tRequired Level of Education\tRL\t9\t5\n",
            r"line 2: Category '9' is not a RL category",
        ),
        (
            "Technology Skills.txt",
            "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n"
            "43-4051.00\tZendesk\t43232303\tCRM\tmaybe\tN\n",
            r"Technology Skills.txt, line 2: Hot Technology must be Y or N, not 'maybe'",
        ),
        (
            "Job Zones.txt",
            "O*NET-SOC Code\tJob Zone\n43-4051.00\t2\n43-4051.00\t3\n",
            r"Job Zones.txt, line 3: occupation 43-4051.00 appears more than once",
        ),
        ("Skills.xlsx", "not a workbook", r"Skills.xlsx: not a readable .xlsx workbook"),
    ],
)
def test_bad_file_is_refused_and_nothing_is_written(onet_files, tmp_path, name, change, message):
    path = tmp_path / "extract.json.gz"
    path.write_bytes(b"the previous extract")
    if change is None:
        (onet_files / name).unlink()
    else:
        (onet_files / name).write_text(change, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("build_onet_extract", str(onet_files), "--output", str(path), stdout=StringIO())
    assert path.read_bytes() == b"the previous extract"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([SKILL_HEADER, *skill_rows("43-4051.00", "2.B.1.f", "high", "3")], r"Skills.xlsx, row 2: Data Value must be"),
        (
            [SKILL_HEADER, *skill_rows("43-4051.00", "2.B.1.f", "4", "9")],
            r"Skills.xlsx, row 3: Data Value must be a number from 0 to 7",
        ),
        ([SKILL_HEADER, *skill_rows("43-4051.00", "9.Z", "4", "3")], r"Skills.xlsx, row 2: Element ID '9.Z' is not in"),
        (
            [SKILL_HEADER, *skill_rows("99-0000.00", "2.B.1.f", "4", "3")],
            r"Skills.xlsx, row 2: occupation '99-0000.00'",
        ),
        ([SKILL_HEADER[:4]], r"Skills.xlsx, row 1: the header lacks the column\(s\) Scale ID, Data Value"),
    ],
)
def test_bad_skills_workbook_names_the_row(onet_files, rows, message):
    write_xlsx(onet_files / "Skills.xlsx", rows)
    with pytest.raises(OnetError, match=message):
        build_extract(onet_files)


def test_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="O\\*NET folder not found"):
        call_command("build_onet_extract", str(tmp_path / "nowhere"), "--output", str(tmp_path / "x"))


def test_unreadable_extract(tmp_path):
    path = tmp_path / "broken.json.gz"
    path.write_bytes(gzip.compress(b'{"format": "something else"}'))
    with pytest.raises(OnetError, match="not a careerpath-onet-extract"):
        load_extract(path)
    with pytest.raises(OnetError, match="no such file"):
        load_extract(tmp_path / "absent.json.gz")


# --- The shipped extract (no ../shared needed) -------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> dict:
    return load_extract()


def test_shipped_extract_holds_the_whole_release(shipped):
    occupations = shipped["occupations"]
    assert len(occupations) == 1016
    assert sum(len(o["related"]) for o in occupations.values()) == 18460
    assert sum(bool(o["related"]) for o in occupations.values()) == 923
    assert sum(len(o["alternate_titles"]) for o in occupations.values()) == 55120
    assert len(shipped["skills"]) == 35
    assert all(len(o["skills"]) == 35 for o in occupations.values() if o["skills"])
    assert set(shipped["education_categories"]) == {"RL", "RW", "PT", "OJ"}
    assert len(shipped["wages"]) > 800
    rep = occupations["43-4051.00"]
    assert rep["title"] == "Customer Service Representatives"
    assert ["Customer Service Manager", "", "02,04,06,08,10"] in occupations["43-1011.00"]["alternate_titles"]
    assert abs(sum(rep["education"]["RL"]) - 100) < 1


def test_shipped_extract_names_the_documents_tools(shipped):
    examples = {example: hot for o in shipped["occupations"].values() for example, _, hot, _ in o["technology"]}
    assert examples["Salesforce software"] is True
    assert examples["Microsoft Dynamics"] is True
    # O*NET 29.0 lists neither Zendesk, Zoho Desk nor Freshdesk: the documents' other tools are not in it.
    assert not [e for e in examples if any(tool in e for tool in ("Zendesk", "Zoho Desk", "Freshdesk"))]


def test_shipped_extract_flags_top_coded_wages(shipped):
    chief = shipped["wages"]["11-1011"]
    assert chief["title"] == "Chief Executives"
    assert "pct90" in chief["top_coded"] and chief["pct90"] is None


@needs_real_dataset
def test_shipped_extract_is_the_build_of_the_real_files(shipped):
    assert extract_bytes(build_extract(REAL_DATASET)) == EXTRACT_PATH.read_bytes()
