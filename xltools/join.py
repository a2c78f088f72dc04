"""The way back: structured rows (a ``绩效指标明细`` sheet, possibly edited by hand) -> the
published layout, one row per project with the one-cell 绩效指标 text in the seed's style.

:func:`join_detail` is the whole of it (``xltools join`` and the 合并指标 button both call it);
what it could not do as asked is in :attr:`Joined.findings`, never dropped silently.

* **Which project a row belongs to** — by its ``项目键`` (hidden column written by ``convert`` and
  拆分指标, :func:`~xltools.detail.project_key`), never by the rows around it: sorting, filtering,
  inserting, deleting, copying the sheet into another workbook keep every indicator with its
  project, and two projects of the same name stay two.  A key not found exactly is matched by
  its hash of name and money; a row without a key (typed under the table) by its 项目名称; a
  name that several projects share, or no name at all, is reported and the row left out.
* **Order** — projects and indicators by their ``序号`` (a sort changes nothing); a row without
  序号 follows the row above it when that row is of the same project and the row is inside the
  table, and otherwise comes last in its project.
* **Values** — whichever of ``指标值原文`` and ``符号/数值/单位/备注`` the user edited wins (the
  hidden ``原值校验`` tells); when both were edited (or the row is new) and they disagree, the
  parts win and a finding names both.
* **Text no field took** — the ``其他文字`` of each row follows its indicator, the 项目汇总's
  ``未拆分文字`` leads the cell (:func:`publish_text`).
* **Totals** — the declared 合计 and the unit subtotals of ``项目汇总`` come back as rows; the
  published 合计 is the sum of the projects, with the declared one beside it
  (:func:`total_notes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from .detail import (
    CHECK_HEADER,
    HIDDEN_HEADERS,
    KEY_HEADER,
    LEVEL_HEADERS,
    REMAINDER_HEADER,
    VALUE_HEADERS,
    VALUE_SLOTS,
    key_hash,
    key_position,
    parts_text,
    project_hash,
    project_key,
    remainder_cell,
    text_hash,
)
from .errors import InputError
from .findings import RULES, Finding
from .indicators import Indicator, ParsedCell, format_indicator
from .levels import make_indicator
from .model import MONEY_KEYS, MONEY_LABELS, PerformanceTable, ProjectRow, SourceRow
from .money import MoneyError, format_money, parse_money
from .normalize import normalize
from .values import TargetValue, format_value, parse_value, value_from_parts

__all__ = [
    "JOIN_RULES", "PUBLISH_STYLE", "Joined", "cell_text", "indicators_from_detail", "join_detail", "publish_text",
    "table_from_convert", "total_notes",
]

#: The seed's published punctuation: full-width ：；，（） (``%`` and ``≥`` stay half-width).
PUBLISH_STYLE = str.maketrans({":": "：", ";": "；", ",": "，", "(": "（", ")": "）"})
#: The punctuation :data:`PUBLISH_STYLE` widens, except ``,`` and ``:`` between two digits — part of a
#: number or a time (``1,000``, ``8:30``).
_PUNCT = re.compile(r"[;()]|(?<!\d)[,:]|[,:](?!\d)")

#: The findings of :func:`join_detail` (rules in :data:`xltools.findings.RULES`, where ``xltools rules`` lists them).
JOIN_RULES = tuple(r for r in RULES if r.startswith("join_"))

_KINDS = {"项目": "project", "占位(略)": "placeholder"}
_SUBTOTAL_KIND = "小计(表中)"  # normalize(export.convert.SUBTOTAL_KIND)
_DECLARED_TOTAL = "合计(表中)"  # normalize(export.convert.TOTAL_LABELS[1])
_NEW = Decimal("Infinity")


@dataclass(frozen=True, slots=True)
class Joined:
    """The table ``join`` publishes, and what it has to tell (rows left out, edits that disagreed)."""

    table: PerformanceTable
    findings: tuple[Finding, ...] = ()


def _note(rule: str, message: str, location: str, project: str | None = None) -> Finding:
    return Finding(rule, RULES[rule].severity, message, location, project)


# --- the published text ----------------------------------------------------------------------

def cell_text(indicators: Iterable[Indicator], lead: str = "") -> str:
    """``lead``, then each indicator in the seed's layout followed by its :func:`~xltools.detail.remainder_cell`."""
    return lead + "".join(format_indicator(replace(i, layout="")) + (remainder_cell(i) or "") for i in indicators)


