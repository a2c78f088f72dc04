"""Sheets written with openpyxl (``xltools template``), put into the open workbook in few Excel calls.

Every Excel call is a COM round trip in desktop Excel and one recorded action on xlwings' remote
Book (Server / Lite), so a button's cost is its number of calls, and that must grow with the sheets
it writes, not with their cells:

* **classic Excel** (:func:`copy_workbook_sheets`): the file is opened and each sheet is copied into
  the user's workbook with one ``Worksheet.Copy`` — values, formulas, formats, merges, heights and
  validations come along as Excel itself stores them;
* **any engine** (:func:`paint_layout`): a sheet is read once into a :class:`Layout` — values as one
  block, every format as the few rectangles that cover its cells, merges grouped (``merge(across=True)``
  for stacks of one-row merges), widths and heights in runs — and painted with one call per rectangle;
  a sheet whose layout (everything but values and row heights) equals one painted before is made by
  copying that sheet within the workbook, then writing its values and the heights that differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from .bridge import excel_value

__all__ = ["Layout", "Rect", "add_names", "add_sheets_from", "copy_workbook_sheets", "hide", "is_classic", "paint_layout",
           "paint_workbook", "read_layout", "rectangles", "title_in"]

Rect = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based, inclusive)
DEFAULT_SIZE = 11.0


def rectangles(cells: Iterable[tuple[int, int]]) -> list[Rect]:
    """Cover a set of cells with rectangles: runs of columns per row, equal runs of adjacent rows joined.

    >>> rectangles([(1, 1), (1, 2), (2, 1), (2, 2), (3, 5)])
    [(1, 1, 2, 2), (3, 5, 3, 5)]
    """
    by_row: dict[int, list[int]] = {}
    for r, c in sorted(set(cells)):
        by_row.setdefault(r, []).append(c)
    done: list[Rect] = []
    growing: dict[tuple[int, int], int] = {}  # (first column, last column) -> first row, runs still growing down
    last = 0
    for r, cols in sorted(by_row.items()):
        runs, start = [], 0
        for i in range(1, len(cols) + 1):
            if i == len(cols) or cols[i] != cols[i - 1] + 1:
                runs.append((cols[start], cols[i - 1]))
                start = i
        if r != last + 1:
            growing = _close(growing, last, done)
        now = {run: growing.pop(run, r) for run in runs}
        _close(growing, last, done)
        growing, last = now, r
    _close(growing, last, done)
    return sorted(done)


def _close(growing: dict[tuple[int, int], int], last: int, done: list[Rect]) -> dict[tuple[int, int], int]:
    done.extend((first, c1, last, c2) for (c1, c2), first in growing.items())
    return {}


def _address(rect: Rect) -> str:
    r1, c1, r2, c2 = rect
    return f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"


def _runs(values: dict[int, float]) -> list[tuple[int, int, float]]:
    """Adjacent indexes with the same value: ``(first, last, value)``.

    >>> _runs({1: 5.0, 2: 5.0, 3: 8.0, 5: 8.0})
    [(1, 2, 5.0), (3, 3, 8.0), (5, 5, 8.0)]
    """
    out: list[tuple[int, int, float]] = []
    for i in sorted(values):
        if out and out[-1][1] == i - 1 and out[-1][2] == values[i]:
            out[-1] = (out[-1][0], i, values[i])
        else:
            out.append((i, i, values[i]))
    return out


def _merge_groups(merges: Iterable[Rect]) -> list[tuple[Rect, bool]]:
    """Merged ranges as merge calls: one-row merges with the same columns on adjacent rows become one
    ``merge(across=True)`` (Excel merges each row of the range separately).

    >>> _merge_groups([(5, 3, 5, 5), (6, 3, 6, 5), (7, 3, 7, 5), (11, 1, 22, 1)])
    [((5, 3, 7, 5), True), ((11, 1, 22, 1), False)]
    """
    merges = list(merges)
    groups: list[Rect] = []
    for m in sorted((m for m in merges if m[0] == m[2]), key=lambda m: (m[1], m[3], m[0])):
        if groups and _continues(groups[-1], m):
            groups[-1] = (groups[-1][0], m[1], m[2], m[3])
        else:
            groups.append(m)
    return sorted([(m, False) for m in merges if m[0] != m[2]] + [(g, g[0] != g[2]) for g in groups])


def _continues(group: Rect, m: Rect) -> bool:
    return group[1] == m[1] and group[3] == m[3] and group[2] + 1 == m[0]


@dataclass(frozen=True, slots=True)
class Layout:
    """What painting copies from one openpyxl sheet, as ranges."""

    title: str
    hidden: bool
    values: tuple[tuple[object, ...], ...]
    widths: tuple[tuple[int, float], ...]  # column -> width (Excel character units)
    heights: tuple[tuple[int, float], ...]  # row -> height (points)
    merges: tuple[tuple[Rect, bool], ...]  # (range, across)
    formats: tuple[tuple[str, object, tuple[Rect, ...]], ...]  # (attribute, value, ranges)
    lists: tuple[tuple[str, str], ...]  # (range, list formula) of the list validations

    @property
    def skeleton(self) -> tuple[object, ...]:
        """Everything but the values and the row heights: sheets with equal skeletons are copies of each other."""
        return (len(self.values), max((len(r) for r in self.values), default=0), self.widths, self.merges,
                self.formats, self.lists)


def read_layout(ws: Any) -> Layout:
    """Read an openpyxl worksheet into a :class:`Layout` (bold, font size, fill, number format and
    wrapping of every cell, empty ones included: a copy of the sheet may hold values there)."""
    values = tuple(tuple(c.value if c.data_type == "f" else excel_value(c.value) for c in row)
                   for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column))
    merged = [range_boundaries(str(m)) for m in ws.merged_cells.ranges]  # (c1, r1, c2, r2)
    cells: dict[tuple[str, object], set[tuple[int, int]]] = {}
    for row in ws.iter_rows():
        for c in row:
            font, where = c.font, (c.row, c.column)
            if font is not None and (font.b or (font.sz and float(font.sz) != DEFAULT_SIZE)):
                if font.b:
                    cells.setdefault(("bold", True), set()).add(where)
                if font.sz and float(font.sz) != DEFAULT_SIZE:
                    cells.setdefault(("size", float(font.sz)), set()).add(where)
            fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
            if isinstance(fill, str) and len(fill) >= 6:
                cells.setdefault(("color", "#" + fill[-6:].upper()), set()).add(where)
            if c.number_format and c.number_format != "General":
                cells.setdefault(("number_format", c.number_format), set()).add(where)
            if c.alignment is not None and c.alignment.wrap_text:
                cells.setdefault(("wrap_text", True), set()).add(where)
    formats = tuple(sorted(((attr, value, tuple(rectangles(where))) for (attr, value), where in cells.items()), key=repr))
    widths = {_col(letter): float(d.width) for letter, d in ws.column_dimensions.items() if d.width}
    heights = {int(r): float(d.height) for r, d in ws.row_dimensions.items() if d.height}
    lists = tuple((ref, dv.formula1) for dv in ws.data_validations.dataValidation if dv.type == "list" and dv.formula1
                  for ref in str(dv.sqref).split())
    merges = tuple(_merge_groups((r1, c1, r2, c2) for c1, r1, c2, r2 in merged))
    return Layout(title=ws.title, hidden=ws.sheet_state != "visible", values=values, widths=tuple(sorted(widths.items())),
                  heights=tuple(sorted(heights.items())), merges=merges, formats=formats, lists=lists)


def _col(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return int(column_index_from_string(letter))


def paint_layout(layout: Layout, sheet: Any, *, heights_of: Layout | None = None) -> None:
    """Paint ``layout`` into the empty xlwings ``sheet`` (best effort: a feature the engine lacks is left out).

    With ``heights_of`` (the layout the sheet was copied from) only the values and the row heights
    that differ are written: the copy already has everything else.
    """
    width = max((len(r) for r in layout.values), default=0)
    if layout.values and width:
        sheet["A1"].value = [list(r) + [None] * (width - len(r)) for r in layout.values]
    before = dict(heights_of.heights) if heights_of is not None else {}
    changed = {r: h for r, h in layout.heights if before.get(r) != h}
    for r1, r2, h in _runs(changed):
        _set(sheet.range(f"A{r1}:A{r2}"), "row_height", h)
    if heights_of is not None:
        return
    for c1, c2, w in _runs(dict(layout.widths)):
        _set(sheet.range(f"{get_column_letter(c1)}1:{get_column_letter(c2)}1"), "column_width", w)
    for rect, across in layout.merges:
        _call(sheet.range(_address(rect)).merge, across)
    for attr, value, rects in layout.formats:
        for rect in rects:
            rng = sheet.range(_address(rect))
            _set(rng.font, attr, value) if attr in ("bold", "size") else _set(rng, attr, value)
    for ref, formula in layout.lists:
        _set_list(sheet, ref, formula)


def _set_list(sheet: Any, ref: str, formula: str) -> None:
    rng = sheet.range(ref)
    formula = formula if formula.startswith("=") else "=" + formula
    try:  # classic Excel on Windows: the real formula, INDIRECT dependent lists included
        rng.api.Validation.Delete()
        rng.api.Validation.Add(3, 1, 1, formula)
        return
    except Exception:  # noqa: BLE001 - another engine: fall back to a named list
        pass
    name = formula.lstrip("=")
    names = {n.name: n for n in sheet.book.names}
    if name in names:
        _call(rng.data_validation.set_list, names[name])


def _set(target: Any, attr: str, value: object) -> None:
    """Formatting is best effort: an engine that lacks a feature leaves it out, never fails."""
    try:
        setattr(target, attr, value)
    except Exception:  # noqa: BLE001 - a missing feature of one engine
        pass


def _call(action: Any, *args: Any) -> None:
    try:
        action(*args)
    except Exception:  # noqa: BLE001 - a missing feature of one engine
        pass


def is_classic(book: Any) -> bool:
    """Desktop Excel through COM/AppleScript (the engines that can copy a sheet from another workbook)."""
    return type(getattr(book, "impl", None)).__module__.rsplit(".", 1)[-1] in ("_xlwindows", "_xlmac")


def add_sheets_from(book: Any, path: Path, *, status: Callable[[str], object] = print) -> list[str]:
    """Add every sheet of the xltools-written workbook ``path`` to ``book`` (the hidden lists sheet and
    its names once); return the titles of the visible sheets added.  Classic Excel copies the sheets
    across workbooks; elsewhere, or when that fails, they are painted."""
    if is_classic(book):
        try:
            return copy_workbook_sheets(book, path, status=status)
        except Exception:  # noqa: BLE001 - e.g. the file cannot be opened in this Excel: paint instead
            pass
    return paint_workbook(book, path, status=status)


def title_in(book: Any, title: str) -> str:
    """``title``, or ``title(1)``… when the workbook has a sheet of that name."""
    from .bridge import free_title

    return title if title not in {s.name for s in book.sheets} else free_title(book, title)


def paint_workbook(book: Any, path: Path, *, status: Callable[[str], object] = print) -> list[str]:
    """:func:`add_sheets_from` on any engine: hidden sheets first (the lists the forms' names point to),
    each sheet painted, or copied from an earlier one with the same skeleton."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    layouts = sorted((read_layout(ws) for ws in wb.worksheets), key=lambda lay: not lay.hidden)
    existing = {s.name for s in book.sheets}
    painted: dict[tuple[object, ...], tuple[Layout, Any]] = {}
    added: list[str] = []
    for layout in layouts:
        if layout.hidden and layout.title in existing:
            continue  # the lists sheet is already there (an earlier run)
        title = title_in(book, layout.title)
        status(f"xltools：生成“{title}”…")
        earlier = painted.get(layout.skeleton) if not layout.hidden else None
        if earlier is not None:
            sheet = earlier[1].copy(after=book.sheets[len(book.sheets) - 1], name=title)
            paint_layout(layout, sheet, heights_of=earlier[0])
        else:
            sheet = book.sheets.add(title, after=book.sheets[len(book.sheets) - 1])
            paint_layout(layout, sheet)
            painted.setdefault(layout.skeleton, (layout, sheet))
        if layout.hidden:
            add_names(book, wb)
            hide(sheet)
        else:
            added.append(title)
    return added


def hide(sheet: Any) -> None:
    _set(sheet, "visible", False)


def add_names(book: Any, wb: Any) -> None:
    """The defined names of the openpyxl workbook ``wb`` (the dropdown lists), where ``book`` lacks them."""
    for name, dn in wb.defined_names.items():
        try:
            book.names.add(name, "=" + dn.attr_text)
        except Exception:  # noqa: BLE001 - the name exists already
            pass


def copy_workbook_sheets(book: Any, path: Path, *, status: Callable[[str], object] = print) -> list[str]:
    """Classic Excel: open ``path`` and copy each sheet into ``book`` (one ``Worksheet.Copy`` per sheet,
    the hidden lists sheet first so that the names the dropdowns use follow it into ``book``)."""
    app = book.app
    alerts = _get(app, "display_alerts")
    _set(app, "display_alerts", False)  # "the name xl_L1 exists already": keep the workbook's own (same lists)
    source = app.books.open(str(path), update_links=False, read_only=True)
    try:
        sheets = sorted(source.sheets, key=lambda s: s.visible is not False)
        existing = {s.name for s in book.sheets}
        added = []
        for ws in sheets:
            hidden = ws.visible is False
            if hidden and ws.name in existing:
                continue
            title = title_in(book, ws.name)
            status(f"xltools：生成“{title}”…")
            ws.copy(after=book.sheets[len(book.sheets) - 1], name=title)
            if not hidden:
                added.append(title)
        _relink(book, path)
        return added
    finally:
        source.close()
        _set(app, "display_alerts", True if alerts is None else alerts)


def _relink(book: Any, path: Path) -> None:
    """Formulas copied from the temporary file must not keep a link to it: point any such link at ``book``."""
    try:
        links: Sequence[str] = book.api.LinkSources(1) or ()  # xlExcelLinks
        for link in links:
            if Path(str(link)).name == path.name:
                book.api.ChangeLink(link, book.api.FullName, 1)
    except Exception:  # noqa: BLE001 - no links, or an engine without LinkSources (macOS)
        pass


def _get(target: Any, attr: str) -> Any:
    try:
        return getattr(target, attr)
    except Exception:  # noqa: BLE001 - a missing feature of one engine
        return None
