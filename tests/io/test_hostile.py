"""Hostile and awkward input files through the real command line (issue 7 §1).

Refused files: ``xltools check FILE`` and ``xltools convert FILE -o OUT.xlsx`` each exit 2 with
exactly one line on stderr that names the file (and sheet/cell where it applies) and says, in
Chinese and English, what to do; no traceback, no output file or ``*.tmp`` left behind, and the
input byte-identical afterwards (sha256).

Awkward but sound files read: ``check`` exits 0 or 1 and the table is what the user sees.
Decisions recorded here: formulas without a calculated value are refused (open and save in
Excel/WPS); hidden sheets are not read, and a workbook whose data is only on hidden sheets is
refused with "unhide them".
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, SEED_TXT, SEED_XLSX, need_soffice, soffice_convert

from xltools.io import read_rows
from xltools.table import MONEY_KEYS, PerformanceTable, read_table

ENGINES = ("calamine", "openpyxl")
SHEET = "xl/worksheets/sheet1.xml"
SEED_SHEET = "项目支出绩效目标表"


# --- helpers -----------------------------------------------------------------------------------

def cli(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m xltools ARGS`` from the checkout, as a user runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "xltools", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rezip(dst: Path, src: Path = SEED_XLSX, edit: dict[str, Callable[[bytes], bytes]] | None = None,
          add: dict[str, bytes] | None = None, level: int = 6) -> Path:
    """A copy of the package ``src`` with some parts rewritten or added."""
    edit, add = edit or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, edit[info.filename](data) if info.filename in edit else data)
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


def summary(table: PerformanceTable) -> list[tuple[str, tuple[Decimal | None, ...], int]]:
    return [(p.name, tuple(p.amount(k) for k in MONEY_KEYS), len(p.indicators)) for p in table.projects]


@pytest.fixture(scope="session")
def seed_table() -> PerformanceTable:
    return read_table(read_rows(SEED_XLSX))


@pytest.fixture(scope="session")
def seed_xls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return soffice_convert(SEED_XLSX, tmp_path_factory.mktemp("xls"), "xls")


def assert_refused(path: Path, *fragments: str) -> str:
    """Both commands refuse ``path`` with the same one line holding ``fragments``; nothing is written or changed."""
    before = sha256(path)
    folder_before = set(path.parent.iterdir())
    outdir = path.parent / f"{path.stem}_out"
    outdir.mkdir()
    out = outdir / "OUT.xlsx"
    lines = []
    for args in (("check", path), ("convert", path, "-o", out)):
        res = cli(*args)
        assert res.returncode == 2, (args, res.returncode, res.stdout[-2000:], res.stderr[-2000:])
        assert "Traceback" not in res.stdout + res.stderr
        err = res.stderr.splitlines()
        assert len(err) == 1, res.stderr
        line = err[0]
        assert line.startswith("xltools: 错误 error: ") and path.name in line, line
        for fragment in fragments:
            assert fragment in line, (fragment, line)
        assert "请" in line, f"says what to do: {line}"
        assert re.search(r"\([A-Za-z0-9][^)]* [a-z]{3,}", line), f"an English part: {line}"
        assert not out.exists() and list(outdir.iterdir()) == [], "no output file, no *.tmp"
        assert set(path.parent.iterdir()) == folder_before | {outdir}, "nothing written beside the input"
        assert sha256(path) == before, "input unchanged"
        lines.append(line)
    assert lines[0] == lines[1], lines
    return lines[0]


# --- builders of hostile files -------------------------------------------------------------------

def billion_laughs() -> tuple[str, str]:
    """A DOCTYPE of ten entities, each ten of the one before: 10^9 ``lol``s if expanded."""
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return f"<!DOCTYPE lolz [{''.join(ents)}]>", "&lol9;"


def quadratic_blowup() -> tuple[str, str]:
    """One 50,000-character entity referenced 50,000 times: 2.5 GB if expanded."""
    return f'<!DOCTYPE kaboom [<!ENTITY a "{"A" * 50_000}">]>', "&a;" * 50_000


def with_doctype(d: Path, name: str, part: str, attack: Callable[[], tuple[str, str]]) -> Path:
    """The seed with ``attack`` in the sheet XML (a cell's inline string) or in a sharedStrings part."""
    doctype, ref = attack()
    if part == SHEET:
        def edit(xml: bytes) -> bytes:
            s = xml.decode()
            s = s.replace("<t>项目名称（资金使用单位）</t>", f"<t>{ref}</t>", 1)
            return (doctype + s).encode()
        return rezip(d / name, edit={SHEET: edit})
    sst = f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{ref}</t></si></sst>'
    rel = '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    override = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    return rezip(d / name, add={"xl/sharedStrings.xml": sst.encode()}, edit={
        "xl/_rels/workbook.xml.rels": lambda b: b.replace(b"</Relationships>", rel.encode() + b"</Relationships>"),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", override.encode() + b"</Types>"),
        SHEET: lambda b: re.sub(rb'<c r="A1"([^>]*) t="inlineStr"><is><t>[^<]*</t></is></c>', rb'<c r="A1"\1 t="s"><v>0</v></c>', b),
    })


