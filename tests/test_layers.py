"""The package's layers, enforced by reading every module's imports (no import is executed).

* the pure core (model, parsing, tables, checks, join, scoring) imports no adapter of xltools and
  no Excel, workbook, PDF or pandas library;
* only ``xltools/excel/`` imports xlwings;
* nothing imports another module's private name (tests use documented ``TESTING`` hooks).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "xltools"
CORE = {
    "model", "normalize", "_vocab", "values", "grammar", "items", "levels", "formatting", "indicators", "money",
    "table", "findings", "totals", "checks", "detail", "join", "errors", "rulepacks", "scoring",
}
CORE_PACKAGES = {"layouts"}
ADAPTERS = {"io", "export", "forms", "excel", "addin", "yearly", "api", "cli", "cliparse", "cli_yearly", "batch", "atomic"}
HEAVY = {"xlwings", "openpyxl", "xlsxwriter", "python_calamine", "xlrd", "pandas", "pdfplumber", "defusedxml", "tqdm"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(absolute module, imported names, line) for every import in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            out.append((target, names, node.lineno))
            if not node.module:  # from . import x: each name may be a module
                out += [(f"{target}.{n}", [], node.lineno) for n in names]
    return out


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "data" not in p.relative_to(folder).parts)


def is_core(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).parts
    return (len(rel) == 1 and path.stem in CORE) or rel[0] in CORE_PACKAGES


def test_every_module_is_placed_in_a_layer() -> None:
    """A new top-level module must be named core or adapter here (and so be checked)."""
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert (top | folders) - CORE - CORE_PACKAGES - ADAPTERS == set()


@pytest.mark.parametrize("path", [p for p in sources(PACKAGE) if is_core(p)], ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_no_adapter_and_no_heavy_library(path: Path) -> None:
    bad = []
    for target, _, line in imports(path):
        parts = target.split(".")
        if parts[0] in HEAVY or (parts[0] == "xltools" and len(parts) > 1 and parts[1] in ADAPTERS):
            bad.append(f"{path.name}:{line} imports {target}")
    assert not bad


def test_only_the_excel_folder_imports_xlwings() -> None:
    found = [
        f"{p.relative_to(ROOT)}:{line}"
        for p in sources(PACKAGE)
        for target, _, line in imports(p)
        if target.split(".")[0] == "xlwings"
    ]
    assert found and all(f.startswith("xltools/excel/") for f in found), found


@pytest.mark.parametrize("folder", ["xltools", "tests", "benchmarks", "workbooks", "docs"])
def test_no_private_name_crosses_a_module(folder: str) -> None:
    crossing = [
        f"{p.relative_to(ROOT)}:{line} imports {target}.{name}"
        for p in sources(ROOT / folder)
        for target, names, line in imports(p)
        if target.startswith("xltools")
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert not crossing


def test_relative_imports_are_resolved_as_python_resolves_them() -> None:
    """The checker's own footing: ``from .model import …`` in xltools/table.py is xltools.model,
    ``from ..errors import …`` in xltools/io/rows.py is xltools.errors."""
    assert "xltools.model" in {t for t, _, _ in imports(PACKAGE / "table.py")}
    assert "xltools.errors" in {t for t, _, _ in imports(PACKAGE / "io" / "rows.py")}
    assert "xltools.excel.cells" in {t for t, _, _ in imports(PACKAGE / "excel" / "udfs.py")}
