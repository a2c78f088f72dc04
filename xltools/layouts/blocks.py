"""Totals, subtotals and projects; which table each row belongs to; each subtotal's block.

Decided by labels, position and arithmetic, never by which cells are empty:

* a **合计** is a row labelled 合计/总计/共计/总合计/合计数, with or without ``（万元）`` or a colon;
  it opens its table (at the top) or closes it (at the bottom); a second 合计 that is not the
  first one repeated (nor the sum above it) starts another table;
* a **subtotal** is a row labelled ``…小计`` (or ``…合计``), a heading (``一、…``, ``（二）…``), or a
  row with money and no 绩效目标/绩效指标 that is named like a unit (``…局``, ``…中心``,
  ``…（本级）``) or whose money is the sum of the run of rows it opens or closes;
* anything else is a **project** — a project not filled in yet (money, nothing else) too;
* each table decides whether its subtotals **open** their block (the unit row above its
  projects) or **close** it (``小计`` below), by which way more of them add up.

Linear in the rows.  The result is written into :class:`~xltools.model.ProjectRow` fields
``kind``, ``table_index`` and ``block`` (see there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ..model import ProjectRow
from ..normalize import normalize

__all__ = ["classify_row", "is_total_label", "resolve_tables"]

ZERO = Decimal(0)
_TOTAL = re.compile(r"(?:总?合计数?|总计|共计)(?:\((?:万元|元)\))?:?")
_SUBTOTAL = re.compile(r"小计(?:\((?:万元|元)\))?:?$")
_NAMED_TOTAL = re.compile(r".合计(?:\((?:万元|元)\))?:?$")  # 本级合计, 基本支出合计: a unit's or a group's subtotal
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\))")
_UNIT = re.compile(r"(?:局|委|办|院|中心|政府|所|站|队|馆|学校|小学|中学|大学|幼儿园|委员会|协会|联合会|工会|部|处|科|室|厅|"
                   r"团|社|署|本级|单位|部门|机关|镇|乡|街道|社区|公司|集团)$")
_PROJECT = re.compile(r"(?:项目|经费|费|资金|补助|补贴|工程|专项|奖励|奖补|购置|采购|建设|改造|维护|运维|服务)$")
_TRAILING_PARENS = re.compile(r"(?:\([^()]*\))+$")
_CODE_ONLY = re.compile(r"\d{6,}")


def is_total_label(text: str | None) -> bool:
    """``合计`` however it is written.

    >>> [is_total_label(t) for t in ("合计", "合 计", "合计（万元）", "合计：", "总合计", "合计数", "共计", "某局合计", "小计")]
    [True, True, True, True, True, True, True, False, False]
    """
    return bool(_TOTAL.fullmatch(normalize(text).replace(" ", "")))


def _label(name: str) -> str:
    return normalize(name).replace(" ", "")


def classify_row(name: str, goal: str, inds: str) -> str:
    """What one row says it is, by its label: ``total``, ``subtotal``, ``placeholder`` or ``project``.

    ``goal`` as written (only whether it says anything matters), ``inds`` the canonical 绩效指标
    text.  A row with money and nothing else that is named like neither a unit nor a project is
    ``project`` here; :func:`resolve_tables` decides it by arithmetic.

    >>> [classify_row(n, "", "") for n in ("合计", "某某局（本级）", "一、基本支出", "A局小计", "待填项目", "")]
    ['total', 'subtotal', 'subtotal', 'subtotal', 'project', 'subtotal']
    >>> classify_row("22202412003", "略", "略"), classify_row("培训", "目标", "")
    ('placeholder', 'project')
    """
    n = _label(name)
    empty = goal.strip() in ("", "略") and not inds
    if _TOTAL.fullmatch(n):
        return "total"
    if _CODE_ONLY.fullmatch(n) or inds == "略":
        return "placeholder"
    if _SUBTOTAL.search(n) or (empty and (not n or _NAMED_TOTAL.search(n) or _HEADING.match(n))):
        return "subtotal"
    if empty and _UNIT.search(_TRAILING_PARENS.sub("", n)) and not _PROJECT.search(n):
        return "subtotal"
    return "project"


def _undecided(row: ProjectRow) -> bool:
    """Money and nothing else, named like neither a unit nor a project: a subtotal only if it adds up."""
    return (row.kind == "project" and row.total is not None and row.goal.strip() in ("", "略")
            and not row.indicators.filled and not _PROJECT.search(_label(row.name)))


def _total(row: ProjectRow) -> Decimal:
    return row.total or ZERO


@dataclass(slots=True)
class _Table:
    rows: list[ProjectRow]
    total: Decimal | None = None  # the first 合计
    items: bool = False  # any row other than a 合计
    running: Decimal = ZERO  # the rows that are not totals or explicit subtotals
    closed: bool = False  # ended by a 合计 at the bottom


def _split(rows: Sequence[ProjectRow]) -> list[list[ProjectRow]]:
    """Tables by their 合计 rows: a 合计 opens a table (top) or closes it (bottom)."""
    tables = [_Table([])]
    for row in rows:
        cur = tables[-1]
        if row.kind == "total":
            repeats = row.total is None or row.total in (cur.total, cur.running)
            if (cur.closed or cur.total is not None) and cur.items and not repeats:
                tables.append(_Table([row], total=row.total))
                continue
            if cur.items:
                cur.closed = True
            if cur.total is None:
                cur.total = row.total
            cur.rows.append(row)
            continue
        if cur.closed:
            cur = _Table([])
            tables.append(cur)
        cur.rows.append(row)
        cur.items = True
        if row.kind != "subtotal":
            cur.running += _total(row)
    return [t.rows for t in tables if t.rows]


def _decide(rows: list[ProjectRow]) -> list[ProjectRow]:
    """Undecided rows become subtotals when their money is the sum of the run of rows they open or
    close (the run ending at a subtotal, another undecided row or the table's edge, and holding
    at least one filled-in project)."""
    out = list(rows)
    segment: list[int] = []
    for i, row in enumerate([*rows, None]):
        if row is None or row.kind in ("total", "subtotal"):
            for j in _adding_up([out[k] for k in segment]):
                out[segment[j]] = replace(out[segment[j]], kind="subtotal")
            segment = []
        else:
            segment.append(i)
    return out


def _adding_up(seg: list[ProjectRow]) -> list[int]:
    """Positions in ``seg`` (no totals or subtotals) of undecided rows that add up, in one pass."""
    undecided = [_undecided(r) for r in seg]
    if not any(undecided):
        return []
    prefix: list[Decimal] = []
    filled: list[int] = []  # rows with content so far: a run of unfilled rows alone proves nothing (10, 10)
    running, count = ZERO, 0
    for r in seg:
        running += _total(r)
        count += bool(r.indicators.filled or r.goal.strip() not in ("", "略"))
        prefix.append(running)
        filled.append(count)
    ends: dict[Decimal, int] = {}  # prefix at a run's end (the segment's end or before an undecided row) -> last position
    starts: dict[Decimal, int] = {ZERO: -1}  # prefix before a run's start -> first position
    for k in range(len(seg)):
        if k == len(seg) - 1 or undecided[k + 1]:
            ends[prefix[k]] = k
        if undecided[k]:
            starts.setdefault(prefix[k], k)
    found = []
    for k, r in enumerate(seg):
        if not undecided[k] or not r.total:
            continue
        end = ends.get(prefix[k] + r.total, -1)
        opens = end > k and filled[end] > filled[k]
        before = prefix[k - 1] if k else ZERO
        start = starts.get(before - r.total, k)
        closes = k > 0 and start < k - 1 and filled[k - 1] > (filled[start] if start >= 0 else 0)
        if opens or closes:
            found.append(k)
    return found


def _blocks(rows: list[ProjectRow], first: int) -> tuple[list[int | None], int]:
    """Each row's block number: a subtotal's own, a project's that of the subtotal above it
    (opening) or below it (closing), whichever way more subtotals add up."""
    subs = [i for i, r in enumerate(rows) if r.kind == "subtotal"]
    if not subs:
        return [None] * len(rows), first
    bounds = [-1, *subs, len(rows)]

    def run(a: int, b: int) -> tuple[bool, Decimal]:
        members = [r for r in rows[a + 1:b] if r.kind not in ("total", "subtotal")]
        return bool(members), sum((_total(r) for r in members), ZERO)

    opening = closing = 0
    for n, i in enumerate(subs):
        after, before = run(i, bounds[n + 2]), run(bounds[n], i)
        opening += after[0] and after[1] == rows[i].total
        closing += before[0] and before[1] == rows[i].total
    closes = closing > opening or (closing == opening and run(-1, subs[0])[0] and not run(subs[-1], len(rows))[0])
    number = {i: first + n for n, i in enumerate(subs)}
    blocks: list[int | None] = [None] * len(rows)
    block: int | None = None
    for i in range(len(rows) - 1, -1, -1) if closes else range(len(rows)):
        kind = rows[i].kind
        if kind == "subtotal":
            block = number[i]
        if kind != "total":
            blocks[i] = block
    return blocks, first + len(subs)


def resolve_tables(rows: Sequence[ProjectRow], table_index: int = 0, block: int = 0) -> tuple[list[ProjectRow], int, int]:
    """``rows`` of one section (one header, one sheet) with ``kind``, ``table_index`` and ``block``
    decided; returns them with the next table index and block number."""
    out: list[ProjectRow] = []
    for table in _split(rows):
        decided = _decide(table)
        blocks, block = _blocks(decided, block)
        for r, b in zip(decided, blocks):
            out.append(r if (r.table_index, r.block) == (table_index, b) else replace(r, table_index=table_index, block=b))
        table_index += 1
    return out, table_index, block
