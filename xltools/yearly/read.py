"""Filled 监控表 / 自评表 rows -> :class:`~xltools.yearly.evaluate.ProjectInput` (pure: rows in).

Two families: forms xltools wrote (found by their title and ``评分规则：…（pack）`` line; read by
position, :mod:`xltools.yearly.layout`), and 自评表 published or exported by budget systems (read
by :func:`xltools.table.read_table`, whose indicator grid keeps 实际完成值 / 分值 / 得分 / 偏差原因 in
``Indicator.extra``; the 项目资金 block and the 总分 line are found here by their labels).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ..model import SourceRow
from ..money import parse_money
from ..normalize import normalize
from ..values import parse_value
from .evaluate import ProjectInput, RowInput
from .layout import BUDGET_ROW, FIRST_ROW, MONITOR, PACK_LABEL, SELFEVAL

__all__ = ["read_filled"]

_PACK = re.compile(r"（([^（）]+)）\s*$")
_POINTS = re.compile(r"(\d+(?:\.\d+)?)分")


def _num(text: str | None) -> Decimal | None:
    if text is None or not text.strip():
        return None
    t = normalize(text).strip().replace(",", "")
    pct = t.endswith("%")
    value: Decimal | None
    try:
        value = Decimal(t[:-1] if pct else t)
    except ArithmeticError:
        try:
            value = parse_money(t)
        except Exception:  # noqa: BLE001 - any cell that is not an amount is "no number"
            return None
    if value is None:
        return None
    return value / 100 if pct else value


def _cell(rows: dict[int, SourceRow], r: int, col: str) -> str | None:
    row = rows.get(r)
    i = ord(col) - 65
    if row is None or i >= len(row.cells):
        return None
    value = row.cells[i]
    return value.strip() if value and value.strip() else None


def _ours(sheet: Sequence[SourceRow]) -> tuple[str, str] | None:
    """``(kind, pack)`` of a form xltools wrote, else ``None``."""
    by_row = {r.row: r for r in sheet}
    title = _cell(by_row, 1, "A")
    kind = next((lay.kind for lay in (SELFEVAL, MONITOR) if title == lay.title), None)
    line = next((c for c in (by_row[2].cells if 2 in by_row else ()) if c and c.startswith(PACK_LABEL)), None)
    m = _PACK.search(line or "")
    return (kind, m.group(1)) if kind and m else None


def _read_ours(sheet: Sequence[SourceRow], kind: str) -> ProjectInput:
    rows = {r.row: r for r in sheet}
    where = sheet[0].where
    b = BUDGET_ROW
    out = []
    r = FIRST_ROW
    label = (MONITOR if kind == "monitor" else SELFEVAL).total_label
    while r <= max(rows) and _cell(rows, r, "A") != label:
        text = _cell(rows, r, "D")
        target = parse_value(text) if text else None
        pct = bool(target and target.is_quantitative and target.unit in ("%", "百分比"))
        monitor = kind == "monitor"
        out.append(RowInput(
            level1=_cell(rows, r, "A"), level2=_cell(rows, r, "B"), name=_cell(rows, r, "C") or "", target=target,
            actual=_cell(rows, r, "E"), points=None if monitor else _num(_cell(rows, r, "F")),
            hand_score=None if monitor else _num(_cell(rows, r, "G")), reason=_cell(rows, r, "I"),
            possibility=_cell(rows, r, "J") if monitor else None, location=f"{where}!E{r}", percent_cell=pct,
        ))
        r += 1
    name = _cell(rows, 3, "B") or where
    if kind == "monitor":
        month = _num(_cell(rows, 2, "B"))
        return ProjectInput(name, kind, _num(_cell(rows, b, "C")), _num(_cell(rows, b, "D")), tuple(out),
                            month=int(month) if month and 1 <= month <= 12 else None, budget_reason=_cell(rows, b, "I"),
                            location=f"{where}!D{b}", strict=True)
    budget = _num(_cell(rows, b, "D"))
    return ProjectInput(name, kind, budget if budget is not None else _num(_cell(rows, b, "C")), _num(_cell(rows, b, "E")),
                        tuple(out), budget_points=_num(_cell(rows, b, "F")), hand_budget_score=_num(_cell(rows, b, "H")),
                        budget_reason=_cell(rows, b, "I"), hand_total=_num(_cell(rows, r, "G")),
                        location=f"{where}!E{b}", strict=True)


_BUDGET = ("全年预算数", "调整后预算数", "预算数", "全年预算数(A)", "预算数(A)")
_START = ("年初预算数", "年初预算", "年初预算数(A)")
_EXEC = ("全年执行数", "执行数", "预算执行数", "全年执行数(B)", "执行数(B)")


def _canon(text: str | None) -> str:
    return re.sub(r"\s", "", normalize(text or ""))


def _budget(sheet: Sequence[SourceRow]) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
    """(budget, executed, points, score) from a foreign form's 项目资金 block."""
    for i, row in enumerate(sheet):
        heads = [_canon(c) for c in row.cells]
        ex = next((j for j, h in enumerate(heads) if h in _EXEC), None)
        if ex is None:
            continue
        bud = next((j for j, h in enumerate(heads) if h in _BUDGET), None)
        start = next((j for j, h in enumerate(heads) if h in _START), None)
        pts = next((j for j, h in enumerate(heads) if h in ("分值", "权重")), None)
        sc = next((j for j, h in enumerate(heads) if h.startswith("得分")), None)
        found = [float(m.group(1)) for h in heads for m in _POINTS.finditer(h)]
        for data in sheet[i + 1 : i + 4]:
            cells = list(data.cells) + [None] * len(heads)
            if any("总额" in _canon(c) for c in cells[:3]):
                def at(j: int | None, cells: list[str | None] = cells) -> Decimal | None:
                    return None if j is None else _num(cells[j])

                budget = at(bud) if at(bud) is not None else at(start)
                points = at(pts) if at(pts) is not None else (Decimal(str(found[0])) if found else None)
                return budget, at(ex), points, at(sc)
    return None, None, None, None


