"""Every command works on a per-project form (申报表) input, not only on the seed's published
layout: convert, template and join through xltools.api, and check through the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from openpyxl import load_workbook

from xltools import api
from xltools.normalize import normalize

REAL = DATA / "real"
FORMS = sorted(REAL.glob("0[0-2][0-9]_*.xlsx"))


def form(prefix: str) -> Path:
    (path,) = [p for p in FORMS if p.name.startswith(prefix)]
    return path


@pytest.mark.parametrize("prefix", ["001", "019", "021"])
def test_convert_then_join_gives_back_the_forms_indicators(prefix: str, tmp_path: Path) -> None:
    source = api.load_table(form(prefix))
    checked, out = api.convert(form(prefix), tmp_path / "converted.xlsx")
    assert [p.name for p in checked.table.projects] == [p.name for p in source.projects]
    joined, published = api.join(out, tmp_path / "published.xlsx")
    by_name = {p.name: p for p in joined.table.projects}
    for project in source.projects:
        back = by_name[project.name]
        assert [i.name for i in back.indicators] == [normalize(i.name) for i in project.indicators]  # canonical text
        assert [(i.annual.op, i.annual.number) if i.annual else None for i in back.indicators] == \
               [(i.annual.op, i.annual.number) if i.annual else None for i in project.indicators]
        assert back.total == project.total
    cells = {c.value for row in load_workbook(published).active.iter_rows() for c in row}
    assert all(p.name in cells for p in source.projects)


def test_template_fills_one_standard_form_per_project_of_a_form(tmp_path: Path) -> None:
    source = api.load_table(form("019"))
    (out,) = api.forms(form("019"), tmp_path / "申报表.xlsx")
    wb = load_workbook(out)
    sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(sheets) == len(source.projects) >= 1
    text = {str(c.value) for row in sheets[0].iter_rows() for c in row if c.value is not None}
    assert source.projects[0].name in text
    assert {i.name for i in source.projects[0].indicators} <= text
    back = api.join_table(out).table
    assert [i.name for i in back.projects[0].indicators] == [normalize(i.name) for i in source.projects[0].indicators]


def test_check_on_a_form_reports_its_project_and_indicators() -> None:
    res = subprocess.run([sys.executable, "-m", "xltools", "check", str(form("019")), "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode in (0, 1), res.stderr
    import json

    doc = json.loads(res.stdout)
    source = api.load_table(form("019"))
    assert doc["projects"] == len(source.projects) >= 1
    assert doc["indicators"] == source.indicator_count > 0
