"""
The apps know each other one way only: coaching uses planner and roles, planner uses roles, and
roles uses neither (docs/architecture.md). Checked on the source, so a bolt-on import inside a
function or a template that reaches into another app fails here too.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Each app, and the apps it must never import: the ones built on it.
NEVER = {
    "planner": {"coaching"},
    "roles": {"planner", "coaching"},
}


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("app", sorted(NEVER))
def test_an_app_never_imports_the_apps_built_on_it(app):
    wrong = [
        (str(path.relative_to(ROOT)), module)
        for path in sorted((ROOT / app).rglob("*.py"))
        for module in _imported_modules(path)
        if module.split(".")[0] in NEVER[app]
    ]

    assert wrong == []


@pytest.mark.parametrize("app", sorted(NEVER))
def test_an_apps_templates_never_name_the_apps_built_on_it(app):
    # A template reaches another app through its URL names ("coaching:…"), its templates
    # ("coaching/…") or its template tags; panels that another app registers are included by variable.
    pattern = re.compile(r"""["'](?:{0})[:/]|{{% *load [^%]*\b(?:{0})_""".format("|".join(NEVER[app])))
    wrong = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates" / app).rglob("*.html"))
        if pattern.search(path.read_text())
    ]

    assert wrong == []


def test_the_check_would_see_a_function_level_import(tmp_path):
    module = tmp_path / "bolt_on.py"
    module.write_text("def f():\n    from coaching.services import notify\n    return notify\n")

    assert "coaching.services" in _imported_modules(module)
