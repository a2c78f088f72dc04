"""Label cells of a form: ``项目名称 | 示例项目``, ``年度资金总额（万元） | 120``, ``项目名称：示例项目``.

A label is found by its words (:data:`~xltools.layouts.vocab.LABELS`), with ``其中：``, a trailing
``：`` and brackets (``（万元）`` gives the money unit) taken off; its value is the next cell to
the right that is not itself a label, else the cell below.  A form with no 项目名称 label is named by
its title line (:func:`title_subject`).

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
from .vocab import LABEL_PATTERNS, LABEL_PRIORITY, LABELS, SUBJECT_GENERIC, SUBJECT_STRIP, SUBJECT_TITLE

__all__ = ["Found", "find_labels", "is_label", "label_key", "title_subject"]

_INDEX = {name: key for key, names in LABELS.items() for name in names}
_UNIT = re.compile(r"\((万元|元)\)")
_PARENS = re.compile(r"\([^()]*\)")
_INLINE = re.compile(r"^([^:]{2,16}?)(?:\([^()]*\))?:(.+)$")


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
    """``(field, label, unit, inline value)`` when ``text`` is a label cell, else ``None``."""
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
        if hit and m.group(2).strip():
            return hit[0], hit[1], unit, m.group(2).strip()
    return None


def is_label(text: str | None) -> bool:
    """A label or a grid header word (never a value)."""
    if not text or not text.strip():
        return False
    k = label_key(text)
    return (k is not None and k[3] is None) or grid_field(text, exact=True) is not None


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


def _below(row: SourceRow, below: SourceRow | None, col: int) -> str | None:
    if below is None or below.row > row.row + 2 or col >= len(below.cells):
        return None
    text = below.cells[col]
    return text if text and text.strip() and not is_label(text) else None


def find_labels(row: SourceRow, below: SourceRow | None = None) -> list[Found]:
    """Every label of ``row`` with its value (to the right, else below); labels without a
    value are kept with ``value=""`` (a group label such as ``项目资金（万元）`` still gives a unit)."""
    cells: Sequence[str | None] = row.cells
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
            if j is not None and not is_label(cells[j]):
                value, vcol, vcell = str(cells[j]).strip(), j, f"{row.where}!{column_letter(j)}{row.row}"
                used.add(j)
            elif (b := _below(row, below, i)) is not None and below is not None:
                value, vcol, vcell = b.strip(), i, f"{below.where}!{column_letter(i)}{below.row}"
        out.append(Found(field, label, _priority(field, label), unit, value, where, vcell, i, vcol))
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
