"""Seed-layout text dumps: tab-separated lines, as copied out of a PDF or a published table.

Encodings tried in order: UTF-8 (with or without BOM), then GB18030 (what Chinese Windows
writes).  Line endings of any kind.  GB18030 decodes almost any bytes, so text it gives without a
word every table header holds (:data:`TABLE_WORDS`) is refused with one line — naming Big5 or
Shift-JIS when the bytes read as a table in one of those — never read as mojibake.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .rows import SourceRow

ENCODINGS = ("utf-8-sig", "gb18030")
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


def split_text_rows(text: str, where: str) -> list[SourceRow]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if "\x00" in line:
            raise InputError(f"{where}:{n}: 不是文本文件 (binary data, not a text table)")
        cells = tuple(c if c.strip() else None for c in line.split("\t"))
        rows.append(SourceRow(cells, where, n))
    return rows


def read_bytes(path: Path) -> bytes:
    """The whole file; an OS error (permission, a vanished file) as one :class:`InputError` line."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: 无法读取 ({e.strerror or e})") from None


def read_text_rows(path: Path) -> list[SourceRow]:
    """Rows of a tab-separated text dump, numbered by line."""
    return split_text_rows(decode(read_bytes(path), str(path)), str(path))
