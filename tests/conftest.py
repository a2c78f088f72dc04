"""Shared paths and data: the seed table and its gold records (copied from ../shared so the
suite runs on a fresh checkout; ``test_shared_copies_match`` keeps the copies honest)."""

from __future__ import annotations

import os

# Tests only: the PolyForm Noncommercial key for xlwings' remote Book and server dispatch (government use is
# permitted). Set before any test module imports xlwings, which reads it once; the classic path never needs it.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_TXT = ROOT / "workbooks" / "sample_seed.txt"
SEED_XLSX = ROOT / "workbooks" / "sample_seed.xlsx"
GOLD_INDICATORS = DATA / "seed_indicators.jsonl"
GOLD_PROJECTS = DATA / "seed_projects.jsonl"
SHARED = ROOT.parent / "shared"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold_projects() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_PROJECTS)


@pytest.fixture(scope="session")
def gold_indicators() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_INDICATORS)


def seed_cells() -> list[tuple[str, str]]:
    """(project name, 绩效指标 cell) of every row of the seed that has one."""
    return [(r["name"], r["indicators_raw"]) for r in load_jsonl(GOLD_PROJECTS) if r["indicators_raw"]]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def need_soffice() -> str:
    """LibreOffice is the independent client: CI installs it (a missing one fails there);
    on a developer machine without it these tests are skipped, saying so."""
    if SOFFICE:
        return SOFFICE
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required under CI: .ci/run installs libreoffice-calc-nogui")
    pytest.skip("LibreOffice (soffice) not installed: apt-get install libreoffice-calc-nogui")


CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice_csv(path: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``path`` as LibreOffice computes it (formulas recalculated on load)."""
    import csv
    import subprocess

    exe = need_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(outdir)}  # a private LibreOffice profile per test
    res = subprocess.run([exe, "--headless", "--convert-to", CSV_FILTER, "--outdir", str(outdir), str(path)],
                         capture_output=True, text=True, timeout=180, env=env)
    assert res.returncode == 0, res.stderr
    sheets = {}
    for f in outdir.glob(f"{path.stem}-*.csv"):
        with f.open(encoding="utf-8", newline="") as fh:
            sheets[f.stem[len(path.stem) + 1 :]] = list(csv.reader(fh))
    assert sheets, res.stdout + res.stderr
    return sheets


def soffice_convert(src: Path, outdir: Path, fmt: str) -> Path:
    """``src`` converted (and recalculated) by LibreOffice, with a private profile."""
    exe = need_soffice()
    profile = (outdir / "lo-profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=180)
    out = outdir / f"{src.stem}.{fmt.split(':')[0]}"
    assert out.exists(), f"soffice did not write {out}"
    return out


def sheet_rows(*lines: tuple[object, ...], where: str = "t.xlsx!Sheet1", start: int = 1) -> list[Any]:
    """Rows of one sheet as a reader gives them: one per line, numbered from ``start``; empty cells
    ``None``, every other cell text; a line with nothing in it is a gap (no row). The table and
    layout tests build their inputs with it."""
    from xltools.io.rows import SourceRow

    out = []
    for n, line in enumerate(lines, start):
        cells = tuple(None if c in (None, "") else str(c) for c in line)
        if any(cells):
            out.append(SourceRow(cells, where, n, is_sheet=True))
    return out


def header_row(ws: Any) -> int:
    """The header row of a sheet ``convert`` wrote (an openpyxl worksheet): below the printed title,
    the row whose first cell is 项目名称 or 序号. The join tests edit the rows under it."""
    return next(r for r in range(1, 7) if str(ws.cell(r, 1).value or "").startswith(("项目名称", "序号")))
