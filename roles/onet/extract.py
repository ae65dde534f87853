"""
The compact O*NET 29.0 extract the repository ships (``roles/data/onet/onet-29.0.json.gz``).

``build_extract`` reads the raw O*NET files and the BLS OEWS May 2024 national workbook from
``../shared/datasets/onet`` and keeps what the product uses: occupations (title, description,
job zone), their related-occupation links, alternate titles, the 35 skills (importance and
level), the education, training and experience shares, technology skills, and national wages.
``write_extract`` writes it as gzipped JSON with sorted keys and a zero gzip timestamp, so that
building twice gives the same bytes, and writes nothing when anything is wrong (it renames a
finished temporary file into place). ``load_extract`` reads the shipped file: the app never needs
``../shared`` at run time.

Every problem raises ``OnetError`` naming the file and the line (``row`` for a workbook).

What the files carry as anchors (the O*NET "Level Scale Anchors" file is not in the data set):
``Scales Reference.txt`` gives each scale's name and its minimum and maximum only (Importance
1–5, Level 0–7); ``Content Model Reference.txt`` describes each skill, not its levels; the
category texts of ``Education, Training, and Experience Categories.txt`` (e.g. "Over 1 year, up
to and including 2 years") label the RL, RW, PT and OJ categories; ``Job Zone Reference.txt``
describes the five job zones. The extract keeps all four, and no level anchor text.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from roles.onet import CODE_RE, WAGES_FILE, OnetError, _column, _table

FORMAT = "careerpath-onet-extract"
VERSION = 1
EXTRACT_PATH = Path(__file__).resolve().parents[1] / "data" / "onet" / "onet-29.0.json.gz"
RELEASE = "O*NET 29.0 Database, August 2024 Release"
WAGES_RELEASE = "BLS Occupational Employment and Wage Statistics (OEWS), May 2024, national estimates"

OCCUPATIONS_FILE = "Occupation Data.txt"
ZONES_FILE = "Job Zones.txt"
ZONE_REFERENCE_FILE = "Job Zone Reference.txt"
RELATED_FILE = "Related Occupations.txt"
ALTERNATE_FILE = "Alternate Titles.txt"
CONTENT_FILE = "Content Model Reference.txt"
SCALES_FILE = "Scales Reference.txt"
SKILLS_FILE = "Skills.xlsx"
ETE_FILE = "Education, Training, and Experience.txt"
CATEGORIES_FILE = "Education, Training, and Experience Categories.txt"
TECHNOLOGY_FILE = "Technology Skills.txt"
FILES = (
    OCCUPATIONS_FILE,
    ZONES_FILE,
    ZONE_REFERENCE_FILE,
    RELATED_FILE,
    ALTERNATE_FILE,
    CONTENT_FILE,
    SCALES_FILE,
    SKILLS_FILE,
    ETE_FILE,
    CATEGORIES_FILE,
    TECHNOLOGY_FILE,
    WAGES_FILE,
)

TIERS = ("Primary-Short", "Primary-Long", "Supplemental")
ETE_SCALES = ("RL", "RW", "PT", "OJ")  # required education, related work experience, on-site and on-the-job training
SKILL_COLUMNS = ("O*NET-SOC Code", "Element ID", "Scale ID", "Data Value", "Not Relevant")
WAGE_COLUMNS = ("OCC_CODE", "OCC_TITLE", "O_GROUP", "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")
WAGE_FIELDS = {
    "A_MEAN": "mean",
    "A_PCT10": "pct10",
    "A_PCT25": "pct25",
    "A_MEDIAN": "median",
    "A_PCT75": "pct75",
    "A_PCT90": "pct90",
}


# --- Reading helpers ---------------------------------------------------------------------------


def _number(name: str, where: str, value: str | None, column: str, low: float, high: float) -> float:
    """A decimal figure within [low, high], rounded to 2 places so the extract is stable."""
    try:
        number = Decimal(value or "")
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        raise OnetError(f"{name}, {where}: {column} must be a number from {low:g} to {high:g}, not {value!r}")
    return float(round(number, 2))


def _known(name: str, number: int, code: str, occupations: dict, column: str = "O*NET-SOC Code") -> str:
    if not CODE_RE.match(code):
        raise OnetError(f"{name}, line {number}: {column} must look like 43-4051.00, not {code!r}")
    if code not in occupations:
        raise OnetError(f"{name}, line {number}: occupation {code} is not in {OCCUPATIONS_FILE}")
    return code


def xlsx_stream(path: Path) -> Iterator[tuple[int, list[str | None]]]:
    """
    Yield (row number, cell texts) from the first sheet of a workbook, one row at a time.

    The Skills sheet is 35 MB of XML: parse it incrementally and drop each row once read, so
    memory stays at the size of one row plus the shared strings.
    """
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    name = path.name
    if not path.is_file():
        raise OnetError(f"{name}: no such file in {path.parent}")
    try:
        with zipfile.ZipFile(path) as book:
            strings = []
            if "xl/sharedStrings.xml" in book.namelist():
                strings = [
                    "".join(text.text or "" for text in item.iter(f"{ns}t"))
                    for item in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{ns}si")
                ]
            with book.open("xl/worksheets/sheet1.xml") as sheet:
                for _, element in ET.iterparse(sheet, events=("end",)):
                    if element.tag != f"{ns}row":
                        continue
                    cells: dict[int, str | None] = {}
                    for cell in element.iter(f"{ns}c"):
                        kind = cell.get("t")
                        if kind == "inlineStr":
                            text = "".join(t.text or "" for t in cell.iter(f"{ns}t"))
                        else:
                            value = cell.find(f"{ns}v")
                            text = value.text if value is not None else None
                            if kind == "s" and text is not None:
                                text = strings[int(text)]
                        cells[_column(cell.get("r", ""))] = text
                    yield (
                        int(element.get("r") or 0),
                        [cells.get(index) for index in range(max(cells, default=-1) + 1)],
                    )
                    element.clear()
    except (OSError, zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, IndexError) as error:
        raise OnetError(f"{name}: not a readable .xlsx workbook ({error})") from None


def _sheet(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str | None]]]:
    rows = xlsx_stream(path)
    first = next(rows, None)
    if first is None:
        raise OnetError(f"{path.name}, row 1: the sheet is empty; expected a header row")
    header = [(cell or "").strip() for cell in first[1]]
    missing = [column for column in columns if column not in header]
    if missing:
        raise OnetError(f"{path.name}, row {first[0]}: the header lacks the column(s) {', '.join(missing)}")
    for number, values in rows:
        yield number, dict(zip(header, values, strict=False))


# --- Building ----------------------------------------------------------------------------------


def build_extract(directory: str | Path) -> dict:
    """Read and check the raw O*NET and OEWS files; return the extract as a dict."""
    directory = Path(directory)
    if not directory.is_dir():
        raise OnetError(f"O*NET folder not found: {directory}")
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise OnetError(f"{missing[0]}: no such file in {directory}")

    occupations: dict[str, dict] = {}
    for number, row in _table(directory / OCCUPATIONS_FILE, ("O*NET-SOC Code", "Title", "Description")):
        code = row["O*NET-SOC Code"]
        if not CODE_RE.match(code):
            raise OnetError(
                f"{OCCUPATIONS_FILE}, line {number}: O*NET-SOC Code must look like 43-4051.00, not {code!r}"
            )
        if code in occupations:
            raise OnetError(f"{OCCUPATIONS_FILE}, line {number}: occupation {code} appears more than once")
        if not row["Title"]:
            raise OnetError(f"{OCCUPATIONS_FILE}, line {number}: occupation {code} has no title")
        occupations[code] = {
            "title": row["Title"],
            "description": row["Description"],
            "job_zone": None,
            "related": [],
            "alternate_titles": [],
            "skills": {},
            "education": {},
            "technology": [],
        }

    for number, row in _table(directory / ZONES_FILE, ("O*NET-SOC Code", "Job Zone")):
        code = _known(ZONES_FILE, number, row["O*NET-SOC Code"], occupations)
        if row["Job Zone"] not in ("1", "2", "3", "4", "5"):
            raise OnetError(f"{ZONES_FILE}, line {number}: Job Zone must be 1 to 5, not {row['Job Zone']!r}")
        if occupations[code]["job_zone"] is not None:
            raise OnetError(f"{ZONES_FILE}, line {number}: occupation {code} appears more than once")
        occupations[code]["job_zone"] = int(row["Job Zone"])

    job_zones = []
    zone_columns = ("Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range")
    for number, row in _table(directory / ZONE_REFERENCE_FILE, zone_columns):
        if row["Job Zone"] not in ("1", "2", "3", "4", "5"):
            raise OnetError(f"{ZONE_REFERENCE_FILE}, line {number}: Job Zone must be 1 to 5, not {row['Job Zone']!r}")
        job_zones.append(
            {
                "zone": int(row["Job Zone"]),
                "name": row["Name"],
                "experience": row["Experience"],
                "education": row["Education"],
                "training": row["Job Training"],
                "examples": row["Examples"],
                "svp_range": row["SVP Range"],
            }
        )

    seen: set[tuple[str, str]] = set()
    related_columns = ("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index")
    for number, row in _table(directory / RELATED_FILE, related_columns):
        source = _known(RELATED_FILE, number, row["O*NET-SOC Code"], occupations)
        target = _known(RELATED_FILE, number, row["Related O*NET-SOC Code"], occupations, "Related O*NET-SOC Code")
        if row["Relatedness Tier"] not in TIERS:
            raise OnetError(
                f"{RELATED_FILE}, line {number}: Relatedness Tier must be one of {', '.join(TIERS)}, "
                f"not {row['Relatedness Tier']!r}"
            )
        if not row["Index"].isdigit():
            raise OnetError(f"{RELATED_FILE}, line {number}: Index must be a whole number, not {row['Index']!r}")
        if (source, target) in seen:
            raise OnetError(f"{RELATED_FILE}, line {number}: the link {source} → {target} appears more than once")
        seen.add((source, target))
        occupations[source]["related"].append([target, row["Relatedness Tier"], int(row["Index"])])

    alternate_columns = ("O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)")
    for number, row in _table(directory / ALTERNATE_FILE, alternate_columns):
        code = _known(ALTERNATE_FILE, number, row["O*NET-SOC Code"], occupations)
        if not row["Alternate Title"]:
            raise OnetError(f"{ALTERNATE_FILE}, line {number}: the Alternate Title is empty")
        short = "" if row["Short Title"] == "n/a" else row["Short Title"]
        occupations[code]["alternate_titles"].append([row["Alternate Title"], short, row["Source(s)"]])

    elements = {
        row["Element ID"]: (row["Element Name"], row["Description"])
        for _, row in _table(directory / CONTENT_FILE, ("Element ID", "Element Name", "Description"))
    }

    scales = []
    for number, row in _table(directory / SCALES_FILE, ("Scale ID", "Scale Name", "Minimum", "Maximum")):
        low = _number(SCALES_FILE, f"line {number}", row["Minimum"], "Minimum", -1e9, 1e9)
        high = _number(SCALES_FILE, f"line {number}", row["Maximum"], "Maximum", low, 1e9)
        scales.append({"id": row["Scale ID"], "name": row["Scale Name"], "minimum": low, "maximum": high})
    bounds = {scale["id"]: (scale["minimum"], scale["maximum"]) for scale in scales}
    for needed in ("IM", "LV", *ETE_SCALES):
        if needed not in bounds:
            raise OnetError(f"{SCALES_FILE}: the scale {needed} is missing")

    skill_ids: list[str] = []
    for number, row in _sheet(directory / SKILLS_FILE, SKILL_COLUMNS):
        where = f"row {number}"
        code = row["O*NET-SOC Code"] or ""
        if not CODE_RE.match(code) or code not in occupations:
            raise OnetError(f"{SKILLS_FILE}, {where}: occupation {code!r} is not in {OCCUPATIONS_FILE}")
        element, scale = row["Element ID"] or "", row["Scale ID"]
        if element not in elements:
            raise OnetError(f"{SKILLS_FILE}, {where}: Element ID {element!r} is not in {CONTENT_FILE}")
        if scale not in ("IM", "LV"):
            raise OnetError(f"{SKILLS_FILE}, {where}: Scale ID must be IM or LV, not {scale!r}")
        value = _number(SKILLS_FILE, where, row["Data Value"], "Data Value", *bounds[scale])
        entry = occupations[code]["skills"].setdefault(element, [None, None, False])
        if scale == "IM":
            entry[0] = value
        else:
            entry[1] = value
            entry[2] = row["Not Relevant"] == "Y"
        if element not in skill_ids:
            skill_ids.append(element)

    categories: dict[str, dict] = {}
    category_columns = ("Element ID", "Element Name", "Scale ID", "Category", "Category Description")
    for number, row in _table(directory / CATEGORIES_FILE, category_columns):
        if row["Scale ID"] not in ETE_SCALES:
            continue
        if not row["Category"].isdigit():
            raise OnetError(
                f"{CATEGORIES_FILE}, line {number}: Category must be a whole number, not {row['Category']!r}"
            )
        scale = categories.setdefault(
            row["Scale ID"], {"element_id": row["Element ID"], "name": row["Element Name"], "categories": []}
        )
        scale["categories"].append([int(row["Category"]), row["Category Description"]])
    for scale in ETE_SCALES:
        if scale not in categories:
            raise OnetError(f"{CATEGORIES_FILE}: no categories for the scale {scale}")
        categories[scale]["categories"].sort()

    ete_columns = ("O*NET-SOC Code", "Scale ID", "Category", "Data Value")
    for number, row in _table(directory / ETE_FILE, ete_columns):
        code = _known(ETE_FILE, number, row["O*NET-SOC Code"], occupations)
        scale = row["Scale ID"]
        if scale not in ETE_SCALES:
            continue  # the file also rates the importance of some elements (IM); not used
        known = [category for category, _ in categories[scale]["categories"]]
        if not row["Category"].isdigit() or int(row["Category"]) not in known:
            raise OnetError(
                f"{ETE_FILE}, line {number}: Category {row['Category']!r} "
                f"is not a {scale} category in {CATEGORIES_FILE}"
            )
        share = _number(ETE_FILE, f"line {number}", row["Data Value"], "Data Value", *bounds[scale])
        shares = occupations[code]["education"].setdefault(scale, [0.0] * len(known))
        shares[known.index(int(row["Category"]))] = share

    commodities: dict[str, str] = {}
    tech_columns = ("O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand")
    for number, row in _table(directory / TECHNOLOGY_FILE, tech_columns):
        code = _known(TECHNOLOGY_FILE, number, row["O*NET-SOC Code"], occupations)
        for flag in ("Hot Technology", "In Demand"):
            if row[flag] not in ("Y", "N"):
                raise OnetError(f"{TECHNOLOGY_FILE}, line {number}: {flag} must be Y or N, not {row[flag]!r}")
        if not row["Commodity Code"].isdigit():
            raise OnetError(
                f"{TECHNOLOGY_FILE}, line {number}: Commodity Code must be a number, not {row['Commodity Code']!r}"
            )
        commodities[row["Commodity Code"]] = row["Commodity Title"]
        occupations[code]["technology"].append(
            [row["Example"], row["Commodity Code"], row["Hot Technology"] == "Y", row["In Demand"] == "Y"]
        )

    wages: dict[str, dict] = {}
    for number, row in _sheet(directory / WAGES_FILE, WAGE_COLUMNS):
        if row.get("O_GROUP") != "detailed":
            continue
        soc = row.get("OCC_CODE") or ""
        if not CODE_RE.match(soc + ".00"):
            raise OnetError(f"{WAGES_FILE}, row {number}: OCC_CODE must look like 43-4051, not {soc!r}")
        entry: dict = {"title": row.get("OCC_TITLE") or "", "top_coded": []}
        for column, key in WAGE_FIELDS.items():
            text = row.get(column)
            if text == "#":  # published as "#": at or above the top-coding limit
                entry[key] = None
                entry["top_coded"].append(key)
            elif text in (None, "", "*"):  # "*": not available
                entry[key] = None
            else:
                figure = _number(WAGES_FILE, f"row {number}", text, column, 0, 1e7)
                entry[key] = int(figure) if figure == int(figure) else figure
        wages[soc] = entry

    for occupation in occupations.values():
        occupation["related"].sort(key=lambda link: (link[2], link[0]))
        occupation["alternate_titles"].sort()
        occupation["technology"].sort()
        for element, (importance, level, _) in occupation["skills"].items():
            if importance is None or level is None:
                raise OnetError(f"{SKILLS_FILE}: skill {element} of {occupation['title']} lacks its IM or LV row")

    return {
        "format": FORMAT,
        "version": VERSION,
        "release": RELEASE,
        "wages_release": WAGES_RELEASE,
        "scales": scales,
        "job_zones": sorted(job_zones, key=lambda zone: zone["zone"]),
        "skills": [
            {"id": element, "name": elements[element][0], "description": elements[element][1]}
            for element in sorted(skill_ids)
        ],
        "education_categories": categories,
        "commodities": commodities,
        "occupations": occupations,
        "wages": wages,
    }


# --- Writing and reading -----------------------------------------------------------------------


def extract_bytes(extract: dict) -> bytes:
    """Gzipped JSON, sorted keys, no gzip timestamp or file name: the same data gives the same bytes."""
    text = json.dumps(extract, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    return buffer.getvalue()


def write_extract(extract: dict, path: str | Path) -> int:
    """Write the extract to ``path`` through a temporary file renamed into place; return its size."""
    path = Path(path)
    data = extract_bytes(extract)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(data)


def load_extract(path: str | Path = EXTRACT_PATH) -> dict:
    """Read a shipped extract; raise OnetError when it is missing or not one."""
    path = Path(path)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            extract = json.load(handle)
    except FileNotFoundError:
        raise OnetError(f"{path.name}: no such file in {path.parent}") from None
    except (OSError, EOFError, ValueError) as error:
        raise OnetError(f"{path.name}: not a readable O*NET extract ({error})") from None
    if not isinstance(extract, dict) or extract.get("format") != FORMAT or extract.get("version") != VERSION:
        raise OnetError(f"{path.name}: not a {FORMAT} version {VERSION} file")
    return extract
