"""Cached float cells read as Excel shows them (15 significant digits), from every engine.

Excel stores ``=SUM(...)`` results as binary doubles: the seed's 合计 cached as ``4693.630000000001``
must read as ``4693.63``, or ``check`` reports "相差 -0.00" for a table that adds up.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, SEED_XLSX, need_soffice

from xltools.io import read_rows
from xltools.io.rows import cell_text
from xltools.money import MAX_AMOUNT, excel_decimal, parse_money
from xltools.table import read_table
from xltools.totals import reconcile

NOISY = 4693.630000000001  # 4693.63 + one unit in the last place, as =SUM() of the seed's projects caches it

FLOATS = [
    pytest.param(NOISY, "4693.63", id="sum-noise-up"),
    pytest.param(4693.629999999999, "4693.63", id="sum-noise-down"),
    pytest.param(0.1 + 0.2, "0.3", id="tenths"),
    pytest.param(26.2, "26.2", id="plain"),
    pytest.param(1e16, "10000000000000000", id="large-integer"),
    pytest.param(123456789012345.6, "123456789012346", id="past-15-digits-rounds-as-excel-shows"),
    pytest.param(1e-05, "0.00001", id="small"),
    pytest.param(-0.0, "0", id="negative-zero"),
]


@pytest.mark.parametrize(("value", "text"), FLOATS)
def test_cell_text_reads_floats_as_excel_displays_them(value: float, text: str) -> None:
    assert cell_text(value) == text
    assert excel_decimal(value) == Decimal(text)
    if abs(value) < MAX_AMOUNT:
        assert parse_money(value) == Decimal(text)


def noisy_workbook(path: Path) -> Path:
    """The seed with its 合计 and unit subtotal cached as ``4693.630000000001`` (what the projects add up to)."""
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    ws = wb.active
    assert ws["A5"].value == "合计"
    for ref in ("B5", "C5", "B6", "C6"):
        ws[ref] = NOISY
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def noisy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return noisy_workbook(tmp_path_factory.mktemp("noisy") / "noisy.xlsx")


def assert_adds_up(path: Path, engine: str = "calamine") -> None:
    table = read_table(read_rows(path, engine=engine))
    total = next(r for r in table.rows if r.kind == "total")
    assert total.total == Decimal("4693.63")
    assert [f.rule for f in reconcile(table)] == []


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_noisy_cached_total_adds_up(noisy: Path, engine: str) -> None:
    assert b"4693.630000000001" in __import__("zipfile").ZipFile(noisy).read("xl/worksheets/sheet1.xml")
    assert_adds_up(noisy, engine)


def test_a_noisy_cached_total_adds_up_in_xls(noisy: Path, tmp_path: Path) -> None:
    soffice = need_soffice()
    cmd = [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
           "--convert-to", "xls", "--outdir", str(tmp_path), str(noisy)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    xls = tmp_path / "noisy.xls"
    import xlrd

    cached = xlrd.open_workbook(str(xls)).sheet_by_index(0).cell_value(4, 1)
    assert cached == NOISY  # LibreOffice kept the double
    assert_adds_up(xls)


def test_check_reports_no_minus_zero_difference(noisy: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    res = subprocess.run([sys.executable, "-m", "xltools", "check", str(noisy)], capture_output=True, text=True,
                         timeout=300, cwd=ROOT, env=env)
    assert res.returncode in (0, 1), res.stderr
    assert "相差 -0.00" not in res.stdout and "相差 0.00" not in res.stdout
    assert "grand_total_sum" not in res.stdout and "subtotal_sum" not in res.stdout
    assert "表中 4,693.63，计算 4,693.63" in res.stdout