def publish_text(indicators: Sequence[Indicator]) -> str:
    """The one-cell text in the seed's published style, with the text no field took (the cell's
    lead, each indicator's remainder) where it stood.

    >>> from xltools import parse_indicators
    >>> publish_text(parse_indicators("1、1-产出指标:11-数量指标:培训人次;实施周期指标值:≥6次;年度指标值:≥6次。"))
    '1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。'
    >>> publish_text(parse_indicators("1、产出指标:数量指标:培训人次:≥6次。备注:以年终考核为准。"))
    '1、1-产出指标：11-数量指标：培训人次；年度指标值：≥6次。备注：以年终考核为准。'
    >>> publish_text(parse_indicators("1、产出指标:数量指标:受益人次:≥1,000人次。"))  # a number's comma stays
    '1、1-产出指标：11-数量指标：受益人次；年度指标值：≥1,000人次。'
    """
    lead = indicators.lead if isinstance(indicators, ParsedCell) else ""
    return _PUNCT.sub(lambda m: m.group().translate(PUBLISH_STYLE), cell_text(indicators, lead))


def total_notes(table: PerformanceTable) -> dict[int, tuple[Decimal | None, str]]:
    """``id(row)`` → ``(declared 总计, note)`` for the 合计 (published as the sum of the projects)
    and each unit subtotal whose block does not add up (published as declared); rows that add up
    have no entry."""
    from .totals import reconcile_by_row

    out: dict[int, tuple[Decimal | None, str]] = {}
    projects = table.projects
    for row, found in zip(table.rows, reconcile_by_row(table)):
        if row.kind == "total":
            gaps = []
            for key in MONEY_KEYS:
                amounts = [a for r in projects if (a := r.amount(key)) is not None]
                computed = sum(amounts, Decimal(0)) if amounts else None
                declared = row.amount(key)
                if declared != computed and not (declared is None and not computed):
                    gap = f"，相差 {format_money(computed - declared)}" if computed is not None and declared is not None else ""
                    gaps.append(f"{MONEY_LABELS[key]} 表中 {format_money(declared) or '空'}，"
                                f"各项目之和 {format_money(computed) or '空'}{gap}")
            if gaps:
                out[id(row)] = (row.total, "合计按各项目之和填写（" + "；".join(gaps) + "）")
        elif row.kind == "subtotal":
            sums = [f for f in found if f.rule == "subtotal_sum"]
            if sums:
                f = sums[0]
                out[id(row)] = (row.total, f"小计保留表中数；所属项目之和 {format_money(f.expected)}，"
                                           f"相差 {format_money(f.difference)}，请核对")
    return out


# --- reading the sheets --------------------------------------------------------------------------

@dataclass(slots=True)
class _Project:
    row: ProjectRow
    key: str | None
    order: tuple[Decimal, int]
    known: bool = True  # in 项目汇总 (or the source table), not only in 明细
    lines: list[_Line] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    index: int
    source: SourceRow
    cells: dict[str, str | None]
    name: str
    key: str
    seq: Decimal | None


#: Rows a sheet xltools wrote may hold above its header (the printed title; published tables hold three).
_TITLE_ROWS = 4


