"""The one shape every reader produces."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of a source: its cells (text, or ``None`` for an empty cell) and its location.

    ``where`` is ``"file:line"`` for text dumps and ``"file!Sheet"`` for workbooks, ``row`` the
    1-based line or row number; :meth:`cell` names one cell for a message.

    >>> SourceRow(("a", None), "t.xlsx!Sheet1", 5, is_sheet=True).cell(1)
    't.xlsx!Sheet1!B5'
    >>> SourceRow(("a",), "seed.txt", 12).cell(0)
    'seed.txt:12 (第1列)'
    """

    cells: tuple[str | None, ...]
    where: str
    row: int
    is_sheet: bool = False

    def cell(self, col: int) -> str:
        if self.is_sheet:
            return f"{self.where}!{column_letter(col)}{self.row}"
        return f"{self.where}:{self.row} (第{col + 1}列)"

    @property
    def location(self) -> str:
        return f"{self.where}!{self.row}" if self.is_sheet else f"{self.where}:{self.row}"


def column_letter(col: int) -> str:
    """0 → ``A``, 26 → ``AA``.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out
