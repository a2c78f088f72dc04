"""Label cells of a form: ``项目名称 | 示例项目``, ``年度资金总额（万元） | 120``, ``项目名称：示例项目``.

A label is found by its words (:data:`~xltools.layouts.vocab.LABELS`), with ``其中：``, a trailing
``：`` and brackets (``（万元）`` gives the money unit) taken off; its value is the next cell to
the right that is not itself a label, else the cell below.  A value is never another label (``单位负责人：…``),
a sign-off placeholder (``（盖章）``) or a unit line (``单位：万元``): ``填报单位：（盖章）  单位：万元`` is a label
with no value (:func:`label_value`).  A form with no 项目名称 label is named by its title line (:func:`title_subject`).

>>> label_key("其中：财政拨款"), label_key("项目资金（万元）"), label_key("项目名称：示例项目")
(('fiscal', '其中:财政拨款', None, None), ('total', '项目资金', '万元', None), ('name', '项目名称', None, '示例项目'))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import SourceRow, column_letter
from ..normalize import normalize
from .grid import canon, grid_field
from .vocab import LABEL_PATTERNS, LABEL_PRIORITY, LABELS, SEAL, SUBJECT_GENERIC, SUBJECT_STRIP, SUBJECT_TITLE, UNIT_LINE

__all__ = ["Found", "find_labels", "is_label", "label_key", "label_value", "title_subject"]

_INDEX = {name: key for key, names in LABELS.items() for name in names}
_UNIT = re.compile(r"\((万元|元)\)")
_PARENS = re.compile(r"\([^()]*\)")
_INLINE = re.compile(r"^((?:其中:)?[^:]{2,16}?)(?:\([^()]*\))?:(.+)$")  # 其中:财政拨款:50 keeps its 其中
_ENUM = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}\s*[、.．])\s*")
_MONEY_FIELDS = ("total", "fiscal", "special", "other")
_NUMBER = re.compile(r"^\s*[+-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|万)?\s*$")


def _lookup(c: str) -> tuple[str, str] | None:
    forms = (c, _PARENS.sub("", c), re.sub(r"^其中:?", "", _PARENS.sub("", c)), re.sub(r"^其中:?", "", c))
    for t in forms:
        if t in _INDEX:
            return _INDEX[t], t
    for pattern, key, _ in LABEL_PATTERNS:
        if pattern.match(forms[2]):
            return key, forms[2]
    return None


def label_key(text: str | None) -> tuple[str, str, str | None, str | None] | None:
    """``(field, label, unit, inline value)`` when ``text`` is a label cell, else ``None``; the inline value is
    ``None`` when nothing follows the label, ``""`` when what follows is no value (:func:`label_value`)."""
    c = canon(text)
    if not c or len(c) > 40:
        return None
    unit_m = _UNIT.search(c)
    unit = unit_m.group(1) if unit_m else None
    hit = _lookup(c)
    if hit:
        return hit[0], hit[1], unit, None
    m = _INLINE.match(normalize(text or "").strip())
    if m:
        hit = _lookup(canon(m.group(1)))
        if hit:  # an inline value that is no value (（盖章）, 单位：万元): "", the label has none to look for
            return hit[0], hit[1], unit, label_value(m.group(2)) or ""
    return None


def label_value(text: str | None) -> str | None:
    """The value ``text`` gives a label, as written, or ``None``: a sign-off placeholder is taken
    off, and what is left is no value when empty, a unit line, or another label.

    >>> label_value("（盖章）  单位：万元"), label_value("单位负责人：谭呈祥"), label_value("项目名称")
    (None, None, None)
    >>> label_value("某县教育局（盖章）"), label_value(" 250万 ")
    ('某县教育局', '250万')
    """
    if not text or not text.strip():
        return None
    bare = SEAL.sub("", text).strip()
    if not bare or UNIT_LINE.fullmatch(canon(bare)) or label_key(bare) is not None or grid_field(bare, exact=True):
        return None
    return bare


def is_label(text: str | None) -> bool:
    """A label with no value of its own or a grid header word (never a value)."""
    if not text or not text.strip():
        return False
    k = label_key(text)
    return (k is not None and not k[3]) or grid_field(text, exact=True) is not None


@dataclass(frozen=True, slots=True)
class Found:
    """A label with its value (text as written) and both cells."""

    field: str
    label: str
    priority: int
    unit: str | None
    value: str
    cell: str
    value_cell: str
    column: int
    value_column: int


def _priority(field: str, label: str) -> int:
    if label in LABEL_PRIORITY:
        return LABEL_PRIORITY[label]
    return next((p for pattern, key, p in LABEL_PATTERNS if key == field and pattern.match(label)), 2)


def _below(row: SourceRow, below: Sequence[SourceRow], col: int, money: bool) -> tuple[str, SourceRow] | None:
    """The value under a label: the next cell down; for a money label over a row of sub-headings
    (``财政资金`` over ``中央 | 省级``), the first number within two rows."""
    for n, b in enumerate(below[:2]):
        if b.row > row.row + 2:
            break
        text = b.cells[col] if col < len(b.cells) else None
        if n == 0 and text and text.strip():
            value = label_value(text)
            return (value, b) if value is not None else None
        if n == 1 and money and text and _NUMBER.match(normalize(text)):
            return text.strip(), b
        if not money:
            break
    return None


def _lines(found: Found) -> list[Found]:
    """A value of one ``label：amount`` per line (``资金总额：250\n一、预算资金：250\n二、自有资金：0``): one
    label per line, the label over them keeping no value; any other value as it is."""
    lines = [line for line in found.value.splitlines() if line.strip()]
    keys = [label_key(_ENUM.sub("", line)) for line in lines]
    if len(lines) < 2 or not all(k is not None and k[3] for k in keys):
        return [found]
    subs = [Found(k[0], k[1], _priority(k[0], k[1]), k[2] or found.unit, k[3], found.value_cell, found.value_cell,
                  found.value_column, found.value_column) for k in keys if k is not None and k[3]]
    return [Found(found.field, found.label, found.priority, found.unit, "", found.cell, found.cell, found.column,
                  found.column), *subs]


def find_labels(row: SourceRow, below: SourceRow | Sequence[SourceRow] | None = None) -> list[Found]:
    """Every label of ``row`` with its value (to the right, else below when the right is empty or
    another label); labels without a value are kept with ``value=""`` (a group label such as
    ``项目资金（万元）`` still gives a unit; a sign-off ``主管部门（盖章）： | 单位：万元`` has none)."""
    cells: Sequence[str | None] = row.cells
    under: Sequence[SourceRow] = () if below is None else (below,) if isinstance(below, SourceRow) else below
    out: list[Found] = []
    used: set[int] = set()
    for i, text in enumerate(cells):
        if i in used or not text:
            continue
        key = label_key(text)
        if key is None:
            continue
        field, label, unit, inline = key
        where = f"{row.where}!{column_letter(i)}{row.row}"
        value, vcol, vcell = inline or "", i, where
        if inline is None:
            j = next((j for j in range(i + 1, len(cells)) if cells[j] and cells[j].strip()), None)  # type: ignore[union-attr]
            if j is not None and (v := label_value(cells[j])) is not None:
                value, vcol, vcell = v, j, f"{row.where}!{column_letter(j)}{row.row}"
                used.add(j)
            elif j is not None and not is_label(cells[j]):  # 主管部门（盖章）： | 单位：万元 — a sign-off, no value
                pass
            elif (b := _below(row, under, i, field in _MONEY_FIELDS)) is not None:
                value, vcol, vcell = b[0], i, f"{b[1].where}!{column_letter(i)}{b[1].row}"
        out.extend(_lines(Found(field, label, _priority(field, label), unit, value, where, vcell, i, vcol)))
    return out


def title_subject(title: str) -> str:
    """The subject a title line names, for a form without a 项目名称 label: a title ending in
    绩效目标表 / 目标表 / 申报表 loses its 文号, ``提前下达``, leading year and the form's name
    (:data:`~xltools.layouts.vocab.SUBJECT_STRIP`); any other title, or one that names no
    subject (``项目支出绩效目标申报表``), is the subject as written.

    >>> title_subject("邯财社〔2018〕126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表")
    '中央财政困难群众救助补助'
    >>> title_subject("2024年农村公路养护项目绩效目标表(2024年度)"), title_subject("财政支出绩效目标申报表")
    ('农村公路养护项目', '财政支出绩效目标申报表')
    >>> title_subject("2019年度宁晋县高中助学金项目绩效评价指标表")
    '2019年度宁晋县高中助学金项目绩效评价指标表'
    """
    text = canon(title)
    bare = SUBJECT_STRIP[0].sub("", text)
    if not SUBJECT_TITLE.search(bare):
        return text
    for pattern in SUBJECT_STRIP[1:]:
        bare = pattern.sub("", bare, count=1).strip(" :-、,")
    return text if bare in SUBJECT_GENERIC or len(bare) < 2 else bare
