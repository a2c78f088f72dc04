"""Readers: a file (or stdin) in, plain rows out.

Every reader yields :class:`SourceRow` — the row's cells as text (or ``None``) and where it
came from (``file:line`` or ``file!Sheet!A5``) — so the table logic never knows the format.
Heavy libraries (openpyxl) are imported only by the reader that needs them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .rows import SourceRow

__all__ = ["SourceRow", "read_rows"]

TEXT_SUFFIXES = {".txt", ".tsv", ".tab", ""}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


def read_rows(path: str | Path) -> list[SourceRow]:
    """Rows of a seed-layout text dump (``.txt``) or a workbook (``.xlsx``/``.xlsm``)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: 文件不存在 (file not found)")
    if p.is_dir():
        raise InputError(f"{p}: 是文件夹，不是文件 (is a directory)")
    suffix = p.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        from .xlsx import read_xlsx_rows

        return read_xlsx_rows(p)
    if suffix in TEXT_SUFFIXES:
        from .textdump import read_text_rows

        return read_text_rows(p)
    raise InputError(f"{p}: 不支持的文件类型 {suffix} (unsupported file type; use .txt or .xlsx)")
