"""Tab-separated text as Excel, WPS and LibreOffice save it (文本文件(制表符分隔)): quoted cells may span
lines and hold doubled quotes; plain dumps (the seed) read exactly as before; no Unicode line
separator inside a cell splits a row."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import SEED_TXT, SEED_XLSX, SHARED, need_soffice

from xltools.io import read_rows
from xltools.io.rows import SourceRow
from xltools.io.textdump import split_text_rows
from xltools.table import PerformanceTable, read_table

SEED_DUMP = SHARED / "seed" / "000_054ceea5f7155cfe.txt"


def rows_as_before(path: Path) -> list[SourceRow]:
    """The plain reader as it was: one row per line (``\\r\\n``, ``\\r``, ``\\n``), cells split at tabs."""
    text = path.read_bytes().decode("utf-8-sig")
    return [SourceRow(tuple(c if c.strip() else None for c in line.split("\t")), str(path), n)
            for n, line in enumerate(text.splitlines(), 1)]


@pytest.mark.parametrize("path", [SEED_TXT, SEED_DUMP], ids=["sample_seed.txt", "shared-seed"])
def test_plain_dumps_read_exactly_as_before(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not present")
    assert read_rows(path) == rows_as_before(path)


def summary(table: PerformanceTable) -> list[tuple[str, str, object, int]]:
    return [(r.kind, r.name, r.total, len(r.indicators)) for r in table.rows]


def multiline_seed(path: Path) -> Path:
    """The seed with line breaks inside its 绩效指标 cells (Alt+Enter before each item) and a quoted word in a
    绩效目标, as finance staff's tables have them."""
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    ws = wb.active
    for row in ws.iter_rows(min_row=7, min_col=6, max_col=7):
        goal, cell = row
        if isinstance(cell.value, str):
            cell.value = cell.value.replace("。2、", "。\n2、").replace("。3、", "。\r\n3、")
        if isinstance(goal.value, str):
            goal.value = goal.value.replace("政务服务", '"政务服务"', 1)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def saved_as_tab_text(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the workbook, what LibreOffice saves as tab-separated text: every text cell quoted)."""
    soffice = need_soffice()
    tmp = tmp_path_factory.mktemp("tabtext")
    book = multiline_seed(tmp / "seed_multiline.xlsx")
    cmd = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
           "--convert-to", "csv:Text - txt - csv (StarCalc):9,34,76,1", "--outdir", str(tmp), str(book)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    text = tmp / "seed_multiline.txt"
    (tmp / "seed_multiline.csv").rename(text)
    return book, text


def test_tab_text_saved_by_an_office_program_reads_like_the_workbook(saved_as_tab_text: tuple[Path, Path]) -> None:
    book, text = saved_as_tab_text
    raw = text.read_text(encoding="utf-8")
    assert '\n2、' in raw and '""政务服务""' in raw  # quoted cells across lines, doubled quotes inside
    from_text, from_book = read_table(read_rows(text)), read_table(read_rows(book))
    assert from_text.indicator_count == 200
    assert summary(from_text) == summary(from_book)
    assert [p.goal for p in from_text.projects] == [p.goal for p in from_book.projects]
    assert any('"政务服务"' in p.goal for p in from_text.projects)  # the quotes the user typed, and no others
    assert not any(p.name.startswith('"') for p in from_text.rows)


def test_quoted_records_number_rows_as_excel_does() -> None:
    text = '项目名称\t绩效指标\n"甲"\t"1、产出\n2、""效益"""\n乙\t3、满意度\n'
    rows = split_text_rows(text, "t.txt")
    assert [(r.row, r.line, r.cells) for r in rows] == [
        (1, None, ("项目名称", "绩效指标")),
        (2, None, ("甲", '1、产出\n2、"效益"')),
        (3, 4, ("乙", "3、满意度")),
    ]


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\f", "\v", "\x85", "\x1c", "\x1d", "\x1e"])
def test_unicode_line_separators_inside_a_cell_do_not_split_rows(sep: str) -> None:
    text = f"项目名称\t绩效指标\n甲\t1、产出{sep}2、效益\n乙\t3、满意度\n"
    rows = split_text_rows(text, "t.txt")
    assert [r.cells for r in rows] == [("项目名称", "绩效指标"), ("甲", f"1、产出{sep}2、效益"), ("乙", "3、满意度")]


@pytest.mark.parametrize("text", [
    pytest.param('项目名称\t绩效目标\n甲\t"放管服"改革\n', id="quote-then-text"),
    pytest.param('项目名称\t绩效目标\n甲\t推进"放管服\n乙\t改革"\t1\n', id="quote-inside-a-cell"),
    pytest.param('项目名称\t绩效目标\n甲\t"未闭合\n乙\t2\n', id="unclosed-quote"),
])
def test_plain_dumps_with_stray_quotes_stay_plain(text: str) -> None:
    rows = split_text_rows(text, "t.txt")
    lines = text.splitlines()
    assert [r.cells for r in rows] == [tuple(c if c.strip() else None for c in line.split("\t")) for line in lines]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("sep", ["\u2028", "\f", "\x85"])
def test_csv_lines_end_only_at_cr_or_lf(end: str, sep: str) -> None:
    """The CSV reader cuts lines where a file read with ``newline=""`` does — never at U+2028,
    form feed or NEL inside a cell — and keeps a quoted cell's own line break."""
    from xltools.io.csvfile import parse_csv

    text = end.join(["项目名称,绩效指标", f"甲,1、产出{sep}2、效益", '乙,"3、满意度', '4、时效"', "丙,5、成本"])
    rows = parse_csv(text, "t.csv")
    assert [r.cells for r in rows] == [
        ("项目名称", "绩效指标"), ("甲", f"1、产出{sep}2、效益"), ("乙", f"3、满意度{end}4、时效"), ("丙", "5、成本")]
    assert [(r.row, r.line) for r in rows] == [(1, None), (2, None), (3, None), (4, 5)]
