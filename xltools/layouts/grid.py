"""The indicator grid: a header (one or two rows, one or more blocks) mapped column by column
to fields, and its data rows read into :class:`~xltools.indicators.Indicator` objects.

A header is found by its words (:data:`~xltools.layouts.vocab.GRID_COLUMNS`): ``一级指标 |
二级指标 | 三级指标 | 指标值`` and the many ways of naming a column (计算符号, 计量单位, 指标方向,
权重/分值, 评分标准, 全年实际值, 得分 …).  A second header row under it (``指标值`` over ``实施期 |
年度``) or a row of block titles over it (``中期目标 | 年度目标``) is merged in; columns repeated
side by side make blocks, each with its own levels, name and value.  A row of grades under a
评价标准 header (``优 | 良 | 中 | 差``) makes the best grade's column the value and keeps the others
(:data:`~xltools.layouts.vocab.GRADES`); with no 三级指标 column, a ``绩效指标`` column right of the
一级 column is the name (:data:`~xltools.layouts.vocab.NAME_COLUMNS`).  Data rows carry 一级/二级
forward when they are blank (merged cells); rows that hold nothing are skipped with a reason.

>>> h = parse_header([("一级指标", "二级指标", "三级指标", "指标值")])
>>> h.blocks[0].fields
{'level1': 0, 'level2': 1, 'level3': 2, 'value': 3}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..model import column_letter
from ..normalize import normalize
from .vocab import BLOCK_ANNUAL, BLOCK_PERIOD, GRADE_PARENT, GRADES, GRID_COLUMNS, GRID_PATTERNS, NAME_COLUMNS

__all__ = ["Block", "GridHeader", "canon", "grid_field", "is_header_row", "parse_header", "qualifier_row"]

_GRID_NAMES = {name: key for key, names in GRID_COLUMNS.items() for name in names}
_PAREN_TAIL = re.compile(r"\([^()]*\)$")
_LEVEL_KEYS = ("level1", "level2", "level3")


def canon(text: str | None) -> str:
    """A header or label as compared: canonical, no whitespace, no trailing ``:``, no ``★``.

    >>> canon(" 年度资金总额（万元）： "), canon("三级\\n指标")
    ('年度资金总额(万元)', '三级指标')
    """
    if not text:
        return ""
    return re.sub(r"\s+", "", normalize(text)).strip(":").lstrip("★*")


def grid_field(text: str | None, *, exact: bool = False) -> str | None:
    """The field a grid header cell names, or ``None``.

    >>> grid_field("年初目标值(A)"), grid_field("指标值设定依据"), grid_field("全年实际值"), grid_field("产出指标")
    ('value', 'basis', 'actual', None)
    """
    c = canon(text)
    if not c or len(c) > 30:
        return None
    bare = _PAREN_TAIL.sub("", c)
    hit = _GRID_NAMES.get(c) or _GRID_NAMES.get(bare)
    if hit or exact:
        return hit
    for pattern, key in GRID_PATTERNS:
        if pattern.search(bare):
            return key
    return None


def _is_qualifier(text: str) -> bool:
    c = canon(text)
    return len(c) <= 24 and bool(BLOCK_PERIOD.search(c) or BLOCK_ANNUAL.search(c)) and bool(
        re.search(r"目标|指标|值|^实施期$|^年度$|^长期$|^中期$|^\d{4}年$|^当年$|^全年$", c)
    )


def _block_kind(text: str) -> str:
    c = canon(text)
    return "period" if BLOCK_PERIOD.search(c) and not re.match(r"^年度", c) else "annual"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a grid: ``fields`` maps a field to its column; ``kind`` is ``annual`` (the
    value is the year's target) or ``period`` (the 实施期/中期 target)."""

    fields: dict[str, int]
    kind: str = "annual"
    title: str = ""


