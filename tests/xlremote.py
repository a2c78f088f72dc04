"""Drive the macros on Linux: an xlwings remote Book (the engine of xlwings Server / Lite) built
from a real workbook, and a replay of the actions it records into plain sheets to assert on.

``XLWINGS_LICENSE_KEY=noncommercial`` is set here, for the tests only (PolyForm Noncommercial;
government use is permitted); the classic path never needs a key.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw
from openpyxl import load_workbook


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


class Replay:
    """The workbook as Excel would hold it after the recorded actions (values, fills, notes, names)."""

    def __init__(self, payload: dict[str, Any], actions: list[dict[str, Any]]) -> None:
        self.names = [s["name"] for s in payload["sheets"]]
        self.values: dict[str, dict[tuple[int, int], Any]] = {}
        for s in payload["sheets"]:
            self.values[s["name"]] = {(r, c): v for r, row in enumerate(s["values"]) for c, v in enumerate(row) if v != ""}
        self.colors: dict[tuple[str, int, int], Any] = {}
        self.notes: dict[tuple[str, str], str] = {}
        self.defined: dict[str, str] = {n["name"]: n["refers_to"] for n in payload.get("names", [])}
        self.alerts: list[str] = []
        self.hidden: set[str] = set()
        self.merged: list[tuple[str, int, int, int, int]] = []
        self.funcs = [a["func"] for a in actions]
        for a in actions:
            getattr(self, "_" + a["func"], lambda a: None)(a)

    def _sheet(self, a: dict[str, Any]) -> str:
        return self.names[a["sheet_position"]]

    def _addSheet(self, a: dict[str, Any]) -> None:
        pos, name = a["args"]
        self.names.insert(pos, name)
        self.values[name] = {}

    def _sheetDelete(self, a: dict[str, Any]) -> None:
        name = self.names.pop(a["sheet_position"])
        del self.values[name]

    def _setSheetName(self, a: dict[str, Any]) -> None:
        old = self._sheet(a)
        self.names[a["sheet_position"]] = a["args"][0]
        self.values[a["args"][0]] = self.values.pop(old)

    def _setValues(self, a: dict[str, Any]) -> None:
        cells = self.values[self._sheet(a)]
        for r, row in enumerate(a["values"]):
            for c, v in enumerate(row):
                key = (a["start_row"] + r, a["start_column"] + c)
                if v in ("", None):
                    cells.pop(key, None)
                else:
                    cells[key] = v

    def _setRangeColor(self, a: dict[str, Any]) -> None:
        for r in range(a["row_count"]):
            for c in range(a["column_count"]):
                self.colors[(self._sheet(a), a["start_row"] + r, a["start_column"] + c)] = a["args"][0]

    def _addNote(self, a: dict[str, Any]) -> None:
        self.notes[(self._sheet(a), a["args"][0].replace("$", ""))] = a["args"][1]

    def _namesAdd(self, a: dict[str, Any]) -> None:
        self.defined[a["args"][0]] = a["args"][1]

    def _alert(self, a: dict[str, Any]) -> None:
        self.alerts.append(a["args"][0])

    def _setSheetVisibility(self, a: dict[str, Any]) -> None:
        if a["args"][0] != "Visible":
            self.hidden.add(self._sheet(a))

    def _mergeCells(self, a: dict[str, Any]) -> None:
        self.merged.append((self._sheet(a), a["start_row"], a["start_column"], a["row_count"], a["column_count"]))

    def grid(self, sheet: str) -> list[list[Any]]:
        cells = self.values[sheet]
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
