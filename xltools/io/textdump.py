"""Seed-layout text dumps: tab-separated lines, as copied out of a PDF or a published table, and
tab-separated text as Excel, WPS and LibreOffice save it (文本文件(制表符分隔)).

A record ends at ``\r\n``, ``\r`` or ``\n`` only: U+2028, U+0085, form feed and the like inside a
cell stay in the cell (``str.splitlines`` would split there).  An office program quotes a cell that
holds a line break, a tab or a quote (``"1、…\n2、…"``, ``""`` for a quote inside); when the text
shows such quoting (:func:`looks_quoted`) it is read with the csv module's quoting (dialect
``excel-tab``), rows numbered by record as Excel numbers them and ``line`` the text line a record
starts on.  A plain dump — no cell opening with a quote that closes cleanly — is read line by line
exactly as before, quotes and all.

Encodings tried in order: UTF-8 (with or without BOM), then GB18030 (what Chinese Windows
writes).  Line endings of any kind.  GB18030 decodes almost any bytes, so text it gives without a
word every table header holds (:data:`TABLE_WORDS`) is refused with one line — naming Big5 or
Shift-JIS when the bytes read as a table in one of those — never read as mojibake.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..errors import InputError
from .rows import SourceRow

#: Words every header has one of (``xltools.table`` looks for 项目名称 and 绩效指标 or 总计).
TABLE_WORDS = ("项目", "名称", "指标", "合计", "总计")
#: Encodings whose tables GB18030 turns into mojibake: (codec, name, their header words).
OTHER_ENCODINGS = (
    ("big5", "Big5（繁体中文）", ("項目", "名稱", "指標")),
    ("shift_jis", "Shift-JIS（日文）", ("項目", "名称", "指標")),
)


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (BOM optional) or GB18030; refuse Big5 and Shift-JIS tables, and
    UTF-8 with a damaged byte (a file cut short in a character) rather than guess.

    >>> decode("合计".encode("gb18030"), "x")
    '合计'
    >>> decode("项目名称,合计".encode()[:-1], "t.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    xltools.errors.InputError: t.csv: 第 17 个字节起不是有效的 UTF-8 文字（文件可能被截断或损坏），请重新导出或下载后再试 (...)
    >>> decode("項目名稱,總計".encode("big5"), "t.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    xltools.errors.InputError: t.csv: 文字编码是 Big5（繁体中文），不是 UTF-8 或 GB18030；请用 Excel 打开后另存为... (...)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad_utf8 = e.start
    try:
        text: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and any(w in text for w in TABLE_WORDS):
        return text
    for codec, label, words in OTHER_ENCODINGS:
        try:
            other = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(w in other for w in words):
            raise InputError(f"{name}: 文字编码是 {label}，不是 UTF-8 或 GB18030；请用 Excel 打开后另存为“CSV UTF-8”再试 "
                             f"(the text is {codec}, not UTF-8 or GB18030: save it as CSV UTF-8 and try again)")
    if any(w in data.decode("utf-8", errors="replace") for w in TABLE_WORDS):
        raise InputError(f"{name}: 第 {bad_utf8 + 1} 个字节起不是有效的 UTF-8 文字（文件可能被截断或损坏），"
                         f"请重新导出或下载后再试 (invalid UTF-8 at byte {bad_utf8 + 1}: "
                         "the file is cut short or damaged; export or download it again)")
    # not UTF-8, and no header word in any encoding tried: no table can be read from it
    raise InputError(f"{name}: 文字编码无法识别（不是 UTF-8，按 GB18030 读不出“项目”等表头文字），请用 Excel 打开确认后另存为"
                     "“CSV UTF-8”再试 (unknown text encoding: save it as CSV UTF-8 and try again)")


_RECORD_END = re.compile(r"\r\n|\r|\n")
#: A cell opening and closing with a quote (``""`` inside); possessive, so a search is linear.
_WRAPPED_CELL = re.compile(r'(?:^|(?<=[\t\r\n]))"((?:[^"]++|"")*+)"(?=[\t\r\n]|\Z)')


def looks_quoted(text: str) -> bool:
    """Whether ``text`` is tab text written with quoting: a quoted cell holds a line break, tab or
    ``""`` (why an office program quotes), or quoted cells are as many as half the lines (LibreOffice
    quotes every text cell).  :func:`split_text_rows` then checks that every quote is clean.

    >>> looks_quoted('a\\t"1、x\\n2、y"\\n'), looks_quoted('"a"\\t1\\n"b"\\t2\\n'), looks_quoted('a\\t"放管服"改革\\n')
    (True, True, False)
    """
    if '"' not in text:
        return False
    wrapped = 0
    for m in _WRAPPED_CELL.finditer(text):
        body = m.group(1)
        if "\n" in body or "\r" in body or "\t" in body or '""' in body:
            return True
        wrapped += 1
    return wrapped > 0 and 2 * wrapped >= sum(1 for line in _RECORD_END.split(text) if line.strip())


def _plain_rows(text: str, where: str) -> list[SourceRow]:
    lines = _RECORD_END.split(text)
    if lines and not lines[-1]:
        lines.pop()  # the line end of the last line starts no row
    rows = []
    for n, line in enumerate(lines, 1):
        if "\x00" in line:
            raise InputError(f"{where}:{n}: 不是文本文件 (binary data, not a text table)")
        cells = tuple(c if c.strip() else None for c in line.split("\t"))
        rows.append(SourceRow(cells, where, n))
    return rows


def _quoted_rows(text: str, where: str) -> list[SourceRow] | None:
    """Records of quoted tab text; ``None`` when the quoting is not clean (then it is a plain dump)."""
    if "\x00" in text:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel-tab", strict=True)
    rows: list[SourceRow] = []
    end = 0
    try:
        for n, record in enumerate(reader, 1):
            start, end = end + 1, reader.line_num
            cells = tuple(c if c.strip() else None for c in record) or (None,)
            rows.append(SourceRow(cells, where, n, line=start if start != n else None))
    except csv.Error:  # a stray quote, a cell over csv.field_size_limit(): not an office program's quoting
        return None
    return rows


def split_text_rows(text: str, where: str) -> list[SourceRow]:
    """Rows of tab-separated text: with its quoting when it has some (:func:`looks_quoted`), else one row a line.

    >>> [(r.row, r.line, r.cells) for r in split_text_rows('名称\\t指标\\n"甲"\\t"1、x\\n2、""y""z"\\n乙\\t\\n', "t.txt")]
    [(1, None, ('名称', '指标')), (2, None, ('甲', '1、x\\n2、"y"z')), (3, 4, ('乙', None))]
    >>> [r.cells for r in split_text_rows('甲\\t1、x\\u20282、y\\n\\n"放管服"改革', "t.txt")]
    [('甲', '1、x\\u20282、y'), (None,), ('"放管服"改革',)]
    """
    if looks_quoted(text):
        quoted = _quoted_rows(text, where)
        if quoted is not None:
            return quoted
    return _plain_rows(text, where)


def read_bytes(path: Path) -> bytes:
    """The whole file; an OS error (permission, a vanished file) as one :class:`InputError` line."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: 无法读取 ({e.strerror or e})") from e


def read_text_rows(path: Path) -> list[SourceRow]:
    """Rows of a tab-separated text dump, numbered by line."""
    return split_text_rows(decode(read_bytes(path), str(path)), str(path))