@dataclass(frozen=True, slots=True)
class GridHeader:
    """A grid header over ``rows`` (how many source rows it spans) with its blocks."""

    blocks: tuple[Block, ...]
    rows: int = 1
    columns: dict[int, str] = field(default_factory=dict)  # column -> field (for inspect)

    def mapping(self) -> dict[str, str]:
        """Column letter -> field, blocks after the first prefixed ``period.`` / ``annual.``."""
        out = {}
        for col, key in sorted(self.columns.items()):
            out[column_letter(col)] = key
        return out

    @property
    def missing(self) -> tuple[str, ...]:
        """Needed columns the header lacks: a name (三级指标) and a value (指标值)."""
        keys = {k for b in self.blocks for k in b.fields}
        out = []
        if "level3" not in keys:
            out.append("level3")
        if not keys & {"value", "period", "actual"}:
            out.append("value")
        return tuple(out)


def _fields(cells: Sequence[str | None]) -> dict[int, str]:
    """Column -> field of one header row; ``绩效指标`` right of a level column is the name when
    no column is named 三级指标.

    >>> _fields(("绩效指标分类", "绩效指标", "绩效指标描述", "评价标准确定依据"))
    {0: 'level1', 2: 'description', 3: 'basis', 1: 'level3'}
    >>> _fields(("绩效指标", "一级指标", "二级指标", "指标值"))
    {1: 'level1', 2: 'level2', 3: 'value'}
    """
    found = {i: f for i, c in enumerate(cells) if (f := grid_field(c))}
    levels = [i for i, f in found.items() if f in ("level1", "level2")]
    if levels and "level3" not in found.values():
        name = next((i for i, c in enumerate(cells) if i > min(levels) and i not in found and canon(c) in NAME_COLUMNS),
                    None)
        if name is not None:
            found[name] = "level3"
    return found


def _grade(text: str | None) -> str | None:
    """The key of a grade word under a 评价标准 header (``value`` for the best), else ``None``.

    >>> _grade("优"), _grade("良好"), _grade(" 不合格 "), _grade("年度")
    ('value', 'grade_good', 'grade_poor', None)
    """
    return GRADES.get(canon(text))


def is_header_row(cells: Sequence[str | None]) -> bool:
    """A row that names the columns of an indicator grid.

    >>> is_header_row(("绩效指标", "一级指标", "二级指标", "三级指标", "指标值"))
    True
    >>> is_header_row(("产出指标", "数量指标", "x", "≥1"))
    False
    >>> is_header_row(("指标名称", "权重", "单位", "性质", "指标值"))
    True
    """
    found = _fields(cells)
    keys = set(found.values())
    if "level3" in keys:
        ok = bool(keys & {"level1", "level2", "value", "period", "weight", "actual", "op", "value_unit"})
    else:
        ok = {"level1", "level2"} <= keys and bool(keys & {"value", "period", "actual"})
    if not ok:
        return False
    texts = [c for c in cells if c and c.strip()]
    return len(found) * 2 >= len(texts) - 1 and all(len(canon(c)) <= 40 for c in texts)


def qualifier_row(cells: Sequence[str | None]) -> bool:
    """A row of short header words only (``实施期 | 年度`` under ``指标值``, ``中期目标 | 年度目标`` over a grid).

    >>> qualifier_row((None, None, None, "实施期", "年度")), qualifier_row(("年度目标", "完成县乡道路养护"))
    (True, False)
    """
    texts = [c for c in cells if c and c.strip()]
    return bool(texts) and all(grid_field(c) is not None or _is_qualifier(c) or canon(c) in ("绩效指标", "指标")
                               or _grade(c) is not None for c in texts)


def _carry(cells: Sequence[str | None], width: int) -> list[str]:
    """Cells with a merged header's text carried right over the blanks it spans."""
    out, last = [], ""
    for i in range(width):
        c = cells[i] if i < len(cells) and cells[i] else ""
        if c:
            last = c
        out.append(c or last)
    return out


