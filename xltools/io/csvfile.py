"""CSV files (.csv) as Excel and budget systems write them.

* encoding: UTF-8 (BOM optional), else GB18030 (what Chinese Excel writes) — see
  :func:`xltools.io.textdump.decode`; UTF-16 and binary data are refused with one clear line;
* delimiter: ``,``, tab or ``;``, sniffed (:func:`sniff_delimiter`);
* quoted cells may span lines.  ``row`` is the record number (the row Excel shows when it opens
  the file); ``line`` the text line the record starts on when that differs.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from .rows import SourceRow, row_cells, unreadable
from .textdump import TABLE_WORDS, decode, read_bytes

__all__ = ["parse_csv", "read_csv_rows", "sniff_delimiter", "stream_csv_rows"]

DELIMITERS = (",", "\t", ";")
SAMPLE = 64 * 1024
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def sniff_delimiter(text: str) -> str:
    """The delimiter (``,`` tab ``;``) that gives the most records of one width above 1.

    Title lines (one cell) do not vote; ``,`` wins when nothing splits.

    >>> sniff_delimiter('标题\\n项目名称;总计;绩效指标\\n"a,b";1,5;x\\nc;2;y\\n')
    ';'
    >>> sniff_delimiter('项目名称\\t总计\\n"1、产出,数量"\\t40.00\\n'), sniff_delimiter("一列\\n两行\\n")
    ('\\t', ',')
    """
    sample = text[:SAMPLE]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = Counter(len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if len(r) > 1)
        except csv.Error:
            continue
        if widths:
            width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
            if (count, width) > best_score:
                best, best_score = delimiter, (count, width)
    return best


def parse_csv(text: str, where: str, delimiter: str | None = None) -> list[SourceRow]:
    """Non-empty records of ``text`` as rows; blank cells are ``None``, trailing ones dropped.

    >>> [(r.row, r.line, r.cells) for r in parse_csv('a,b\\n"多\\n行",\\n\\nc,d\\n', "t.csv")]
    [(1, None, ('a', 'b')), (2, None, ('多\\n行',)), (4, 5, ('c', 'd'))]
    """
    return list(_records(csv.reader(_lines(text), delimiter=delimiter or sniff_delimiter(text)), where))


def _records(reader: Any, where: str) -> Iterator[SourceRow]:
    n = end = 0
    try:
        for record in reader:
            n, start, end = n + 1, end + 1, reader.line_num
            cells = row_cells(record)
            if cells:
                yield SourceRow(cells, where, n, line=start if start != n else None)
    except csv.Error as e:  # a field over csv.field_size_limit(), a stray NUL
        raise unreadable(f"{where}:{n + 1}", "CSV 格式错误 (malformed CSV)", e) from e


#: A text line with its ending: ``\r\n``, ``\r`` or ``\n`` only, as ``newline=""`` reads a file
#: (``str.splitlines`` would also cut at U+2028 and form feeds inside cells).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, for :mod:`csv` (an ``io.StringIO`` of a big file would
    hold a second copy of it at 4 bytes a character).

    >>> list(_lines("a\\r\\nb\\rc\\n\\nd\\u2028e"))
    ['a\\r\\n', 'b\\r', 'c\\n', '\\n', 'd\\u2028e']
    """
    return (m.group() for m in _LINE.finditer(text))


def read_csv_rows(path: Path) -> list[SourceRow]:
    """Rows of a ``.csv`` file, encoding and delimiter detected."""
    data = read_bytes(path)
    if data.startswith(_UTF16_BOMS) or b"\x00" in data:
        raise unreadable(path, "是 UTF-16 或二进制文件，请用 Excel 打开后另存为“CSV UTF-8”再试 "
                               "(UTF-16 or binary, not a CSV: save it as CSV UTF-8 and try again)")
    text = decode(data, str(path))
    del data  # the bytes are not needed while the text is read
    return parse_csv(text, str(path))


#: Bytes read at a time while a big file's encoding is found (:func:`stream_csv_rows`).
CHUNK = 1 << 20


def _clean_encoding(path: Path) -> str | None:
    """The encoding :func:`~xltools.io.textdump.decode` would choose for the whole file, found a
    chunk at a time: ``utf-8-sig``, or ``gb18030`` when the text holds a table word; ``None`` for
    anything else (UTF-16, binary, damaged, other encodings), which the whole-file reader refuses
    with its own message."""
    found = dict.fromkeys(("utf-8-sig", "gb18030"), True)
    decoders = {name: codecs.getincrementaldecoder(name)() for name in found}
    words = False
    tail = ""
    try:
        with path.open("rb") as f:
            first = True
            while chunk := f.read(CHUNK):
                if b"\x00" in chunk or (first and chunk.startswith(_UTF16_BOMS)):
                    return None
                first = False
                for name, decoder in decoders.items():
                    if not found[name]:
                        continue
                    try:
                        text = decoder.decode(chunk)
                    except UnicodeDecodeError:
                        found[name] = False
                        continue
                    if name == "gb18030" and not words:
                        words = any(w in tail + text for w in TABLE_WORDS)
                        tail = text[-4:]
                if not any(found.values()):
                    return None
            for name, decoder in decoders.items():
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    found[name] = False
    except OSError as e:
        raise unreadable(path, "无法读取 (cannot read)", e) from e
    if found["utf-8-sig"]:
        return "utf-8-sig"
    return "gb18030" if found["gb18030"] and words else None


def stream_csv_rows(path: Path) -> Iterator[SourceRow] | None:
    """The rows of a ``.csv`` file one at a time, the file never whole in memory (a check of a
    big file): the same rows as :func:`read_csv_rows`, or ``None`` when its encoding needs the
    whole-file reader (to refuse it with the right message)."""
    encoding = _clean_encoding(path)
    return None if encoding is None else _stream(path, encoding)


def _stream(path: Path, encoding: str) -> Iterator[SourceRow]:
    try:
        with path.open(encoding=encoding, newline="") as f:
            head = f.read(SAMPLE)  # the delimiter from the same first characters as the whole-file reader
            if head.endswith("\r"):
                head += f.read(1)
            if head and not head.endswith(("\n", "\r")):
                head += f.readline()
            reader = csv.reader(chain(_lines(head), f), delimiter=sniff_delimiter(head))
            yield from _records(reader, str(path))
    except OSError as e:
        raise unreadable(path, "无法读取 (cannot read)", e) from e
