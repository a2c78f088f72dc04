"""What the worksheet functions compute, as pure functions over 2-D lists of cell values.

``xltools.excel.udfs`` (classic ``@xw.func``) and ``xltools.excel.lite`` (xlwings Server / Lite ``@func``)
are thin shells over these.  Every function takes what Excel passes (``None``, numbers, text,
nested lists for ranges) and returns a 2-D list; nothing raises: bad input becomes a short
``#XT! …`` text in the cell.  Results of repeated identical inputs come from caches.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache, wraps
from typing import Any, TypeVar

from ..detail import DETAIL_HEADERS, detail_row
from ..errors import XltoolsError
from ..indicators import ParsedCell, parse_indicators
from ..io.rows import SourceRow, cell_text
from ..money import MoneyError, parse_money
from ..values import TargetValue, parse_value

__all__ = ["ERROR_PREFIX", "xt_check", "xt_count", "xt_join", "xt_num", "xt_split", "xt_value"]

ERROR_PREFIX = "#XT!"
VALUE_PARTS = ("op", "number", "unit", "note")
Grid = list[list[Any]]
F = TypeVar("F", bound=Callable[..., Grid])


def _error(message: str) -> Grid:
    return [[f"{ERROR_PREFIX} {message}"]]


def guarded(func: F) -> F:
    """Any exception becomes a one-cell ``#XT! …`` result (Excel shows no dialog)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Grid:
        try:
            return func(*args, **kwargs)
        except XltoolsError as e:
            return _error(str(e))
        except Exception as e:  # noqa: BLE001 - a worksheet function must never raise into Excel
            return _error(f"{type(e).__name__}: {e}")

    return wrapper  # type: ignore[return-value]


def _grid(values: Any) -> Grid:
    """Excel's argument as a 2-D list (a single cell arrives as a scalar)."""
    if values is None:
        return [[None]]
    if isinstance(values, (list, tuple)):
        if values and isinstance(values[0], (list, tuple)):
            return [list(r) for r in values]
        return [[v] for v in values]
    return [[values]]


def _text(value: Any) -> str:
    return cell_text(value) or ""


@lru_cache(maxsize=8192)
def _parsed(text: str) -> ParsedCell:
    return parse_indicators(text)


def _number(n: Decimal | None) -> float | int | None:
    if n is None:
        return None
    i = int(n)
    return i if i == n and -(10**15) < i < 10**15 else float(n)


@guarded
def xt_split(cells: Any, with_header: Any = False) -> Grid:
    """``=XT_SPLIT(G2:G5, TRUE)``: one row per indicator, the columns of ``绩效指标明细``
    (项目名称 is left empty: a cell does not know its project)."""
    out: Grid = [list(DETAIL_HEADERS)] if with_header else []
    for row in _grid(cells):
        for value in row:
            text = _text(value)
            if text:
                out.extend(detail_row(None, ind, _number) for ind in _parsed(text))
    return out or [[""]]


@guarded
def xt_value(texts: Any, part: Any = None) -> Grid:
    """``=XT_VALUE("≥100个（每年）")`` → ``≥ | 100 | 个 | 每年``; with ``part`` (``"op"``, ``"number"``,
    ``"unit"``, ``"note"``) one column; a range gives one row per cell."""
    wanted = _text(part).lower() if part not in (None, "") else None
    if wanted is not None and wanted not in VALUE_PARTS:
        return _error(f"part 只能是 {'/'.join(VALUE_PARTS)}")
    out: Grid = []
    for row in _grid(texts):
        for value in row:
            text = _text(value)
            v = _value(text)
            empty = dict.fromkeys(VALUE_PARTS)
            fields = {"op": v.op, "number": _number(v.number), "unit": v.unit, "note": v.note} if text else empty
            if v.kind == "qualitative" and text:
                fields["note"] = v.text
            out.append([fields[wanted]] if wanted else [fields[p] for p in VALUE_PARTS])
    return out


@lru_cache(maxsize=8192)
def _value(text: str) -> TargetValue:
    return parse_value(text)


@guarded
def xt_num(texts: Any) -> Grid:
    """``=XT_NUM("４，６９３．６１")`` → 4693.61; a range gives the same shape."""
    out: Grid = []
    for row in _grid(texts):
        line: list[Any] = []
        for value in row:
            try:
                amount = parse_money(value)
            except MoneyError:
                line.append(f"{ERROR_PREFIX} 不是金额")
                continue
            line.append(None if amount is None else _number(amount))
        out.append(line)
    return out


@guarded
def xt_check(cells: Any) -> Grid:
    """``=XT_CHECK(G2)``: the cell's warnings as text (empty when clean); same shape as the input."""
    return [[_warnings(_text(v)) for v in row] for row in _grid(cells)]


def _warnings(text: str) -> str:
    cell = _parsed(text)
    return "；".join(w.message for w in cell.all_warnings)


@guarded
def xt_count(cells: Any) -> Grid:
    """``=XT_COUNT(G2)``: how many indicators the cell holds; same shape as the input."""
    return [[len(_parsed(_text(v))) if _text(v) else 0 for v in row] for row in _grid(cells)]


@guarded
def xt_join(rows: Any) -> Grid:
    """``=XT_JOIN(A2:R9)``: structured rows (the columns of ``绩效指标明细``, with or without its
    header row) back to one cell of text in the published style."""
    from ..join import indicators_from_detail, publish_text

    grid = [[_text(v) or None for v in r] for r in _grid(rows)]
    if not grid or not any(any(r) for r in grid):
        return [[""]]
    header = list(DETAIL_HEADERS)
    if [c or "" for c in grid[0][: len(header)]] == header:
        grid = grid[1:]
    width = len(header)
    source = [SourceRow(tuple(header), "XT_JOIN", 0)]
    for n, r in enumerate(grid, 1):
        cells = (list(r) + [None] * width)[:width]
        cells[0] = cells[0] or "·"  # one project: the rows of one range
        source.append(SourceRow(tuple(cells), "XT_JOIN", n))
    groups = indicators_from_detail(source)
    return [[publish_text([i for _, inds in groups for i in inds])]]