def parse_header(rows: Sequence[Sequence[str | None]]) -> GridHeader:
    """The header over ``rows``: ``[anchor]``, ``[upper, anchor]``, ``[anchor, lower]`` or all three;
    ``upper`` holds block titles, ``lower`` the qualifiers under a merged 指标值."""
    if len(rows) == 3:
        upper, anchor, lower = rows
    elif len(rows) == 2 and is_header_row(rows[0]):
        upper, anchor, lower = None, rows[0], rows[1]
    elif len(rows) == 2:
        upper, anchor, lower = rows[0], rows[1], None
    else:
        upper, anchor, lower = None, rows[0], None
    width = max(len(r) for r in rows)
    top = _carry(anchor, width)
    named = _fields(anchor)
    grades = _grades(lower, top) if lower is not None else {}
    columns: dict[int, str] = {}
    for i in range(width):
        low = lower[i] if lower is not None and i < len(lower) else None
        key = named.get(i)
        if i in grades:
            key = grades[i]
        elif low and low.strip():
            lk = grid_field(low)
            above = grid_field(top[i]) if top[i] else None
            if lk in ("value", "period", "actual") or lk is None or above in ("value", "period"):
                if re.search(r"实际", canon(low)):
                    key = "actual"
                elif _is_qualifier(low) or canon(low) in ("实施期", "年度", "长期", "中期", "当年", "全年"):
                    key = "period" if _block_kind(low) == "period" else "value"
                else:
                    key = lk or above
            else:
                key = lk
        if key:
            columns[i] = key
    titles = _carry(upper, width) if upper is not None else [""] * width
    for i in columns:  # a qualifier in the header cell itself: 指标值（长期）, 三级指标（年度）
        own = anchor[i] if i < len(anchor) else None
        m = re.search(r"\(([^()]*)\)$", canon(own)) if own else None
        if m and (BLOCK_PERIOD.search(m.group(1)) or BLOCK_ANNUAL.search(m.group(1))):
            titles[i] = m.group(1)
    lead = next((c for c in anchor if c and _is_qualifier(c)), "")
    blocks: list[Block] = []
    current: dict[str, int] = {}
    title = titles[min(columns)] if columns else ""
    for i, key in sorted(columns.items()):
        t = titles[i]
        if current and ((t and title and t != title) or (key in _LEVEL_KEYS and key in current)):
            blocks.append(_block(current, title or lead))
            current, title = {}, t
        elif t and not title:
            title = t
        current.setdefault(key, i)
    if current:
        blocks.append(_block(current, title or lead))
    if len(blocks) > 1:  # a level column left of the blocks serves them all (一级指标 | 二级（长期）… | 二级（年度）…)
        shared = {k: c for k, c in blocks[0].fields.items() if k in ("level1", "level2")}
        blocks = [blocks[0]] + [replace(b, fields={**{k: c for k, c in shared.items() if k not in b.fields
                                                       and c < min(b.fields.values())}, **b.fields}) for b in blocks[1:]]
    named = {i: (f"{b.kind}.{k}" if len(blocks) > 1 else k) for b in blocks for k, i in b.fields.items()}
    return GridHeader(tuple(blocks), rows=len(rows), columns=named)


def _grades(lower: Sequence[str | None], top: Sequence[str]) -> dict[int, str]:
    """Grade columns under a 评价标准 header: the leftmost (the best written) is the value, the
    others keep their rank (``grade_good`` …); nothing unless the header over them is a standard."""
    out: dict[int, str] = {}
    for i, c in enumerate(lower):
        g = _grade(c)
        if g is not None and i < len(top) and GRADE_PARENT.search(canon(top[i])):
            out[i] = "value" if not out else g
    return out


def _block(fields: dict[str, int], title: str) -> Block:
    kind = _block_kind(title) if title else "annual"
    if "level3" not in fields and "level2" in fields:  # 一级 | 二级 with no 三级: the last is the name
        fields = {{"level2": "level3", "level1": "category"}.get(k, k): v for k, v in fields.items()}
    if kind == "period" and "value" in fields and "period" not in fields:
        fields = {("period" if k == "value" else k): v for k, v in fields.items()}
    return Block(dict(fields), kind, canon(title))
