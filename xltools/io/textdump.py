"""Seed-layout text dumps: tab-separated lines, as copied out of a PDF or a published table.

Encodings tried in order: UTF-8 (with or without BOM), then GB18030 (what Chinese Windows
writes).  Line endings of any kind.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .rows import SourceRow

ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (BOM optional) or GB18030.

    >>> decode("合计".encode("gb18030"), "x")
    '合计'
    """
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: 无法识别的文字编码，请另存为 UTF-8 (unknown text encoding; save as UTF-8)")


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
