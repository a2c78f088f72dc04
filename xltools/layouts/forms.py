"""One form per project (申报表, 批复表, 审批表, 项目绩效目标表, 部门整体/区域绩效目标表, 自评表):
label cells, then an indicator grid — stacked on a sheet, one per sheet or one per file.

:func:`read_forms` walks a sheet's rows once: a title line or a 项目名称 / 主管部门 label after a
grid starts a new form; label cells give the project's name, department, money and goal
(:mod:`~xltools.layouts.labels`); a grid header (:mod:`~xltools.layouts.grid`) starts the
indicator rows (:mod:`~xltools.layouts.entries`), which end at a note (填表说明, 审核意见 …).
Rows holding nothing are skipped and reported with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..indicators import Indicator, ParsedCell, format_indicators
from ..model import ProjectRow, SourceRow, column_letter
from ..money import MoneyError, parse_money
from ..normalize import normalize
from .entries import Carry, read_entry
from .grid import GridHeader, canon, is_header_row, parse_header, qualifier_row
from .labels import Found, find_labels, title_subject
from .report import HeaderUse, LabelUse, Part, Skip
from .vocab import FOOTER, STRONG_LABELS, TITLE

__all__ = ["FormProject", "SheetForms", "has_form_grid", "read_forms"]

_UNIT_LINE = re.compile(r"(?:金额|资金)?单位\s*[:：]\s*(万元|元)")
_MONEY_UNIT = re.compile(r"(万元|元)\s*$")


@dataclass(frozen=True, slots=True)
class FormProject:
    """A project read from a form, its money in ``unit`` (``None``: not stated), its family."""

    row: ProjectRow
    unit: str | None
    family: str
    department: str | None
    title: str | None


@dataclass(slots=True)
class SheetForms:
    """What :func:`read_forms` found on one sheet."""

    projects: list[FormProject] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    headers: list[HeaderUse] = field(default_factory=list)
    labels: list[LabelUse] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    nameless: int = 0  # grids without a 项目名称 (or department) label


@dataclass(slots=True)
class _Form:
    first: int
    last: int = 0
    title: str | None = None
    title_cell: str = ""
    unit: str | None = None
    labels: list[Found] = field(default_factory=list)
    header: GridHeader | None = None
    carries: list[Carry] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    period_only: list[Indicator] = field(default_factory=list)
    grid_rows: list[int] = field(default_factory=list)
    has_grid: bool = False
    self_eval: bool = False

    def has(self, key: str) -> bool:
        return any(f.field == key and f.value for f in self.labels)

    @property
    def started(self) -> bool:
        return self.has_grid or any(f.value for f in self.labels if f.field != "ignore")


def has_form_grid(rows: Sequence[SourceRow]) -> bool:
    """A sheet with an indicator-grid header (the form family's mark)."""
    return any(is_header_row(r.cells) for r in rows)


def _text(row: SourceRow) -> str:
    return " | ".join(normalize(c) for c in row.cells if c and c.strip())


def _first(row: SourceRow) -> str:
    return canon(next((c for c in row.cells if c and c.strip()), ""))


def _is_title(row: SourceRow) -> bool:
    texts = [c for c in row.cells if c and c.strip()]
    return len(texts) == 1 and len(canon(texts[0])) <= 60 and TITLE.search(canon(texts[0])) is not None


def read_forms(rows: Sequence[SourceRow]) -> SheetForms:
    """Every form on one sheet's rows (in order)."""
    out = SheetForms()
    form = _Form(rows[0].row if rows else 0)
    sheet_unit: str | None = None
    used_as_header: set[int] = set()
    i = 0
    while i < len(rows):
        row = rows[i]
        if i in used_as_header:
            i += 1
            continue
        if is_header_row(row.cells):
            span = [row]
            prev = rows[i - 1] if i > 0 and rows[i - 1].row == row.row - 1 else None
            if prev is not None and qualifier_row(prev.cells) and not is_header_row(prev.cells):
                span.insert(0, prev)
            nxt = rows[i + 1] if i + 1 < len(rows) and rows[i + 1].row == row.row + 1 else None
            if nxt is not None and qualifier_row(nxt.cells) and not is_header_row(nxt.cells):
                span.append(nxt)
                used_as_header.add(i + 1)
            header = parse_header([r.cells for r in span])
            if form.header is not None and header.columns == form.header.columns and form.grid_rows:
                out.skipped.append(Skip(row.row, "重复的表头", _text(row)))
            else:
                form.header, form.has_grid = header, True
                form.carries = [Carry() for _ in header.blocks]
                form.self_eval = form.self_eval or any({"actual", "score"} & set(b.fields) for b in header.blocks)
                out.headers.append(HeaderUse(span[0].row, span[-1].row, header.mapping(), header.missing))
            form.last = span[-1].row
            i += 1
            continue
        if _is_title(row):
            if form.has_grid:
                _close(form, out, sheet_unit)
                form = _Form(row.row)
            if form.title is None:
                j = next(j for j, c in enumerate(row.cells) if c and c.strip())
                form.title, form.title_cell = canon(row.cells[j]), f"{row.where}!{column_letter(j)}{row.row}"
            form.last = row.row
            i += 1
            continue
        below = rows[i + 1] if i + 1 < len(rows) else None
        found = [f for f in find_labels(row, below) if not (f.field == "ignore" and form.header is not None)]
        strong = [f for f in found if f.field in STRONG_LABELS and f.value]
        if strong and (form.has_grid or any(form.has(f.field) for f in strong)):
            _close(form, out, sheet_unit)
            form = _Form(row.row)
        if form.header is not None and not strong:
            first = _first(row)
            if FOOTER.match(first):
                out.skipped.append(Skip(row.row, "表下的说明或签章行", _text(row)))
                form.header = None
                i += 1
                continue
            _grid_row(form, row, out)
            i += 1
            continue
        if found:
            form.header = None
            form.labels.extend(found)
            form.last = row.row
        else:
            m = _UNIT_LINE.search(normalize(_text(row)))
            if m:
                sheet_unit = m.group(1)
                if form.started:
                    form.unit = m.group(1)
        i += 1
    _close(form, out, sheet_unit)
    return out


def _grid_row(form: _Form, row: SourceRow, out: SheetForms) -> None:
    assert form.header is not None
    made: list[Indicator] = []
    reasons = []
    for block, carry in zip(form.header.blocks, form.carries):
        ind, why = read_entry(row.cells, block.fields, carry, 0, kind=block.kind)
        if ind is None:
            reasons.append(why or "空行")
            continue
        made.append(ind)
    form.last = row.row
    if not made:
        out.skipped.append(Skip(row.row, reasons[0] if reasons else "空行", _text(row)))
        return
    form.grid_rows.append(row.row)
    for ind in made:
        if ind.annual is None and ind.period is not None:
            form.period_only.append(ind)
        else:
            form.indicators.append(ind)


def _merge(annual: list[Indicator], period_only: list[Indicator]) -> list[Indicator]:
    """Period targets of a separate 中期/长期 block joined to the same-named annual indicator."""
    out = list(annual)
    for p in period_only:
        k = next((n for n, a in enumerate(out) if a.name == p.name and a.period is None and a.annual is not None), None)
        if k is None:
            out.append(p)
        else:
            out[k] = replace(out[k], period=p.period)
    return [replace(ind, seq=n) for n, ind in enumerate(out, 1)]


def _pick(form: _Form, key: str) -> Found | None:
    cands = [f for f in form.labels if f.field == key and f.value]
    return min(cands, key=lambda f: f.priority) if cands else None


def _money(form: _Form, key: str, total: Found | None, unit: str | None) -> tuple[Decimal | None, str | None, Found | None]:
    cands = [f for f in form.labels if f.field == key and f.value]
    if total is not None and len(cands) > 1:
        aligned = [f for f in cands if f.column == total.column or f.value_column == total.value_column]
        cands = aligned or cands
    if not cands:
        return None, None, None
    f = total if key == "total" else cands[0]
    assert f is not None
    try:
        amount = parse_money(f.value)
    except MoneyError:
        return None, f.value, f
    m = _MONEY_UNIT.search(normalize(f.value))
    if m and amount is not None and unit and m.group(1) != unit:
        amount = amount * 10000 if m.group(1) == "万元" else amount / 10000
    return amount, None, f


def _family(form: _Form, name: Found | None) -> str:
    title = form.title or ""
    if form.self_eval or "自评" in title:
        return "self_eval"
    if "整体" in title or (name is None and form.has("department")):
        return "department"
    if "区域" in title or (name is not None and "转移支付" in name.label):
        return "region"
    return "form"


def _close(form: _Form, out: SheetForms, sheet_unit: str | None) -> None:
    if not form.started:
        return
    name, dept = _pick(form, "name"), _pick(form, "department")
    family = _family(form, name)
    subject = name or dept
    inds = _merge(form.indicators, form.period_only)
    if subject is None and form.title and inds:  # no 项目名称 label: the title names the subject (the title is kept)
        subject = Found("name", "标题", 9, None, title_subject(form.title), form.title_cell, form.title_cell, 0, 0)
        form.labels.append(subject)
    if subject is None:
        if form.has_grid:
            out.nameless += 1
        return
    unit = next((f.unit for f in form.labels if f.unit and f.field in ("total", "fiscal", "other", "special")), None)
    unit = unit or next((m.group(1) for f in form.labels if f.field == "total" and (m := _MONEY_UNIT.search(f.value))),
                        None) or form.unit or sheet_unit
    total = _pick(form, "total")
    amounts: dict[str, Decimal | None] = {}
    errors: list[tuple[str, str]] = []
    cells: dict[str, str] = {"name": subject.value_cell}
    for key in ("total", "fiscal", "special", "other"):
        amounts[key], bad, f = _money(form, key, total, unit)
        if bad is not None:
            errors.append((key, bad))
        if f is not None:
            cells[key] = f.value_cell
    goal = _pick(form, "goal")
    unit_name = _pick(form, "unit_name")
    if goal is not None:
        cells["goal"] = goal.value_cell
    where = subject.cell.rsplit("!", 1)[0]
    if form.grid_rows:
        cols = sorted({c for b in (form.header.blocks if form.header else ()) for c in b.fields.values()}) or [0]
        cells["indicators"] = f"{where}!{column_letter(cols[0])}{form.grid_rows[0]}:{column_letter(cols[-1])}{form.grid_rows[-1]}"
    parsed = ParsedCell(raw="", text=format_indicators(inds), indicators=tuple(inds))
    row = ProjectRow(
        kind="project", name=subject.value, total=amounts["total"], fiscal=amounts["fiscal"], special=amounts["special"],
        other=amounts["other"], goal=goal.value if goal else "", indicators=parsed, location=f"{where}!{form.first}",
        cells=cells, money_errors=tuple(errors), unit_name=who.value if (who := unit_name or dept) is not None else None,
    )
    out.projects.append(FormProject(row, unit, family, dept.value if dept else None, form.title))
    out.parts.append(Part(family, form.first, form.last, subject.value, len(inds)))
    out.labels.extend(LabelUse(f.cell.rsplit("!", 1)[1], f.label, f.field, f.value_cell.rsplit("!", 1)[1], f.value)
                      for f in form.labels if f.value)
