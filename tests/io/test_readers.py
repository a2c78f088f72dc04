"""Readers: the seed as text dump, .xlsx (both engines), .xls and .csv (three encodings, three
delimiters) gives one table; junk of every kind gives one ``InputError`` line naming the file."""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_TXT, SEED_XLSX, need_soffice

from xltools.errors import InputError
from xltools.io import read_rows
from xltools.io.calamine import openpyxl_needed
from xltools.io.csvfile import parse_csv, sniff_delimiter
from xltools.io.rows import SourceRow
from xltools.table import MONEY_KEYS, PerformanceTable, read_table

ENGINES = ("calamine", "openpyxl")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Under CI a missing LibreOffice fails (need_soffice); on a bare developer machine these skip, saying why.
needs_soffice = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice (soffice) builds the .xls fixtures")


def to_xls(src: Path, outdir: Path) -> Path:
    """``src`` converted by LibreOffice, with a private profile (parallel runs do not collide)."""
    soffice = need_soffice()
    profile = (outdir / "lo-profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls", "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    out = outdir / (src.stem + ".xls")
    assert out.exists(), f"soffice did not write {out}"
    return out


def write_csv(rows: list[list[str]], path: Path, encoding: str, delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def seed_cells(multiline_goals: bool = False) -> list[list[str]]:
    rows = [[c or "" for c in r.cells] for r in read_rows(SEED_TXT)]
    if multiline_goals:  # a line break inside the 绩效目标 cells, as Alt+Enter in Excel gives
        rows = [[*r[:5], r[5].replace("，", "，\n", 1), *r[6:]] if len(r) > 5 else r for r in rows]
    return rows


@pytest.fixture(scope="session")
def seed_xls_or_none(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    return to_xls(SEED_XLSX, tmp_path_factory.mktemp("xls")) if SOFFICE or os.environ.get("CI") else None


@pytest.fixture(scope="session")
def seed_xls(seed_xls_or_none: Path | None) -> Path:
    if seed_xls_or_none is None:
        pytest.skip("LibreOffice (soffice) builds the .xls fixtures")
    return seed_xls_or_none


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> a file holding the seed table."""
    d = tmp_path_factory.mktemp("seed")
    cells = seed_cells()
    out = {
        "csv-utf8": write_csv(cells, d / "utf8.csv", "utf-8"),
        "csv-utf8-bom": write_csv(cells, d / "bom.csv", "utf-8-sig"),
        "csv-gb18030": write_csv(cells, d / "gb18030.csv", "gb18030"),
        "csv-gb18030-tab": write_csv(cells, d / "tab.csv", "gb18030", "\t"),
        "csv-utf8-semicolon": write_csv(cells, d / "semicolon.csv", "utf-8-sig", ";"),
        "csv-multiline-cells": write_csv(seed_cells(multiline_goals=True), d / "multiline.csv", "gb18030"),
        "xlsx-named-xls": d / "really_xlsx.xls",
        "xlsx-named-csv": d / "really_xlsx.csv",
    }
    shutil.copy(SEED_XLSX, out["xlsx-named-xls"])
    shutil.copy(SEED_XLSX, out["xlsx-named-csv"])
    return out


def summary(table: PerformanceTable) -> list[tuple[str, tuple[Decimal | None, ...], int]]:
    return [(p.name, tuple(p.amount(k) for k in MONEY_KEYS), len(p.indicators)) for p in table.projects]


@pytest.fixture(scope="session")
def reference() -> PerformanceTable:
    return read_table(read_rows(SEED_TXT))


def check_same_table(table: PerformanceTable, reference: PerformanceTable) -> None:
    assert len(table.projects) == 41
    assert table.indicator_count == 200
    assert summary(table) == summary(reference)
    assert table.unit == reference.unit == "万元"


def test_reference_is_the_seed(reference: PerformanceTable) -> None:
    assert len(reference.projects) == 41 and reference.indicator_count == 200
    assert sum(p.amount("total") or 0 for p in reference.projects) == Decimal("4693.63")


@pytest.mark.parametrize("engine", ENGINES)
def test_xlsx_gives_the_seed_table(engine: str, reference: PerformanceTable) -> None:
    check_same_table(read_table(read_rows(SEED_XLSX, engine=engine)), reference)


@pytest.mark.parametrize(
    "name",
    ["csv-utf8", "csv-utf8-bom", "csv-gb18030", "csv-gb18030-tab", "csv-utf8-semicolon", "csv-multiline-cells",
     "xlsx-named-xls", "xlsx-named-csv"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_source_gives_the_seed_table(name: str, engine: str, sources: dict[str, Path], reference: PerformanceTable) -> None:
    check_same_table(read_table(read_rows(sources[name], engine=engine)), reference)


@needs_soffice
def test_xls_gives_the_seed_table(seed_xls: Path, reference: PerformanceTable) -> None:
    check_same_table(read_table(read_rows(seed_xls)), reference)


@needs_soffice
def test_xls_named_xlsx_gives_the_seed_table(seed_xls: Path, tmp_path: Path, reference: PerformanceTable) -> None:
    renamed = tmp_path / "really_xls.xlsx"
    shutil.copy(seed_xls, renamed)
    check_same_table(read_table(read_rows(renamed)), reference)


@needs_soffice
def test_workbook_rows_are_the_same_from_every_engine(seed_xls: Path) -> None:
    calamine, openpyxl, xls = read_rows(SEED_XLSX), read_rows(SEED_XLSX, engine="openpyxl"), read_rows(seed_xls)
    assert calamine == openpyxl
    assert [(r.row, r.cells) for r in xls] == [(r.row, r.cells) for r in calamine]
    total = next(r for r in calamine if r.cells[0] == "合计")
    assert (total.where, total.row, total.is_sheet) == (f"{SEED_XLSX}!项目支出绩效目标表", 5, True)
    assert total.cells[1:3] == ("4693.61", "4693.61")  # a float cell, no binary noise
    assert total.cell(1) == f"{SEED_XLSX}!项目支出绩效目标表!B5"


@needs_soffice
def test_cell_values_are_the_same_text_from_every_engine(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "值"
    ws.append(["文本", 4693.61, 40, 40.0, 0.1, -0.0, 1e-05, True, dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 8, 30)])
    ws.append([None, None, "#DIV/0!", "#REF!", "  ", 13.5])  # error cells (data_type "e") and a blank
    ws["C5"] = "第5行"
    wb.create_sheet("空")
    wb.create_sheet("二")["B2"] = "第二张表"
    wb.save(tmp_path / "types.xlsx")
    expected = [
        ("值", 1, ("文本", "4693.61", "40", "40", "0.1", "0", "0.00001", "TRUE", "2024-03-05", "2024-03-05T08:30:00")),
        ("值", 2, (None, None, "#DIV/0!", "#REF!", None, "13.5")),
        ("值", 5, (None, None, "第5行")),
        ("二", 2, (None, "第二张表")),
    ]
    xls = to_xls(tmp_path / "types.xlsx", tmp_path)
    for path, engine in [(tmp_path / "types.xlsx", "calamine"), (tmp_path / "types.xlsx", "openpyxl"), (xls, "calamine")]:
        rows = read_rows(path, engine=engine)
        assert [(r.where.split("!")[-1], r.row, r.cells) for r in rows] == expected, (path, engine)


def test_calamine_hands_error_cells_and_far_cells_to_openpyxl(tmp_path: Path) -> None:
    from openpyxl import Workbook

    for name, far in [("error.xlsx", None), ("far.xlsx", "XFD1048576"), ("tall.xlsx", "G1048576")]:
        wb = Workbook()
        wb.active["A1"] = "#REF!" if far is None else "项目名称"
        if far:
            wb.active[far] = "x"  # calamine would build a dense A1:far rectangle (XFD: abort)
        wb.save(tmp_path / name)
        assert openpyxl_needed(tmp_path / name)
        rows = read_rows(tmp_path / name)
        assert rows == read_rows(tmp_path / name, engine="openpyxl")
        if far is None:
            assert rows[0].cells == ("#REF!",)
        else:
            assert (rows[-1].row, rows[-1].cells[-1]) == (int(far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), "x")
    assert openpyxl_needed(SEED_XLSX) is None


def test_unknown_engine_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="engine"):
        read_rows(SEED_XLSX, engine="pandas")


# --- csv details -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        pytest.param("标题\n项目名称,总计,绩效指标\n合计,\"4,693.61\",\n", ",", id="comma-quoted-thousands"),
        pytest.param("标题\n项目名称\t总计\t绩效指标\n合计\t4,693.61\t\n", "\t", id="tab-with-commas-in-cells"),
        pytest.param("项目名称;总计;绩效指标\n合计;4693,61;\"a;b\"\n", ";", id="semicolon-decimal-comma"),
        pytest.param("单位：万元\n只有一列\n", ",", id="one-column"),
    ],
)
def test_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_multiline_records_are_numbered_by_record_and_note_their_line() -> None:
    rows = parse_csv('项目名称,绩效目标\n甲,"第一行\r\n第二行"\n\n乙,目标\n', "t.csv")
    assert [(r.row, r.line, r.cells) for r in rows] == [
        (1, None, ("项目名称", "绩效目标")),
        (2, None, ("甲", "第一行\r\n第二行")),
        (4, 5, ("乙", "目标")),
    ]
    assert rows[2].location == "t.csv:4 (文本第5行起)" and not rows[2].is_sheet


def test_csv_rows_name_the_file(sources: dict[str, Path]) -> None:
    rows = read_rows(sources["csv-multiline-cells"])
    assert {r.where for r in rows} == {str(sources["csv-multiline-cells"])}
    assert any(r.line for r in rows) and all(not r.is_sheet for r in rows)


# --- junk --------------------------------------------------------------------------------------

def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def junk_files(d: Path) -> list[Path]:
    rng = random.Random(20240601)
    noise = rng.randbytes(4096)
    xlsx = SEED_XLSX.read_bytes()
    files = {
        "empty.xlsx": b"", "empty.xls": b"", "empty.csv": b"", "empty.txt": b"",
        "random.xlsx": noise, "random.xls": noise, "random.csv": noise, "random.txt": noise,
        "truncated.xlsx": _truncated(xlsx), "truncated_zip.xls": _truncated(xlsx),
        "truncated_zip.csv": _truncated(xlsx), "zip_head_only.xlsx": xlsx[:30],
        "not_a_workbook.xlsx": b"PK\x03\x04" + noise,
        "utf16.csv": "项目名称,总计\n合计,4693.61\n".encode("utf-16"),
        "utf16_no_bom.csv": "项目名称,总计\n合计,4693.61\n".encode("utf-16-le"),
        "web_page.xls": "<html><table><tr><td>项目名称</td></tr></table></html>".encode(),
        "ole_head_only.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise[:500],
        "report.pdf": b"%PDF-1.4",
    }
    paths = []
    for name, data in files.items():
        (d / name).write_bytes(data)
        paths.append(d / name)
    return [*paths, d / "missing.xlsx", d]


def _assert_junk(paths: list[Path], engine: str) -> None:
    for path in paths:
        with pytest.raises(InputError) as err:
            read_rows(path, engine=engine)
        message = str(err.value)
        assert path.name in message and "\n" not in message, message


@pytest.mark.parametrize("engine", ENGINES)
def test_junk_is_one_input_error_line_naming_the_file(tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    _assert_junk(junk_files(junk), engine)
    assert capsys.readouterr() == ("", "")  # xlrd's warnings do not leak to stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_xls_is_one_input_error_line(tmp_path: Path, engine: str, seed_xls: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Needs a real .xls (LibreOffice makes it): without one this is reported as skipped, not dropped."""
    (tmp_path / "truncated.xls").write_bytes(_truncated(seed_xls.read_bytes()))
    _assert_junk([tmp_path / "truncated.xls"], engine)
    assert capsys.readouterr() == ("", "")


def _damage_samples() -> dict[str, bytes]:
    samples = {".xlsx": SEED_XLSX.read_bytes(), ".txt": SEED_TXT.read_bytes()}
    samples[".csv"] = "\n".join(",".join(r) for r in seed_cells()).encode("gb18030")
    return samples


@pytest.mark.parametrize("engine", ENGINES)
def test_damaged_files_never_raise_anything_but_input_error(tmp_path: Path, engine: str) -> None:
    """Cut and scribbled-on copies of every sample: rows or one InputError, nothing else."""
    _damage(_damage_samples(), tmp_path, engine, 60)


@pytest.mark.parametrize("engine", ENGINES)
def test_damaged_xls_never_raises_anything_but_input_error(tmp_path: Path, engine: str, seed_xls: Path) -> None:
    """The same for a real .xls (reported as skipped without LibreOffice)."""
    _damage({".xls": seed_xls.read_bytes()}, tmp_path, engine, 20)


def _damage(samples: dict[str, bytes], tmp_path: Path, engine: str, rounds: int) -> None:
    rng = random.Random(7)
    for i in range(rounds):
        suffix, data = rng.choice(sorted(samples.items()))
        if i % 2:
            data = data[: rng.randrange(1, len(data))]
        else:
            scribbled = bytearray(data)
            for _ in range(rng.randint(1, 30)):
                scribbled[rng.randrange(len(scribbled))] = rng.randrange(256)
            data = bytes(scribbled)
        path = tmp_path / f"damaged{i}{rng.choice([suffix, '.xlsx', '.xls', '.csv'])}"
        path.write_bytes(data)
        try:
            rows = read_rows(path, engine=engine)
        except InputError as e:
            assert path.name in str(e) and "\n" not in str(e)
        else:
            assert all(isinstance(r, SourceRow) for r in rows)
