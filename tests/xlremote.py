"""Drive the macros on Linux: an xlwings remote Book (the engine of xlwings Server / Lite) built
from a real workbook, and a replay of the actions it records into plain sheets to assert on.

The replay models every action the macros emit — values, fills, fonts, number formats, wrapping,
merges, widths, heights, notes, list validations, names, sheets added/copied/renamed/hidden/deleted —
and raises on an action it does not know, so that a new kind of Excel call cannot go unchecked.

``XLWINGS_LICENSE_KEY=noncommercial`` is set here, for the tests only (PolyForm Noncommercial;
government use is permitted); the classic path never needs a key.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw
from openpyxl import load_workbook

Cell = tuple[int, int]  # 0-based row, column


class UnknownAction(AssertionError):
    """An action the replay does not model: model it here before a macro may emit it."""


def sheet_payload(name: str, values: list[list[Any]]) -> dict[str, Any]:
    grid = [[("" if v is None else v) for v in row] for row in values] or [[""]]
    width = max(len(r) for r in grid)
    return {"name": name, "values": [r + [""] * (width - len(r)) for r in grid], "pictures": [], "tables": [], "notes": []}


def book_payload(path: Path, *, active: int = 0, selection: str = "A1") -> dict[str, Any]:
    wb = load_workbook(path, data_only=True)
    sheets = [sheet_payload(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": active, "selection": selection},
            "names": [], "sheets": sheets}


def remote_book(payload: dict[str, Any]) -> Any:
    return xw.Book(json=copy.deepcopy(payload))  # the engine keeps (and grows) what it is given


@dataclass
class Sheet:
    """One sheet as Excel would hold it: every attribute keyed by 0-based (row, column)."""

    name: str
    values: dict[Cell, Any] = field(default_factory=dict)
    colors: dict[Cell, Any] = field(default_factory=dict)
    fonts: dict[tuple[str, int, int], Any] = field(default_factory=dict)  # (property, row, column)
    number_formats: dict[Cell, str] = field(default_factory=dict)
    wrap: dict[Cell, bool] = field(default_factory=dict)
    merges: set[tuple[int, int, int, int]] = field(default_factory=set)  # first row, first column, rows, columns
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # "B5" -> text
    lists: dict[Cell, dict[str, Any]] = field(default_factory=dict)
    hidden: bool = False


def _cells(a: dict[str, Any]) -> list[Cell]:
    return [(a["start_row"] + r, a["start_column"] + c) for r in range(a["row_count"]) for c in range(a["column_count"])]


class Replay:
    """The workbook as Excel would hold it after the recorded actions."""

    def __init__(self, payload: dict[str, Any], actions: list[dict[str, Any]]) -> None:
        self.sheets: list[Sheet] = []
        for s in payload["sheets"]:
            sheet = Sheet(s["name"])
            sheet.values = {(r, c): v for r, row in enumerate(s["values"]) for c, v in enumerate(row) if v != ""}
            self.sheets.append(sheet)
        self.defined: dict[str, str] = {n["name"]: n["refers_to"] for n in payload.get("names", [])}
        self.alerts: list[str] = []
        self.active = payload["book"].get("active_sheet_index", 0)
        self.funcs = [a["func"] for a in actions]
        for a in actions:
            handler = getattr(self, "_" + a["func"], None)
            if handler is None:
                raise UnknownAction(f"xlremote.Replay does not model the action {a['func']!r}: {a}")
            handler(a)

    # views the tests use ----------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        return [s.name for s in self.sheets]

    @property
    def hidden(self) -> set[str]:
        return {s.name for s in self.sheets if s.hidden}

    @property
    def colors(self) -> dict[tuple[str, int, int], Any]:
        return {(s.name, r, c): v for s in self.sheets for (r, c), v in s.colors.items()}

    @property
    def notes(self) -> dict[tuple[str, str], str]:
        return {(s.name, address): text for s in self.sheets for address, text in s.notes.items()}

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)

    def grid(self, name: str) -> list[list[Any]]:
        cells = self.sheet(name).values
        if not cells:
            return []
        rows = max(r for r, _ in cells) + 1
        cols = max(c for _, c in cells) + 1
        return [[cells.get((r, c)) for c in range(cols)] for r in range(rows)]

    def payload(self, base: dict[str, Any]) -> dict[str, Any]:
        """A new payload: the book as it is now (for a second run)."""
        out = dict(base)
        out["sheets"] = [sheet_payload(n, self.grid(n)) for n in self.names]
        out["names"] = [{"name": k, "refers_to": v, "sheet_index": None, "address": None, "book_scope": True}
                        for k, v in self.defined.items()]
        return out

    # the actions -------------------------------------------------------------------------------
    def _at(self, a: dict[str, Any]) -> Sheet:
        return self.sheets[a["sheet_position"]]

    def _addSheet(self, a: dict[str, Any]) -> None:
        pos, name = a["args"]
        self.sheets.insert(pos, Sheet(name))

    def _copySheet(self, a: dict[str, Any]) -> None:
        position, target, name = a["args"]
        twin = copy.deepcopy(self._at(a))
        twin.name = name
        self.sheets.insert(target + (position == "After"), twin)

    def _sheetDelete(self, a: dict[str, Any]) -> None:
        del self.sheets[a["sheet_position"]]

    def _setSheetName(self, a: dict[str, Any]) -> None:
        self._at(a).name = a["args"][0]

    def _setSheetVisibility(self, a: dict[str, Any]) -> None:
        self._at(a).hidden = a["args"][0] != "Visible"

    def _activateSheet(self, a: dict[str, Any]) -> None:
        self.active = a["args"][0]

    def _setValues(self, a: dict[str, Any]) -> None:
        cells = self._at(a).values
        for r, row in enumerate(a["values"]):
            for c, v in enumerate(row):
                key = (a["start_row"] + r, a["start_column"] + c)
                if v in ("", None):
                    cells.pop(key, None)
                else:
                    cells[key] = v

    def _setRangeColor(self, a: dict[str, Any]) -> None:
        for cell in _cells(a):
            self._at(a).colors[cell] = a["args"][0]

    def _setRangeColors(self, a: dict[str, Any]) -> None:
        for r, row in enumerate(a["args"][0]):
            for c, color in enumerate(row):
                if color != "keep":
                    self._at(a).colors[(a["start_row"] + r, a["start_column"] + c)] = color

    def _setFontProperty(self, a: dict[str, Any]) -> None:
        prop, value = a["args"]
        for r, c in _cells(a):
            self._at(a).fonts[(prop, r, c)] = value

    def _setNumberFormat(self, a: dict[str, Any]) -> None:
        for cell in _cells(a):
            self._at(a).number_formats[cell] = a["args"][0]

    def _setWrapText(self, a: dict[str, Any]) -> None:
        for cell in _cells(a):
            self._at(a).wrap[cell] = a["args"][0]

    def _rangeMerge(self, a: dict[str, Any]) -> None:
        sheet, r0, c0 = self._at(a), a["start_row"], a["start_column"]
        across = a["args"][0]
        rows = [(r, 1) for r in range(r0, r0 + a["row_count"])] if across else [(r0, a["row_count"])]
        for r, n in rows:
            area = (r, c0, n, a["column_count"])
            if any(_overlap(area, m) for m in sheet.merges):
                raise AssertionError(f"{sheet.name}: merge {area} overlaps an existing merge")
            if n * a["column_count"] > 1:
                sheet.merges.add(area)

    def _setColumnWidth(self, a: dict[str, Any]) -> None:
        for c in range(a["start_column"], a["start_column"] + a["column_count"]):
            self._at(a).widths[c] = a["args"][0]

    def _setRowHeight(self, a: dict[str, Any]) -> None:
        for r in range(a["start_row"], a["start_row"] + a["row_count"]):
            self._at(a).heights[r] = a["args"][0]

    def _setDataValidationList(self, a: dict[str, Any]) -> None:
        for cell in _cells(a):
            self._at(a).lists[cell] = a["args"][0]

    def _addNote(self, a: dict[str, Any]) -> None:
        self._at(a).notes[a["args"][0].replace("$", "")] = a["args"][1]

    def _namesAdd(self, a: dict[str, Any]) -> None:
        self.defined[a["args"][0]] = a["args"][1]

    def _alert(self, a: dict[str, Any]) -> None:
        self.alerts.append(a["args"][0])


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
