"""One form per project (申报表, 批复表, 审批表, 项目绩效目标表, 部门整体/区域绩效目标表, 自评表):
label cells, then an indicator grid — stacked on a sheet, one per sheet or one per file.

:func:`read_forms` walks a sheet's rows once: a title line or a 项目名称 / 主管部门 label after a
grid starts a new form; label cells give the project's name, department, money and goal
(:mod:`~xltools.layouts.labels`); a grid header (:mod:`~xltools.layouts.grid`) starts the
indicator rows (:mod:`~xltools.layouts.entries`), which end at a note (填表说明, 审核意见 …) or at the
first row, once indicators were read, with no indicator's structure (:func:`_ends_grid`).
Rows holding nothing are skipped and reported with the reason, and so are the rows under an ended grid.

A form needs a subject: a 项目名称 label with a value, or a title naming it over a grid; a 部门
label alone names a 部门整体 form only over a grid.  A 部门 label met again (中央/省级主管部门,
单位名称 then 主管部门) stays in the form; a second 项目名称, or any strong label after a grid,
starts the next form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .._vocab import LEVEL1_BY_NAME, LEVEL2_BY_NAME
from ..indicators import Indicator, ParsedCell, format_indicators
from ..model import ProjectRow, SourceRow, column_letter
from ..money import MoneyError, parse_money
from ..normalize import normalize
from .entries import Carry, clean_level, read_entry
from .grid import GridHeader, canon, is_header_row, parse_header, qualifier_row
from .labels import Found, find_labels, label_key, title_subject
from .report import HeaderUse, LabelUse, Part, Skip
from .vocab import FOOTER, LEVEL_LIKE, SKIP_TEXT, STRONG_LABELS, TITLE, UNIT_LINE

__all__ = ["FormProject", "SheetForms", "has_form_grid", "read_forms"]

_MONEY_UNIT = re.compile(r"(万元|元)\s*$")
#: An amount and its unit first, then a breakdown: ``854万（高标准农田建设400万元，…）``.
_LEADING = re.compile(r"^\s*([+-]?\d[\d,]*(?:\.\d+)?)\s*(万元|元|万)(?=\s*[(（,，;；]|\s*$)")


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
    grid_columns: set[int] = field(default_factory=set)  # the columns of the grid(s) its indicators were read from
    has_grid: bool = False
    ended: bool = False  # the grid ended at a note or a row with no indicator's structure
    self_eval: bool = False
    missing: tuple[str, ...] = ()  # needed columns its grid header lacks (one column_missing finding says so)

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
                form.header, form.has_grid, form.ended = header, True, False
                form.missing = tuple(dict.fromkeys((*form.missing, *header.missing)))
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
        below = rows[i + 1:i + 3]
        found = [f for f in find_labels(row, below) if not (f.field == "ignore" and form.header is not None)]
        strong = [f for f in found if f.field in STRONG_LABELS and f.value]
        if strong and (form.has_grid or (form.has("name") and any(f.field == "name" for f in strong))):
            _close(form, out, sheet_unit)
            form = _Form(row.row)
        if form.header is not None and not strong:
            if FOOTER.match(_first(row)):
                _end_grid(form, out, row, "表下的说明或签章行")
            elif form.grid_rows and _ends_grid(form.header, row):
                _end_grid(form, out, row, "表下的行：没有三级指标，也没有一级/二级指标")
            else:
                _grid_row(form, row, out)
            i += 1
            continue
        if found:
            form.header = None
            form.labels.extend(found)
            form.last = row.row
        elif form.ended and not UNIT_LINE.search(normalize(_text(row))):
            out.skipped.append(Skip(row.row, "表下的说明或签章行", _text(row)))
        if m := UNIT_LINE.search(normalize(_text(row))):
            sheet_unit = m.group(1)
            if form.started:
                form.unit = m.group(1)
        i += 1
    _close(form, out, sheet_unit)
    return out


def _end_grid(form: _Form, out: SheetForms, row: SourceRow, reason: str) -> None:
    out.skipped.append(Skip(row.row, reason, _text(row)))
    form.header, form.ended = None, True


def _levelish(text: str) -> bool:
    """A level cell: a 一级/二级 name (vocabulary), a name shaped like one (``进度指标``), or only a score (``（50分）``)."""
    _, name, score = clean_level(text)
    return (name is None and score is not None) or (name is not None and (
        name in LEVEL1_BY_NAME or name in LEVEL2_BY_NAME or LEVEL_LIKE.match(name) is not None))


def _ends_grid(header: GridHeader, row: SourceRow) -> bool:
    """A row under a grid's indicators with no indicator's structure: no 三级 name and no level in
    its level cells, but text an indicator row does not have — left of the grid's columns (the
    row label of the next section: ``其他需要说明事项 | 无``, ``评价结论``), a sentence in a level
    column, or a form label first (``财务负责人：``).  Placeholders (``-``, ``……``, ``无``) are not text."""
    texts = {i: t for i, c in enumerate(row.cells) if c and (t := normalize(c).strip()) and not SKIP_TEXT.match(t)}
    if not texts:
        return False
    level_cols: set[int] = set()
    for block in header.blocks:
        if block.fields.get("level3") in texts:
            return False
        level_cols |= {c for k, c in block.fields.items() if k in ("level1", "level2", "category")}
    if any(_levelish(texts[c]) for c in level_cols if c in texts):
        return False
    first_col = min((c for b in header.blocks for c in b.fields.values()), default=0)
    first = texts[min(texts)]
    return (min(texts) < first_col or any(c in texts for c in level_cols)
            or (label_key(first) is not None and first.rstrip().endswith((":", "："))))


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
    form.grid_columns |= {c for b in form.header.blocks for c in b.fields.values()}
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


def _amount(value: str) -> tuple[Decimal | None, str | None]:
    """``(amount, unit written)`` of a money value; an amount written first with its unit and then
    a breakdown in brackets is that amount.  :class:`MoneyError` when no amount is written."""
    try:
        m = _MONEY_UNIT.search(normalize(value))
        return parse_money(value), m.group(1) if m else None
    except MoneyError:
        lead = _LEADING.match(normalize(value))
        if lead is None:
            raise
        return parse_money(lead.group(1)), "万元" if lead.group(2).startswith("万") else "元"


def _is_amount(value: str) -> bool:
    try:
        return _amount(value)[0] is not None
    except MoneyError:
        return False


def _pick_money(form: _Form, key: str) -> Found | None:
    """The label of a money field: one whose value is an amount first (``年度预算数（万元）`` over a row of column
    headings is no amount), then by priority."""
    cands = [f for f in form.labels if f.field == key and f.value]
    return min(cands, key=lambda f: (not _is_amount(f.value), f.priority)) if cands else None


def _money(form: _Form, key: str, total: Found | None, unit: str | None) -> tuple[Decimal | None, str | None, Found | None]:
    cands = [f for f in form.labels if f.field == key and f.value]
    if total is not None and len(cands) > 1:
        aligned = [f for f in cands if f.column == total.column or f.value_column == total.value_column]
        cands = aligned or cands
    if not cands:
        return None, None, None
    f = total if key == "total" else next((c for c in cands if _is_amount(c.value)), cands[0])
    assert f is not None
    try:
        amount, written = _amount(f.value)
    except MoneyError:
        return None, f.value, f
    if written and amount is not None and unit and written != unit:
        amount = amount * 10000 if written == "万元" else amount / 10000
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
    if subject is None or (name is None and subject is dept and not form.has_grid):
        if subject is None and form.has_grid:
            out.nameless += 1
        elif subject is not None:  # a 部门 label alone (a heading or sign-off line) is no form
            out.skipped.append(Skip(form.first, "只有部门，没有项目名称和绩效指标表", f"{subject.label}：{subject.value}"))
        return
    unit = next((f.unit for f in form.labels if f.unit and f.field in ("total", "fiscal", "other", "special")), None)
    unit = unit or next((m.group(1) for f in form.labels if f.field == "total" and (m := _MONEY_UNIT.search(f.value))),
                        None) or form.unit or sheet_unit
    total = _pick_money(form, "total")
    amounts: dict[str, Decimal | None] = {}
    errors: list[tuple[str, str]] = []
    cells: dict[str, str] = {"name": subject.value_cell}
    for key in ("total", "fiscal", "special", "other"):
        amounts[key], bad, f = _money(form, key, total, unit)
        if bad is not None:
            errors.append((key, bad))
        if f is not None:
            cells[key] = f.value_cell
    if total is not None and "财政" in total.label and "fiscal" not in cells and amounts["total"] is not None:
        amounts["fiscal"], cells["fiscal"] = amounts["total"], total.value_cell  # 年度财政资金总额: fiscal money, all of it
    goal = _pick(form, "goal")
    unit_name = _pick(form, "unit_name")
    if goal is not None:
        cells["goal"] = goal.value_cell
    where = subject.cell.rsplit("!", 1)[0]
    if form.grid_rows:
        cols = sorted(form.grid_columns) or [0]
        cells["indicators"] = f"{where}!{column_letter(cols[0])}{form.grid_rows[0]}:{column_letter(cols[-1])}{form.grid_rows[-1]}"
    parsed = ParsedCell(raw="", text=format_indicators(inds), indicators=tuple(inds))
    row = ProjectRow(
        kind="project", name=subject.value, total=amounts["total"], fiscal=amounts["fiscal"], special=amounts["special"],
        other=amounts["other"], goal=goal.value if goal else "", indicators=parsed, location=f"{where}!{form.first}",
        cells=cells, money_errors=tuple(errors), unit_name=who.value if (who := unit_name or dept) is not None else None,
        columns_missing=form.missing,
    )
    out.projects.append(FormProject(row, unit, family, dept.value if dept else None, form.title))
    out.parts.append(Part(family, form.first, form.last, subject.value, len(inds)))
    out.labels.extend(LabelUse(f.cell.rsplit("!", 1)[1], f.label, f.field, f.value_cell.rsplit("!", 1)[1], f.value)
                      for f in form.labels if f.value)