def zip_bomb(d: Path, name: str, mib: int, level: int) -> Path:
    """A package whose sheet is ``mib`` MiB of spaces (a few MB on disk)."""
    path = d / name
    with zipfile.ZipFile(SEED_XLSX) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zout:
        for info in zin.infolist():
            if info.filename != SHEET:
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open(SHEET, "w", force_zip64=True) as f:
            f.write(zin.read(SHEET).replace(b"</worksheet>", b""))
            block = b" " * (1 << 24)
            for _ in range(mib // 16):
                f.write(block)
            f.write(b"</worksheet>")
    return path


def corrupt_entry(d: Path, name: str) -> Path:
    """The seed with bytes in the middle of the sheet's compressed data scribbled on (zip directory intact)."""
    data = bytearray(SEED_XLSX.read_bytes())
    with zipfile.ZipFile(SEED_XLSX) as z:
        info = z.getinfo(SHEET)
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    data[start : start + 16] = bytes(random.Random(5).randrange(256) for _ in range(16))
    (d / name).write_bytes(bytes(data))
    return d / name


def encrypted_xlsx(d: Path, name: str) -> Path:
    """The seed, password-protected as Excel does it (ECMA-376 agile encryption, by msoffcrypto-tool)."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    with SEED_XLSX.open("rb") as src, (d / name).open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("密码123", out)
    return d / name


def encrypted_xls(d: Path, name: str, seed_xls: Path) -> Path:
    """The seed .xls with a FILEPASS record after BOF, as Excel writes a password-protected .xls."""
    olefile = pytest.importorskip("olefile")
    path = d / name
    path.write_bytes(seed_xls.read_bytes())
    ole = olefile.OleFileIO(str(path), write_mode=True)
    stream = ole.openstream("Workbook").read()
    (bof_len,) = struct.unpack("<H", stream[2:4])
    at = 4 + bof_len
    ole.write_stream("Workbook", stream[:at] + struct.pack("<H", 0x2F) + stream[at + 2 :])  # record type -> FILEPASS
    ole.close()
    return path


def uncalculated_formulas(d: Path, name: str) -> Path:
    """The seed with =SUM formulas in the 合计 row, saved by openpyxl (as another office's export
    program would): formulas, no calculated values."""
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    wb.properties.creator = "budget-export"  # the seed says xltools: its own workbooks are exempt
    ws = wb[SEED_SHEET]
    ws["B5"], ws["C5"] = "=SUM(B7:B50)", "=SUM(C7:C50)"
    wb.save(d / name)
    return d / name


def hidden_only(d: Path, name: str) -> Path:
    """The table on a hidden sheet; the visible sheet is empty."""
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    wb.create_sheet("Sheet1", 0)
    wb[SEED_SHEET].sheet_state = "hidden"
    wb.active = 0
    wb.save(d / name)
    return d / name


SEED_CELLS = [[c or "" for c in r.cells] for r in read_rows(SEED_TXT)]


def csv_bytes(rows: list[list[str]], encoding: str, errors: str = "strict") -> bytes:
    return "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows).encode(encoding, errors)


TRADITIONAL = [["項目名稱（資金使用單位）", "總計", "財政撥款", "績效目標", "績效指標"],
               ["合計", "60", "60", "", ""],
               ["區政務服務中心後勤保障費", "40", "40", "保障大廳高效運行", "1、1-產出指標：11-數量指標：維護完成率；年度指標值：>=95%。"]]
JAPANESE = [["項目名称", "総計", "財政支出", "目標", "指標"], ["合計", "60", "60", "", ""], ["庁舎維持管理費", "40", "40", "円滑な運営", "満足度>=90%"]]

# id -> (file name, builder(dir) -> path, fragments the one line must hold)
REFUSED: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "empty-xlsx": (lambda d: _write(d / "empty.xlsx", b""), ("文件是空的", "empty file")),
    "empty-csv": (lambda d: _write(d / "empty.csv", b""), ("文件是空的", "empty file")),
    "empty-txt": (lambda d: _write(d / "empty.txt", b""), ("文件是空的", "empty file")),
    "random-bytes-xlsx": (lambda d: _write(d / "random.xlsx", random.Random(1).randbytes(64 * 1024)),
                          ("不是 Excel 工作簿", "not an Excel workbook")),
    "truncated-zip": (lambda d: _write(d / "truncated.xlsx", SEED_XLSX.read_bytes()[: SEED_XLSX.stat().st_size // 2]),
                      ("工作簿已损坏或不完整", "damaged or incomplete")),
    "zip-head-only": (lambda d: _write(d / "head.xlsx", SEED_XLSX.read_bytes()[:100]), ("工作簿已损坏或不完整",)),
    "corrupt-zip-entry": (lambda d: corrupt_entry(d, "corrupt.xlsx"), ("工作簿已损坏或不完整", "damaged or incomplete")),
    "encrypted-xlsx": (lambda d: encrypted_xlsx(d, "encrypted.xlsx"),
                       ("文件已加密，请先在 Excel 中去掉密码再试 (the workbook is password-protected: remove the password in Excel and try again)",)),
    "billion-laughs-sheet": (lambda d: with_doctype(d, "laughs_sheet.xlsx", SHEET, billion_laughs), (SHEET, "DOCTYPE", "declares entities")),
    "billion-laughs-sharedstrings": (lambda d: with_doctype(d, "laughs_sst.xlsx", "sst", billion_laughs),
                                     ("xl/sharedStrings.xml", "DOCTYPE")),
    "quadratic-blowup-sheet": (lambda d: with_doctype(d, "quadratic_sheet.xlsx", SHEET, quadratic_blowup), (SHEET, "DOCTYPE")),
    "quadratic-blowup-sharedstrings": (lambda d: with_doctype(d, "quadratic_sst.xlsx", "sst", quadratic_blowup),
                                       ("xl/sharedStrings.xml", "DOCTYPE")),
    "zip-bomb-528MiB": (lambda d: zip_bomb(d, "bomb.xlsx", 528, level=1), ("文件解压后过大，疑似压缩炸弹", "expands to 528 MB")),
    "zip-bomb-ratio-1000": (lambda d: zip_bomb(d, "bomb_ratio.xlsx", 64, level=9), ("疑似压缩炸弹", "expands to 64 MB", "times its size")),
    "formulas-without-values": (lambda d: uncalculated_formulas(d, "formulas.xlsx"),
                                (f"formulas.xlsx!{SEED_SHEET}!B5", "共 2 个公式单元格", "请用 Excel 或 WPS 打开并保存后再试", "open and save")),
    "table-only-on-hidden-sheet": (lambda d: hidden_only(d, "hidden.xlsx"), (f"隐藏的工作表“{SEED_SHEET}”", "unhide them in Excel")),
    "csv-utf16-bom": (lambda d: _write(d / "utf16.csv", csv_bytes(SEED_CELLS, "utf-16")), ("UTF-16", "UTF-8")),
    "csv-utf16-no-bom": (lambda d: _write(d / "utf16le.csv", csv_bytes(SEED_CELLS, "utf-16-le")), ("UTF-16",)),
    "csv-big5": (lambda d: _write(d / "big5.csv", csv_bytes(TRADITIONAL, "big5")), ("Big5", "save it as CSV UTF-8")),
    "csv-shift-jis": (lambda d: _write(d / "sjis.csv", csv_bytes(JAPANESE, "shift_jis")), ("Shift-JIS", "save it as CSV UTF-8")),
    "csv-big5-of-simplified-text": (lambda d: _write(d / "big5_mojibake.csv", csv_bytes(SEED_CELLS, "big5", "replace")),
                                    ("文字编码无法识别", "unknown text encoding")),
    "csv-utf8-cut-mid-character": (lambda d: _write(d / "cut.csv", csv_bytes(SEED_CELLS, "utf-8")[:-2]),
                                   ("不是有效的 UTF-8 文字", "cut short or damaged")),
    "txt-euc-kr": (lambda d: _write(d / "euckr.txt", "\n".join("\t".join(r) for r in SEED_CELLS).encode("euc_kr", "replace")),
                   ("文字编码无法识别",)),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(REFUSED))
def test_hostile_file_is_one_line_exit_2_nothing_written(case: str, tmp_path: Path) -> None:
    build, fragments = REFUSED[case]
    path = build(tmp_path)
    line = assert_refused(path, *fragments)
    print(f"{case}: {line}")


def test_encrypted_xls_is_one_line(tmp_path: Path, seed_xls: Path) -> None:
    path = encrypted_xls(tmp_path, "encrypted.xls", seed_xls)
    assert_refused(path, "文件已加密，请先在 Excel 中去掉密码再试")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("attack", [billion_laughs, quadratic_blowup], ids=["billion-laughs", "quadratic"])
def test_engines_themselves_do_not_expand_entities(tmp_path: Path, engine: str, attack: Callable[[], tuple[str, str]]) -> None:
    """Defence in depth, below the package check: calamine refuses unknown entities, openpyxl parses through defusedxml."""
    path = with_doctype(tmp_path, "attack.xlsx", SHEET, attack)
    if engine == "calamine":
        from python_calamine import CalamineError, CalamineWorkbook

        with pytest.raises(CalamineError, match=r"entity|Entit"):
            CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    else:
        from defusedxml import EntitiesForbidden
        from openpyxl import load_workbook

        with pytest.raises(ValueError, match="could not read worksheets") as err:  # openpyxl wraps defusedxml's refusal
            wb = load_workbook(path, read_only=True)
            list(wb.worksheets[0].iter_rows(values_only=True))
        assert isinstance(err.value.__cause__ or err.value.__context__, EntitiesForbidden)


# --- awkward but sound files: they read ---------------------------------------------------------

def check_ok(path: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    res = cli("check", path, timeout=timeout)
    assert res.returncode in (0, 1), (res.returncode, res.stderr[-3000:])
    assert "Traceback" not in res.stdout + res.stderr and res.stderr == ""
    return res


def long_cell_workbook(d: Path) -> tuple[Path, str]:
    """The seed with one 绩效指标 cell (G7) grown to Excel's limit, 32,767 characters."""
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    ws = wb[SEED_SHEET]
    cell = (ws["G7"].value + "另附说明：" + "本项目绩效指标详见附件，" * 3000)[:32_767]
    ws["G7"] = cell
    wb.save(d / "long_cell.xlsx")
    return d / "long_cell.xlsx", cell


def test_32767_character_cell_loses_nothing(tmp_path: Path) -> None:
    path, cell = long_cell_workbook(tmp_path)
    assert len(cell) == 32_767
    for engine in ENGINES:
        rows = read_rows(path, engine=engine)
        assert next(r for r in rows if r.row == 7).cells[6] == cell, engine
        project = next(p for p in read_table(rows).projects if p.location.endswith("!7"))
        assert project.indicators.raw == cell
        assert len(project.indicators) == 8  # the real indicators are still split
        remainder = project.indicators.remainder
        assert remainder.startswith("另附说明:本项目绩效指标详见附件,") and len(remainder) > 32_000
        assert any("未识别的文字" in w.message for w in project.indicators.all_warnings)
    out = check_ok(path).stdout
    assert f"[unparsed_text @ {path}!{SEED_SHEET}!G7]" in out
    assert remainder in out  # the whole remainder is shown, not cut


def formatted_rows(start: int, count: int, cols: str = "ABCDEFG") -> str:
    """Empty rows with a style on every cell, as Excel writes a formatted range below a table."""
    return "".join(f'<row r="{r}" spans="1:{len(cols)}" s="2" customFormat="1">' + "".join(f'<c r="{c}{r}" s="2"/>' for c in cols)
                   + "</row>" for r in range(start, start + count))


def test_100000_formatted_empty_rows_read_as_the_seed(tmp_path: Path, seed_table: PerformanceTable) -> None:
    def edit(xml: bytes) -> bytes:
        xml = xml.replace(b'<dimension ref="A1:G50" />', b'<dimension ref="A1:G100050" />')
        return xml.replace(b"</sheetData>", formatted_rows(51, 100_000).encode() + b"</sheetData>")

    path = rezip(tmp_path / "formatted.xlsx", edit={SHEET: edit})
    for engine in ENGINES:
        table = read_table(read_rows(path, engine=engine))
        assert summary(table) == summary(seed_table), engine
    res = check_ok(path, timeout=300)  # how fast: benchmarks/, not here
    assert "41 个项目，200 个指标" in res.stdout


def test_stale_dimension_with_a_far_cell_does_not_abort(tmp_path: Path, seed_table: PerformanceTable) -> None:
    """``<dimension>`` says A1:G50 but a cell sits at XFD1048576: calamine would build a 16384 x 1048576
    rectangle and abort the process; the package scan sees the real extent and openpyxl reads it."""
    path = rezip(tmp_path / "far.xlsx", edit={SHEET: lambda b: b.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')})
    res = check_ok(path)  # in a subprocess: an abort would be a negative return code
    assert "41 个项目，200 个指标" in res.stdout
    assert summary(read_table(read_rows(path))) == summary(seed_table)


def cached_formulas(xml: bytes) -> bytes:
    """Money cells as Excel writes formulas it has calculated: ``<f>`` and the value in ``<v>``."""
    formulas = {b"B5": b"SUM(B7:B50)", b"C5": b"SUM(C7:C50)", b"B7": b"C7+D7+E7"}

    def cell(m: re.Match[bytes]) -> bytes:
        ref, style, value = m.groups()
        return b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (ref, style, formulas[ref], value)

    out, n = re.subn(rb'<c r="(B5|C5|B7)"( s="\d+")? t="n"><v>([^<]+)</v></c>', cell, xml)
    assert n == 3
    return out


def test_formulas_with_cached_values_read_the_values(tmp_path: Path, seed_table: PerformanceTable) -> None:
    path = rezip(tmp_path / "excel_formulas.xlsx", edit={SHEET: cached_formulas})
    for engine in ENGINES:
        rows = read_rows(path, engine=engine)
        total = next(r for r in rows if r.row == 5)
        assert total.cells[1:3] == ("4693.61", "4693.61"), engine
        assert summary(read_table(rows)) == summary(seed_table)
    assert check_ok(path).returncode == cli("check", SEED_XLSX).returncode


def test_formulas_calculated_by_libreoffice_read_the_values(tmp_path: Path) -> None:
    """openpyxl's formulas (refused, above) once a spreadsheet program has opened and saved them."""
    need_soffice()
    raw = uncalculated_formulas(tmp_path, "formulas.xlsx")
    saved = soffice_convert(raw, tmp_path / "saved", "xlsx")
    expected = sum((p.total for p in read_table(read_rows(SEED_XLSX)).projects if p.total), Decimal(0))
    for engine in ENGINES:
        total = next(r for r in read_rows(saved, engine=engine) if r.row == 5)
        assert Decimal(str(total.cells[1])).quantize(Decimal("0.01")) == expected == Decimal("4693.63")
    res = check_ok(saved)
    assert "4,693.63" in res.stdout or "4693.63" in res.stdout


def merged_header_workbook(d: Path) -> Path:
    """Published layout, header over two rows: 项目名称/绩效目标/绩效指标 merged down, 资金情况 across."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    ws.append(["2024年项目支出绩效目标表"])
    ws.append(["单位：万元"])
    ws.append(["项目名称", "资金情况", None, None, None, "绩效目标", "绩效指标"])
    ws.append([None, "总计", "财政拨款", "财政专户拨款", "其他资金"])
    ws.append(["合计", 60, 60])
    ws.append(["甲项目", 40, 40, None, None, "保障运行", "1、1-产出指标：11-数量指标：维护次数；年度指标值：≥12次。"])
    ws.append(["乙项目", 20, 20, None, None, "完成建设",
               "1、1-产出指标：11-数量指标：建设数量；年度指标值：=1个。2、3-满意度指标：31-服务对象满意度指标：用户满意度；年度指标值：≥90%。"])
    for cells in ("A1:G1", "A3:A4", "B3:E3", "F3:F4", "G3:G4"):
        ws.merge_cells(cells)
    wb.save(d / "merged_header.xlsx")
    return d / "merged_header.xlsx"


def merged_rows_workbook(d: Path) -> Path:
    """Budget-system layout: 项目名称 and 预算数 merged down over each project's indicator rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"])
    ws.append(["甲项目", 40, "产出指标", "数量指标", "维护次数", "≥", 12, "次"])
    ws.append([None, None, "产出指标", "时效指标", "完成时间", "≤", 12, "月"])
    ws.append([None, None, "满意度指标", "服务对象满意度指标", "用户满意度", "≥", 90, "%"])
    ws.append(["乙项目", 20, "产出指标", "数量指标", "建设数量", "=", 1, "个"])
    ws.append([None, None, "效益指标", "社会效益指标", "服务覆盖", "定性", "明显提升", None])
    for cells in ("A2:A4", "B2:B4", "A5:A6", "B5:B6"):
        ws.merge_cells(cells)
    wb.save(d / "merged_rows.xlsx")
    return d / "merged_rows.xlsx"


@pytest.mark.parametrize("engine", ENGINES)
def test_merged_cells_over_the_table(tmp_path: Path, engine: str) -> None:
    table = read_table(read_rows(merged_header_workbook(tmp_path), engine=engine))
    assert (table.title, table.unit, table.layout) == ("2024年项目支出绩效目标表", "万元", "cell")
    assert [(r.name, r.kind, r.total, r.fiscal, len(r.indicators)) for r in table.rows] == [
        ("合计", "total", Decimal(60), Decimal(60), 0), ("甲项目", "project", Decimal(40), Decimal(40), 1),
        ("乙项目", "project", Decimal(20), Decimal(20), 2)]
    table = read_table(read_rows(merged_rows_workbook(tmp_path), engine=engine))
    assert table.layout == "rows"
    assert [(p.name, p.total, [i.name for i in p.indicators]) for p in table.projects] == [
        ("甲项目", Decimal(40), ["维护次数", "完成时间", "用户满意度"]), ("乙项目", Decimal(20), ["建设数量", "服务覆盖"])]
    for path in (tmp_path / "merged_header.xlsx", tmp_path / "merged_rows.xlsx"):
        check_ok(path)


def test_published_layout_project_merged_down_over_two_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "总计", "绩效目标", "绩效指标"])
    ws.append(["甲项目", 40, "保障运行", "1、1-产出指标：11-数量指标：维护次数；年度指标值：≥12次。"])
    ws.append([None, None, None, "2、3-满意度指标：31-服务对象满意度指标：用户满意度；年度指标值：≥90%。"])
    for cells in ("A2:A3", "B2:B3", "C2:C3"):
        ws.merge_cells(cells)
    wb.save(tmp_path / "merged_name.xlsx")
    table = read_table(read_rows(tmp_path / "merged_name.xlsx"))
    assert [(p.name, len(p.indicators)) for p in table.projects] == [("甲项目", 2)]


def hidden_junk_workbook(d: Path) -> Path:
    """The seed between two hidden sheets of junk: dropdown lists after it (very hidden), an old copy before it."""
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    old = wb.create_sheet("旧版", 0)
    old.append(["项目名称", "总计", "绩效指标"])
    old.append(["作废的项目", 999, "1、1-产出指标：11-数量指标：x；年度指标值：1个。"])
    old.sheet_state = "hidden"
    lists = wb.create_sheet("lists")
    for item in ("产出指标", "效益指标", "满意度指标", "数量指标", "质量指标"):
        lists.append([item, 1])
    lists.sheet_state = "veryHidden"
    wb.active = 1
    wb.save(d / "hidden_junk.xlsx")
    return d / "hidden_junk.xlsx"


@pytest.mark.parametrize("engine", ENGINES)
def test_hidden_junk_sheets_do_not_break_the_table(tmp_path: Path, engine: str, seed_table: PerformanceTable) -> None:
    path = hidden_junk_workbook(tmp_path)
    rows = read_rows(path, engine=engine)
    assert {r.where for r in rows} == {f"{path}!{SEED_SHEET}"}
    assert summary(read_table(rows)) == summary(seed_table)


def test_hidden_junk_sheets_in_xls_do_not_break_the_table(tmp_path: Path, seed_table: PerformanceTable) -> None:
    xls = soffice_convert(hidden_junk_workbook(tmp_path), tmp_path / "xls", "xls")
    assert summary(read_table(read_rows(xls))) == summary(seed_table)
    assert "41 个项目，200 个指标" in check_ok(xls).stdout


def test_table_on_a_hidden_sheet_behind_a_cover_sheet(tmp_path: Path) -> None:
    """Documented behaviour: a visible cover sheet with text and the table hidden gives the table
    reader's "no header" line, naming the visible sheet (the hidden table is not read)."""
    from openpyxl import load_workbook

    wb = load_workbook(SEED_XLSX)
    wb.create_sheet("封面", 0)["A1"] = "2024年部门预算"
    wb[SEED_SHEET].sheet_state = "hidden"
    wb.active = 0
    wb.save(tmp_path / "cover.xlsx")
    res = cli("check", tmp_path / "cover.xlsx")
    assert res.returncode == 2 and len(res.stderr.splitlines()) == 1
    assert "cover.xlsx!封面: 找不到表头" in res.stderr


def test_xlsx_named_xls_and_xls_named_xlsx_read(tmp_path: Path, seed_xls: Path) -> None:
    reference = cli("check", SEED_XLSX).stdout
    pairs = [(SEED_XLSX, tmp_path / "really_xlsx.xls"), (seed_xls, tmp_path / "really_xls.xlsx")]
    for src, misnamed in pairs:
        misnamed.write_bytes(src.read_bytes())
        out = check_ok(misnamed).stdout
        assert out.replace(str(misnamed), "F") == reference.replace(str(SEED_XLSX), "F")


def test_csv_in_gb18030_and_utf8_reads(tmp_path: Path) -> None:
    reference = cli("check", SEED_TXT).stdout
    for encoding in ("gb18030", "utf-8-sig", "utf-8"):
        path = _write(tmp_path / f"{encoding}.csv", csv_bytes(SEED_CELLS, encoding))
        assert check_ok(path).stdout.replace(str(path), "F") == reference.replace(str(SEED_TXT), "F")


@pytest.mark.parametrize(("edit", "reason"), [
    pytest.param(lambda b: b.replace(b'<c r="B50"', b'<c r="B5000000"'), "5000000 rows", id="far-row-inside-a-near-row"),
    pytest.param(lambda b: b.replace(b'<c r="G50"', b'<c r="XFD50"'), None, id="far-column-50-rows-is-fine"),
    pytest.param(lambda b: b.replace(b'<c r="G50"', b'<c r="XFD500"'), "500 rows x 16384 columns", id="far-column-500-rows"),
    pytest.param(lambda b: b.replace(b'<c r="A50" ', b"<c "), "without a reference", id="cell-without-reference"),
    pytest.param(lambda b: b.replace(b'<row r="50">', b"<row>"), "without a reference", id="row-without-reference"),
    pytest.param(lambda b: b.replace(b'<c r="A50" ', b'<c\nr="A50" '), "without a reference", id="reference-after-a-newline"),
    pytest.param(lambda b: b.replace(b'<c r="A50" ', b'<x:c r="A50" '), "without a reference", id="namespace-prefix"),
])
def test_calamine_gets_only_sheets_it_can_hold(tmp_path: Path, edit: Callable[[bytes], bytes], reason: str | None) -> None:
    """calamine places rows and cells by their references (or by counting) in a dense rectangle from A1;
    a sheet over MAX_CELLS, or whose extent the scan cannot be sure of, goes to openpyxl."""
    from xltools.io.package import calamine_problem, scan_package

    path = rezip(tmp_path / "odd.xlsx", edit={SHEET: edit})
    problem = calamine_problem(scan_package(path))
    assert problem is None if reason is None else reason in (problem or ""), problem
    assert calamine_problem(scan_package(SEED_XLSX)) is None