def _hand_total(sheet: Sequence[SourceRow]) -> Decimal | None:
    for row in sheet:
        cells = [c for c in row.cells]
        if any(_canon(c) in ("总分", "合计得分", "自评总分") for c in cells):
            after = cells[next(i for i, c in enumerate(cells) if _canon(c) in ("总分", "合计得分", "自评总分")) + 1:]
            numbers = [n for n in (_num(c) for c in after) if n is not None]
            if numbers:
                return numbers[-1]
    return None


_NAME_LABELS = ("项目名称", "转移支付(项目)名称", "转移支付项目名称", "专项名称", "项目(政策)名称")


def _labelled_name(sheet: Sequence[SourceRow]) -> str | None:
    """The value beside the one 项目名称 label of a sheet (``None`` when there are none or several)."""
    names = []
    for row in sheet:
        cells = list(row.cells)
        for i, c in enumerate(cells):
            if _canon(c) in _NAME_LABELS:
                names.append(next((v.strip() for v in cells[i + 1 :] if v and v.strip()), None))
    return names[0] if len(names) == 1 else None


def _read_foreign(sheet: Sequence[SourceRow], source: str) -> list[ProjectInput]:
    from ..errors import InputError
    from ..table import read_table

    try:
        table = read_table(sheet, source=source)
    except InputError:
        return []
    budget, executed, points, bscore = _budget(sheet)
    out = []
    projects = [p for p in table.projects  # a 自评表 has 实际完成值 or 得分 columns; a target table has none
                if any(k in ("actual", "score") for i in p.indicators for k, _ in i.extra)]
    name = _labelled_name(sheet) if len(projects) == 1 else None
    for project in projects:
        rows = []
        for ind in project.indicators:
            extra = dict(ind.extra)
            if not ind.name and _canon(extra.get("actual")) == "总分":
                continue
            rows.append(RowInput(ind.level1, ind.level2, ind.name, ind.annual or ind.period, extra.get("actual"),
                                 points=_num(extra.get("weight")), hand_score=_num(extra.get("score")),
                                 reason=extra.get("reason"), location=project.where("indicators")))
        out.append(ProjectInput(name or project.name, "selfeval", budget, executed, tuple(rows), budget_points=points,
                                hand_budget_score=bscore, hand_total=_hand_total(sheet), location=project.location))
    return out


def read_filled(rows: Sequence[SourceRow], source: str = "") -> list[tuple[ProjectInput, str | None]]:
    """Every filled form in ``rows``: ``(project, pack named on the form or None)`` in sheet order."""
    sheets: dict[str, list[SourceRow]] = {}
    for row in rows:
        sheets.setdefault(row.where, []).append(row)
    out: list[tuple[ProjectInput, str | None]] = []
    for sheet in sheets.values():
        ours = _ours(sheet)
        if ours is not None:
            out.append((_read_ours(sheet, ours[0]), ours[1]))
        else:
            out.extend((p, None) for p in _read_foreign(sheet, source))
    return out
