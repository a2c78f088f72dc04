"""``.xlsx``/``.xlsm`` packages (zip files), checked before any engine opens them.

:func:`scan_package` reads the zip's directory, then streams every part once, and refuses with
one line that says what to do a package that is

* damaged: not a zip, cut short, a part failing its CRC.  :mod:`zipfile` stops every part at its
  declared size and checks the CRC, so once the scan has passed the declared sizes are the real ones;
* a zip bomb: more than :data:`MAX_UNCOMPRESSED` bytes declared, more than :data:`MAX_RATIO` times
  its compressed size (above :data:`RATIO_FLOOR`), or more than :data:`MAX_PARTS` parts;
* XML with a ``<!DOCTYPE``: entity declarations ("billion laughs", quadratic blow-up).  No
  spreadsheet program writes one.  calamine refuses the entities and openpyxl parses through
  defusedxml, but neither gets to see them;
* holding formulas without a calculated value (a workbook written by a program and never opened
  in Excel): both engines would read them as blank cells, and a 合计 would vanish without a word.
  xltools' own workbooks are exempt: their formulas are live totals beside the values it wrote.

What it learns of each worksheet (:class:`SheetScan`) tells :func:`calamine_problem` whether
calamine may read the workbook — its work is bounded by the real cells, not the declared extent —
and which rows are hidden (:meth:`Package.hidden_rows`).  The last scan is kept (keyed by the
file's path, size and modification time), so the reader that follows does not read the zip again.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .rows import unreadable

__all__ = ["DENSE_RATIO", "MAX_CELLS", "MAX_RATIO", "MAX_UNCOMPRESSED", "Package", "SheetScan", "calamine_problem",
           "scan_package"]

MAX_UNCOMPRESSED = 512 * 2**20  # 10,000 projects are 8 MB of XML (benchmarks/bench_readers.py): room for 600,000
MAX_RATIO = 200  # real workbooks: 5–20 (10,000 projects: 16; 100,000 formatted empty rows: 13)
RATIO_FLOOR = 16 * 2**20  # a small package may compress as well as it likes
MAX_PARTS = 10_000
MAX_CELLS = 4_000_000  # calamine holds a sheet as a dense rectangle from A1: about 200 MB at this size
#: calamine's work is the dense rectangle of every sheet (one Python value per position): over the
#: workbook it may exceed the real cells by :data:`MAX_CELLS` plus this many times their number.
#: Real tables fill a third of their rectangle or more; 300 sheets with one cell at XFD244 each
#: (1.2 billion positions for 300 cells) go to openpyxl, which reads only the rows that exist.
DENSE_RATIO = 16
DAMAGED = ("工作簿已损坏或不完整，请重新下载，或用 Excel 打开修复后另存为 .xlsx "
           "(damaged or incomplete workbook: download it again, or repair it in Excel and save as .xlsx)")
_CHUNK = 1 << 20
_XML_PART = (".xml", ".rels", ".vml")
_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_ERROR_CELL = (b't="e"', b"t='e'")  # <c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c>
_UNPLACED = re.compile(rb'<(?:c|row)(?: (?!r=")|[\t\r\n/>])')  # <c s="1" r="A1">, <c>, <row>, <c\nr="A1">
_PREFIXED = re.compile(rb"<\w+:(?:c|row)[\s/>]")  # <x:c r="A1">: calamine reads it, the counts here would not
_COLUMN = re.compile(rb'<c r="([A-Za-z]+)')
_ROW_NUMBER = re.compile(rb'<row r="([0-9]+)"')
# a formula cell with no <v>, or an empty one (t="str" with an empty <v> is a formula giving "")
_FORMULA = re.compile(
    rb'<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
    rb"(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_STRING_RESULT = re.compile(rb'\st=["\']str["\']')
_REF = re.compile(rb'\sr="([A-Za-z]+[0-9]+)"')
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b([^>]*)\shidden=["\'](?:1|true)["\']([^>]*)>')
_ROW_REF = re.compile(rb'\sr="([0-9]+)"')


@dataclass(frozen=True, slots=True)
class SheetScan:
    """One worksheet part as the scan saw it: its extent from ``A1`` (every ``r=`` reference),
    whether every row and cell carries one (``plain``), error cells, and formula cells without a value."""

    part: str
    rows: int = 0
    cols: int = 0
    plain: bool = True
    error_cells: bool = False
    uncalculated: tuple[str, ...] = ()
    cells: int = 0  # <c> elements: the real content calamine's dense work is measured against
    hidden_rows: tuple[int, ...] = ()  # rows marked hidden="1" (hidden by hand or by a filter)


@dataclass(frozen=True, slots=True)
class Package:
    """A package that passed :func:`scan_package`, and what it showed of each worksheet.

    ``names`` maps worksheet parts to sheet names (filled in when a sheet has hidden rows)."""

    path: Path
    sheets: tuple[SheetScan, ...]
    names: tuple[tuple[str, str], ...] = ()

    def hidden_rows(self) -> dict[str, frozenset[int]]:
        """Sheet name → the numbers of its hidden rows (only sheets that have some)."""
        names = dict(self.names)
        return {names.get(s.part, s.part): frozenset(s.hidden_rows) for s in self.sheets if s.hidden_rows}


def column_number(letters: str) -> int:
    """``A`` → 1, ``XFD`` → 16384.

    >>> column_number("A"), column_number("g"), column_number("XFD")
    (1, 7, 16384)
    """
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def calamine_problem(package: Package) -> str | None:
    """Why calamine must not read ``package`` (openpyxl reads it instead), or ``None``.

    calamine reads an error cell (``#REF!``) as ``""`` (python-calamine issue #105), and builds
    each sheet as a dense rectangle: one cell at ``XFD1048576`` asks for half a terabyte and
    aborts the process, which no ``except`` catches.  So it reads only sheets whose every row and
    cell names its place and whose extent is at most :data:`MAX_CELLS`; openpyxl reads sparsely.
    """
    for s in package.sheets:
        if s.error_cells:
            return f"{s.part}: error cells"
        if not s.plain:
            return f"{s.part}: rows or cells without a reference"
        if s.rows * s.cols > MAX_CELLS:
            return f"{s.part}: {s.rows} rows x {s.cols} columns"
    area = sum(s.rows * s.cols for s in package.sheets)
    cells = sum(s.cells for s in package.sheets)
    if area > MAX_CELLS + DENSE_RATIO * cells:
        return f"sparse: {cells} cells in {area} positions over {len(package.sheets)} sheets"
    return None


_last: tuple[tuple[object, ...], Package] | None = None


def scan_package(path: Path) -> Package:
    """Check the package at ``path`` (see the module docstring); raises :class:`InputError`.

    The last package that passed is remembered while its file is unchanged (same path, size,
    modification time and inode): :func:`xltools.io.read_rows` scans, then the reader asks again."""
    global _last
    try:
        st = path.stat()
        key: tuple[object, ...] = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
        if _last is not None and _last[0] == key:
            return _last[1]
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            _check_kind(path, {i.filename for i in infos})
            _check_sizes(path, infos)
            found = tuple(s for s in (_scan_part(path, z, info) for info in infos) if s is not None)
            hidden = any(s.hidden_rows for s in found)
            package = Package(path, found, tuple(_sheet_names(z).items()) if hidden else ())
            _check_formulas(z, package)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as e:
        raise unreadable(path, DAMAGED, e) from e
    _last = (key, package)
    return package


#: Zip packages that are not workbooks, by a part only they have: what they are and what to do.
OTHER_PACKAGES = (
    ("word/document.xml", "是 Word 文档（.docx），不是 Excel 工作簿；请打开表格文件，或把表格复制到 Excel 后另存为 .xlsx "
                          "(a Word document, not a workbook: copy the table into Excel and save as .xlsx)"),
    ("ppt/presentation.xml", "是 PowerPoint 演示文稿，不是 Excel 工作簿 (a PowerPoint file, not a workbook)"),
    ("content.xml", "是 OpenDocument 文件（.ods/.odt），请用 WPS、LibreOffice 或 Excel 另存为 .xlsx "
                    "(an OpenDocument file: save it as .xlsx)"),
)


def _check_kind(path: Path, names: set[str]) -> None:
    """A zip that is another kind of document renamed ``.xlsx``: say what it is, not "repair it in Excel".

    >>> _check_kind(Path("a.xlsx"), {"word/document.xml", "[Content_Types].xml"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    xltools.errors.InputError: a.xlsx: 是 Word 文档（.docx），不是 Excel 工作簿；...
    """
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return
    for part, what in OTHER_PACKAGES:
        if part in names:
            raise unreadable(path, what)


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    size = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos), path.stat().st_size)
    if size > MAX_UNCOMPRESSED or (size > RATIO_FLOOR and size / packed > MAX_RATIO) or len(infos) > MAX_PARTS:
        raise unreadable(path, f"文件解压后过大，疑似压缩炸弹，已拒绝；请向发送方索取正常的文件 (the workbook expands to "
                               f"{size / 2**20:,.0f} MB in {len(infos):,} parts, {size / packed:,.0f} times its size: refused)")


@dataclass(slots=True)
class _Tally:
    """What whole rows of one worksheet's XML showed so far (see :class:`SheetScan`)."""

    rows: int = 0
    cols: int = 0
    plain: bool = True
    error_cells: bool = False
    uncalculated: list[str] = field(default_factory=list)
    cells: int = 0
    hidden_rows: list[int] = field(default_factory=list)

    def add(self, data: bytes) -> None:
        columns = _COLUMN.findall(data)
        self.cells += len(columns)
        if b"hidden=" in data:
            for m in _HIDDEN_ROW.finditer(data):
                ref = _ROW_REF.search(m.group(1) + b" " + m.group(2))
                if ref:
                    self.hidden_rows.append(int(ref.group(1)))
        prefixed = (b":c" in data or b":row" in data) and _PREFIXED.search(data)
        if prefixed or _UNPLACED.search(data) or len(columns) != data.count(b'<c r="'):
            self.plain = False  # a row or cell not led by its reference: calamine places it by counting
        self.cols = max([self.cols, *(column_number(c.decode()) for c in set(columns))])
        self.rows = max([self.rows, *map(int, _ROW_NUMBER.findall(data))])
        # a cell may name a row below every <row r>: look at the references with as many digits or more
        self.rows = max([self.rows, *map(int, re.findall(rb'<c r="[A-Za-z]*([0-9]{%d,})"' % len(str(self.rows)), data))])
        self.error_cells = self.error_cells or any(m in data for m in _ERROR_CELL)
        if b"<f" in data or b":f" in data:
            for m in _FORMULA.finditer(data):
                attrs, value = m.group(1), m.group(2)
                if value is None or not _STRING_RESULT.search(attrs):
                    ref = _REF.search(attrs)
                    self.uncalculated.append(ref.group(1).decode() if ref else "?")


def _scan_part(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> SheetScan | None:
    """Stream one part (every part: a bad CRC anywhere shows); the facts of a worksheet, else ``None``."""
    name = info.filename
    is_xml = name.lower().endswith(_XML_PART)
    is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    tally = _Tally()
    buf = b""
    with z.open(info) as f:
        while block := f.read(_CHUNK):
            if not is_xml:
                continue
            buf += block
            if any(d in buf for d in _DOCTYPE):
                raise unreadable(path, f"{name} 含有 DOCTYPE（XML 实体声明，常见于恶意文件），已拒绝；"
                                       "请向发送方索取用 Excel 另存的 .xlsx "
                                       "(the workbook's XML declares entities: refused; ask for a copy saved by Excel)")
            if not is_sheet:
                buf = buf[-32:]
                continue
            cut = max(buf.rfind(b"</row>"), buf.rfind(b":row>"))  # whole rows only: no cell is cut in two
            if cut < 0 and len(buf) < 16 * _CHUNK:
                continue
            cut = len(buf) if cut < 0 else buf.index(b">", cut) + 1
            tally.add(buf[:cut])
            buf = buf[cut:]
    if not is_sheet:
        return None
    tally.add(buf)
    return SheetScan(name, tally.rows, tally.cols, tally.plain, tally.error_cells, tuple(tally.uncalculated),
                     tally.cells, tuple(tally.hidden_rows))


def _check_formulas(z: zipfile.ZipFile, package: Package) -> None:
    todo = [s for s in package.sheets if s.uncalculated]
    if not todo or _written_by_xltools(z):
        return
    count = sum(len(s.uncalculated) for s in todo)
    where = f"{package.path}!{_sheet_names(z).get(todo[0].part, todo[0].part)}!{todo[0].uncalculated[0]}"
    raise unreadable(where, f"公式没有计算结果（共 {count} 个公式单元格；文件由程序生成，未在 Excel 中计算过），"
                            f"请用 Excel 或 WPS 打开并保存后再试 ({count} formula cells have no calculated value: "
                            "open and save the file in Excel or WPS, then try again)")


def _written_by_xltools(z: zipfile.ZipFile) -> bool:
    try:
        return b"<dc:creator>xltools</dc:creator>" in z.read("docProps/core.xml")
    except KeyError:
        return False


def _sheet_names(z: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, from ``xl/workbook.xml`` and its relationships (``{}`` if unreadable)."""
    from defusedxml.ElementTree import fromstring

    try:
        rels = {r.get("Id"): r.get("Target", "") for r in fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        names = {}
        for sheet in fromstring(z.read("xl/workbook.xml")).iterfind(".//{*}sheet"):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = rels.get(rid, "")
            names[target.lstrip("/") if target.startswith("/") else "xl/" + target] = sheet.get("name", "")
        return names
    except Exception:  # a name for a message only: the part name will do  # noqa: BLE001 - library errors of every kind become one InputError line
        return {}