def _decimal(text: str | None) -> Decimal | None:
    try:
        d = Decimal(normalize(text or "").replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def _header(row: SourceRow) -> list[str]:
    return [normalize(c) for c in row.cells]


def _from_header(rows: Sequence[SourceRow], is_header: Callable[[SourceRow], bool]) -> Sequence[SourceRow]:
    """``rows`` from the header row on: the sheets ``convert`` writes print a title row above it
    (a few rows are looked at; a sheet whose header is not among them is taken as it is)."""
    for i, row in enumerate(rows[:_TITLE_ROWS + 1]):
        if is_header(row):
            return rows[i:]
    return rows


def _title_line(rows: Sequence[SourceRow]) -> tuple[str | None, str | None]:
    """表名 and 部门 from the printed title row ``convert`` writes above 项目汇总's header
    (``项目支出绩效目标表 — 某局``); ``(None, None)`` when there is none.

    >>> _title_line([SourceRow(("项目支出绩效目标表 — 某局", None), "f!项目汇总", 1)])
    ('项目支出绩效目标表', '某局')
    """
    from .table import find_header

    for row in rows[:_TITLE_ROWS]:
        if find_header(row.cells) is not None:
            break
        first = next((c for c in row.cells if c), "")
        if " — " in first:
            title, department = first.split(" — ", 1)
            return title.strip() or None, department.strip() or None
    return None, None


def _detail_header(row: SourceRow) -> bool:
    return {"项目名称", "三级指标"} <= set(_header(row))


def _cells(header: list[str], row: SourceRow) -> dict[str, str | None]:
    return {h: (row.cells[i] if i < len(row.cells) else None) for i, h in enumerate(header) if h}


def _money(row: SourceRow, header: list[str], cols: dict[str, int]) -> dict[str, Decimal | None]:
    amounts: dict[str, Decimal | None] = {}
    for key in MONEY_KEYS:
        i = cols.get(key)
        text = row.cells[i] if i is not None and i < len(row.cells) else None
        try:
            amounts[key] = parse_money(text)
        except MoneyError as exc:
            raise InputError(f"{row.cell(i or 0)}: 金额“{text}”不是数字 (not a number)") from exc
    return amounts


def _known_from_rows(rows: Sequence[SourceRow]) -> tuple[list[_Project], ProjectRow | None]:
    """The projects and subtotals of a ``项目汇总`` sheet, and its declared 合计."""
    from .table import find_header

    rows = _from_header(rows, lambda r: find_header(r.cells) is not None)
    if not rows or (found := find_header(rows[0].cells)) is None:
        return [], None
    _, cols = found
    header = _header(rows[0])
    out: list[_Project] = []
    total: ProjectRow | None = None
    for n, row in enumerate(rows[1:], 1):
        cells = _cells(header, row)
        name = (row.cells[cols["name"]] or "").strip() if cols["name"] < len(row.cells) else ""
        kind_text = normalize(cells.get("类型"))
        kind = _KINDS.get(kind_text) or ("subtotal" if kind_text == _SUBTOTAL_KIND else None)
        if normalize(name) == _DECLARED_TOTAL and not kind:
            a = _money(row, header, cols)
            total = ProjectRow(kind="total", name="合计", goal="", indicators=ParsedCell("", ""), location=row.location,
                               total=a["total"], fiscal=a["fiscal"], special=a["special"], other=a["other"])
            continue
        if not kind or not name:
            continue
        a = _money(row, header, cols)
        lead = normalize(cells.get("未拆分文字"))
        if kind == "placeholder" and not lead:
            lead = "略"
        goal = (cells.get("绩效目标") or "").strip() if kind != "subtotal" else ""
        project = ProjectRow(kind=kind, name=name, goal=goal, indicators=ParsedCell(lead, lead, lead=lead),
                             location=row.location, total=a["total"], fiscal=a["fiscal"], special=a["special"],
                             other=a["other"])
        seq = _decimal(cells.get("序号"))
        key = normalize(cells.get(KEY_HEADER)) or None
        if key is None and kind != "subtotal" and seq is not None and seq == seq.to_integral_value():
            key = project_key(int(seq), project)  # the key column is gone: what convert would have written
        out.append(_Project(project, key if kind != "subtotal" else None, (seq if seq is not None else Decimal(n), n)))
    return out, total


def _known_from_table(table: PerformanceTable) -> tuple[list[_Project], ProjectRow | None]:
    """The projects and subtotals of a table read from its source (the 合并指标 button)."""
    out: list[_Project] = []
    position = 0
    for i, row in enumerate(table.rows):
        if row.kind in ("project", "placeholder"):
            position += 1
            lead = row.indicators.lead
            out.append(_Project(replace(row, indicators=ParsedCell(lead, lead, lead=lead)), project_key(position, row),
                                (Decimal(i), i)))
        elif row.kind == "subtotal":
            out.append(_Project(row, None, (Decimal(i), i)))
    return out, next((r for r in table.rows if r.kind == "total"), None)


def _lines(detail: Sequence[SourceRow], findings: list[Finding]) -> list[_Line]:
    if not detail:
        raise InputError("绩效指标明细: 工作表是空的 (the sheet is empty)")
    detail = _from_header(detail, _detail_header)
    header = _header(detail[0])
    if "三级指标" not in header or "项目名称" not in header:
        raise InputError(f"{detail[0].where}: 不是“绩效指标明细”表（缺少“项目名称”“三级指标”列） (not a detail sheet)")
    content = [h for h in header if h and h not in (LEVEL_HEADERS["project"], LEVEL_HEADERS["seq"], "提示", *HIDDEN_HEADERS)]
    out: list[_Line] = []
    for index, row in enumerate(detail[1:]):
        cells = _cells(header, row)
        name = normalize(cells.get("项目名称"))
        if not any(normalize(cells.get(h)) for h in content):
            if name:
                findings.append(_note("join_empty_row", f"第{row.row}行只有项目名称“{name}”，没有指标内容，已跳过",
                                      row.location, name))
            continue
        out.append(_Line(index, row, cells, name, normalize(cells.get(KEY_HEADER)), _decimal(cells.get("序号"))))
    return out


# --- placing rows ----------------------------------------------------------------------------------

class _Registry:
    """Projects by key, by key hash and by name; ``known`` ones come from 项目汇总 / the source table."""

    def __init__(self, known: list[_Project]) -> None:
        self.projects = [p for p in known if p.row.kind != "subtotal"]
        self.by_key = {p.key: p for p in self.projects if p.key}
        self.by_hash: dict[str, list[_Project]] = {}
        self.by_name: dict[str, list[_Project]] = {}
        for p in self.projects:
            hashes = {project_hash(p.row.name, [p.row.amount(k) for k in MONEY_KEYS])}
            if p.key and (h := key_hash(p.key)):
                hashes.add(h)
            for h in hashes:
                self.by_hash.setdefault(h, []).append(p)
            self.by_name.setdefault(normalize(p.row.name), []).append(p)
        self.new: list[_Project] = []

    def named(self, name: str, *, new_too: bool) -> list[_Project]:
        return self.by_name.get(name, []) + ([p for p in self.new if normalize(p.row.name) == name] if new_too else [])

    def add(self, line: _Line) -> _Project:
        row = ProjectRow(kind="project", name=normalize(line.cells.get("项目名称")), total=None, fiscal=None, special=None,
                         other=None, goal="", indicators=ParsedCell("", ""), location=line.source.location)
        position = key_position(line.key) if line.key else None
        p = _Project(row, line.key or None, (Decimal(position) if position else _NEW, line.index), known=False)
        self.new.append(p)
        if line.key:
            self.by_key[line.key] = p
        return p


def _ambiguous(line: _Line, same: list[_Project]) -> Finding:
    seqs = "、".join(f"{p.row.location}" for p in same)
    return _note("join_ambiguous", f"第{line.source.row}行“{normalize(line.cells.get('三级指标'))}”：有 {len(same)} 个项目都叫"
                 f"“{line.name}”（{seqs}），不知道属于哪一个，未合并：请从同一项目的另一行复制隐藏列“{KEY_HEADER}”到这一行",
                 line.source.location, line.name)


def _by_key(line: _Line, reg: _Registry) -> _Project | None:
    p = reg.by_key.get(line.key)
    if p is None and (h := key_hash(line.key)):
        same = reg.by_hash.get(h, [])
        if len(same) > 1:
            same = [q for q in same if q.key and key_position(q.key) == key_position(line.key)]
        p = same[0] if len(same) == 1 else None
    return p


def _place(line: _Line, reg: _Registry, has_known: bool, findings: list[Finding]) -> _Project | None:
    where = line.source.location
    if line.key and (p := _by_key(line, reg)) is not None:
        if line.name and line.name != normalize(p.row.name):
            others = [q for q in reg.named(line.name, new_too=False) if q is not p]
            if len(others) == 1:
                findings.append(_note("join_key_name", f"第{line.source.row}行：项目键属于“{p.row.name}”，项目名称写的是"
                                      f"“{line.name}”，按项目名称归入“{line.name}”", where, line.name))
                return others[0]
            findings.append(_note("join_key_name", f"第{line.source.row}行：项目名称“{line.name}”与项目键不符，"
                                  f"按项目键归入“{p.row.name}”", where, p.row.name))
        return p
    if not line.name:
        findings.append(_note("join_unplaced", f"第{line.source.row}行“{normalize(line.cells.get('三级指标'))}”没有项目名称，"
                              "不知道属于哪个项目，未合并：请填写项目名称", where))
        return None
    same = reg.named(line.name, new_too=not line.key)
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        findings.append(_ambiguous(line, same))
        return None
    p = reg.add(line)
    if has_known:
        findings.append(_note("join_new_project", f"明细中的项目“{line.name}”不在项目汇总中，作为新项目加在最后（没有金额）",
                              where, line.name))
    return p


def _ordered(lines: list[_Line], all_lines: list[_Line], owner: dict[int, _Project]) -> list[_Line]:
    """By 序号; a row without one after the row above it (same project, inside the table), else last."""
    last_numbered = max((ln.index for ln in all_lines if ln.seq is not None), default=-1)
    previous = {b.index: a for a, b in pairwise(all_lines)}
    numbered = sorted((ln for ln in lines if ln.seq is not None), key=lambda ln: (ln.seq, ln.index))
    followers: dict[int, list[_Line]] = {}
    tail: list[_Line] = []
    for ln in sorted((ln for ln in lines if ln.seq is None), key=lambda ln: ln.index):
        above = previous.get(ln.index)
        if ln.index < last_numbered and above is not None and owner.get(above.index) is owner.get(ln.index):
            followers.setdefault(above.index, []).append(ln)
        else:
            tail.append(ln)
    out: list[_Line] = []
    for first in (*numbered, *tail):
        stack = [first]
        while stack:
            ln = stack.pop()
            out.append(ln)
            stack.extend(reversed(followers.get(ln.index, [])))
    return out


# --- one row -> one indicator ----------------------------------------------------------------------

def _agree(a: TargetValue, b: TargetValue) -> bool:
    if a.is_quantitative != b.is_quantitative:
        return False
    if not a.is_quantitative:
        return a.text == b.text
    return (a.op, a.number, a.unit or None, a.note or None) == (b.op, b.number, b.unit or None, b.note or None)


def _value(line: _Line, slot: str, check: str | None, findings: list[Finding]) -> TargetValue | None:
    prefix = VALUE_SLOTS[slot]
    raw, op, number, unit, note = (line.cells.get(prefix + h) for h in VALUE_HEADERS)
    raw_text = normalize(raw)
    has_parts = any(normalize(v) for v in (op, number, unit, note))
    at = 0 if slot == "period" else 12
    raw_edited = check is None or text_hash(raw_text) != check[at : at + 6]
    parts_edited = check is None or text_hash(parts_text(op, number, unit, note)) != check[at + 6 : at + 12]
    if not raw_edited or not raw_text:
        return value_from_parts(op, number, unit, raw, note)
    if not parts_edited or not has_parts:
        return parse_value(raw_text)
    from_parts = value_from_parts(op, number, unit, None, note)
    from_raw = parse_value(raw_text)
    if from_parts is None or _agree(from_raw, from_parts):
        return from_raw
    label = "实施周期指标值" if slot == "period" else "年度指标值"
    findings.append(_note("join_value_conflict",
                          f"第{line.source.row}行“{normalize(line.cells.get('三级指标'))}”：{label}原文“{raw_text}”与"
                          f"符号/数值/单位“{format_value(from_parts)}”不一致，两处都改过，按符号/数值/单位",
                          line.source.location, line.name))
    return from_parts


def _indicator(line: _Line, seq: int, findings: list[Finding]) -> Indicator:
    cells = line.cells
    def level(key: str) -> str | None:
        return normalize(cells.get(LEVEL_HEADERS[key])) or None

    check = normalize(cells.get(CHECK_HEADER))
    check_ok = check if len(check) == 24 else None
    rest = normalize(cells.get(REMAINDER_HEADER))
    return make_indicator(
        seq=seq, level1_code=level("level1_code"), level1=level("level1"), level2_code=level("level2_code"),
        level2=level("level2"), name=normalize(cells.get("三级指标")),
        period=_value(line, "period", check_ok, findings), annual=_value(line, "annual", check_ok, findings),
        raw=" | ".join(c for h, c in cells.items() if c and h not in HIDDEN_HEADERS), remainder=(rest,) if rest else (),
    )


# --- the whole -------------------------------------------------------------------------------------

def join_detail(detail: Sequence[SourceRow], summary: Sequence[SourceRow] | PerformanceTable = (),
                source: str = "") -> Joined:
    """The table to publish from a ``绩效指标明细`` sheet (header first) and what the projects are:
    the ``项目汇总`` sheet of the same workbook, or the table it was split from (the 合并指标 button),
    or nothing (every project is then what the 明细 rows say, without money)."""
    findings: list[Finding] = []
    known, total = _known_from_table(summary) if isinstance(summary, PerformanceTable) else _known_from_rows(summary)
    reg = _Registry(known)
    lines = _lines(detail, findings)
    owner: dict[int, _Project] = {}
    for line in sorted(lines, key=lambda ln: (not ln.key, ln.index)):  # keyed rows first: a typed row finds them
        p = _place(line, reg, bool(reg.projects), findings)
        if p is not None:
            owner[line.index] = p
            p.lines.append(line)
    rows: list[ProjectRow] = [total] if total is not None else []
    for p in sorted([*known, *reg.new], key=lambda p: p.order):
        if p.row.kind == "subtotal":
            rows.append(p.row)
            continue
        inds = [_indicator(ln, n, findings) for n, ln in enumerate(_ordered(p.lines, lines, owner), 1)]
        lead = p.row.indicators.lead
        if inds:
            cell = ParsedCell(raw="", text=normalize(cell_text(inds, lead)), indicators=tuple(inds), lead=lead)
            rows.append(replace(p.row, kind="project", indicators=cell))
        elif p.known:
            rows.append(p.row)
    title, department = _title_line(summary) if not isinstance(summary, PerformanceTable) else (
        summary.title, summary.department)
    table = PerformanceTable(source=source, rows=tuple(rows), title=title, department=department)
    notes = total_notes(table) if total is not None else {}
    for row in table.rows:
        if row.kind == "total" and (entry := notes.get(id(row))):
            findings.append(_note("join_total_corrected", entry[1], row.location, "合计"))
    return Joined(table, tuple(findings))


def table_from_convert(detail: Sequence[SourceRow], summary: Sequence[SourceRow] | PerformanceTable = (),
                       source: str = "") -> PerformanceTable:
    """:func:`join_detail` without its findings."""
    return join_detail(detail, summary, source).table


def indicators_from_detail(rows: Sequence[SourceRow]) -> list[tuple[str, list[Indicator]]]:
    """The rows of a ``绩效指标明细`` sheet (header first) grouped by project (by key, then name), in order."""
    return [(p.name, list(p.indicators)) for p in join_detail(rows).table.projects]
