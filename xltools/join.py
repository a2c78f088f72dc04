"""The way back: structured rows (a ``绩效指标明细`` sheet, possibly edited by hand) -> the
published layout, one row per project with the one-cell 绩效指标 text in the seed's style.

An unedited value keeps its text (``咨询类工单2个工作日内办结`` stays as written); a value whose
符号 / 数值 / 单位 were edited is written anew from those columns (``≥95%``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from .detail import LEVEL_HEADERS, VALUE_HEADERS, VALUE_SLOTS
from .errors import InputError
from .indicators import Indicator, ParsedCell, format_indicators, resolve_levels
from .io.rows import SourceRow
from .model import MONEY_KEYS, PerformanceTable, ProjectRow
from .money import MoneyError, parse_money
from .normalize import normalize
from .values import TargetValue, value_from_parts

__all__ = ["PUBLISH_STYLE", "indicators_from_detail", "publish_text", "table_from_convert"]

#: The seed's published punctuation: full-width ：；，（） (``%`` and ``≥`` stay half-width).
PUBLISH_STYLE = str.maketrans({":": "：", ";": "；", ",": "，", "(": "（", ")": "）"})


def publish_text(indicators: Sequence[Indicator]) -> str:
    """The one-cell text in the seed's published style.

    >>> from xltools import parse_indicators
    >>> publish_text(parse_indicators("1、1-产出指标:11-数量指标:培训人次;实施周期指标值:≥6次;年度指标值:≥6次。"))
    '1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。'
    """
    return format_indicators([replace(i, layout="") for i in indicators]).translate(PUBLISH_STYLE)


def _value(cells: dict[str, str | None], prefix: str) -> TargetValue | None:
    raw, op, number, unit, note = (cells.get(prefix + p) for p in VALUE_HEADERS)
    return value_from_parts(op, number, unit, raw, note)


def indicators_from_detail(rows: Sequence[SourceRow]) -> list[tuple[str, list[Indicator]]]:
    """Group the rows of a ``绩效指标明细`` sheet (header first) by project, in order."""
    if not rows:
        raise InputError("绩效指标明细: 工作表是空的 (the sheet is empty)")
    header = [normalize(c) for c in rows[0].cells]
    if "三级指标" not in header or "项目名称" not in header:
        raise InputError(f"{rows[0].where}: 不是“绩效指标明细”表（缺少“项目名称”“三级指标”列） (not a detail sheet)")
    out: list[tuple[str, list[Indicator]]] = []
    for row in rows[1:]:
        cells = {h: (row.cells[i] if i < len(row.cells) else None) for i, h in enumerate(header) if h}
        project = normalize(cells.get("项目名称"))
        if not project and not normalize(cells.get("三级指标")):
            continue
        if not out or (project and project != out[-1][0]):
            out.append((project or out[-1][0], []))
        inds = out[-1][1]
        fields: dict[str, object] = {
            k: normalize(cells.get(h)) or None for k, h in LEVEL_HEADERS.items() if k not in ("project", "seq")
        }
        resolved, inferred, warns = resolve_levels(fields)
        inds.append(
            Indicator(
                seq=len(inds) + 1,
                level1_code=_s(resolved.get("level1_code")), level1=_s(resolved.get("level1")),
                level2_code=_s(resolved.get("level2_code")), level2=_s(resolved.get("level2")),
                name=normalize(cells.get("三级指标")),
                period=_value(cells, VALUE_SLOTS["period"]),
                annual=_value(cells, VALUE_SLOTS["annual"]),
                raw=" | ".join(c for c in row.cells if c),
                warnings=tuple(warns),
                inferred=frozenset(inferred),
            )
        )
    return out


def _s(x: object) -> str | None:
    return None if x is None else str(x)


_KINDS = {"项目": "project", "占位（略）": "placeholder", "占位(略)": "placeholder"}


def _summary_projects(rows: Sequence[SourceRow]) -> list[ProjectRow]:
    """The project rows of a ``项目汇总`` sheet (the totals block under it has no 类型)."""
    from .table import find_header

    if not rows or (found := find_header(rows[0].cells)) is None:
        return []
    _, cols = found
    kind_col = next((i for i, c in enumerate(rows[0].cells) if normalize(c) == "类型"), None)
    out = []
    for row in rows[1:]:
        cells = {key: (row.cells[i] if i < len(row.cells) else None) for key, i in cols.items()}
        kind = _KINDS.get(normalize(row.cells[kind_col]) if kind_col is not None and kind_col < len(row.cells) else "")
        if not kind or not cells.get("name"):
            continue
        amounts: dict[str, Decimal | None] = {}
        for key in MONEY_KEYS:
            try:
                amounts[key] = parse_money(cells.get(key))
            except MoneyError:
                raise InputError(f"{row.cell(cols[key])}: 金额“{cells.get(key)}”不是数字 (not a number)") from None
        placeholder = ParsedCell(raw="略", text="略", lead="略") if kind == "placeholder" else ParsedCell(raw="", text="")
        out.append(ProjectRow(kind=kind, name=str(cells["name"]).strip(), goal=(cells.get("goal") or "").strip(),
                              indicators=placeholder, location=row.location, total=amounts["total"],
                              fiscal=amounts["fiscal"], special=amounts["special"], other=amounts["other"]))
    return out


def table_from_convert(detail: Sequence[SourceRow], summary: Sequence[SourceRow] = (), source: str = "") -> PerformanceTable:
    """Projects in ``项目汇总`` order (money, goal) with the indicators of ``绩效指标明细``;
    projects found only in the detail sheet (added by hand) follow."""
    grouped = {name: inds for name, inds in indicators_from_detail(detail)}
    projects = []
    for row in _summary_projects(summary):
        inds = grouped.pop(normalize(row.name), None)
        if inds:
            row = replace(row, kind="project", indicators=_cell(inds))
        projects.append(row)
    for name, inds in grouped.items():
        projects.append(ProjectRow(kind="project", name=name, total=None, fiscal=None, special=None, other=None,
                                   goal="", indicators=_cell(inds), location=source))
    return PerformanceTable(source=source, rows=tuple(projects))


def _cell(inds: Sequence[Indicator]) -> ParsedCell:
    text = format_indicators([replace(i, layout="") for i in inds])
    return ParsedCell(raw="", text=text, indicators=tuple(inds))
