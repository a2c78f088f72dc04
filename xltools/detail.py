"""The 绩效指标明细 schema: one row per indicator, spelled once for its writer (``convert``, the
macros), the UDFs (``XT_SPLIT``) and its reader (``join``, ``XT_JOIN``).

Three columns carry what the visible ones cannot (``join`` reads them back):

* ``其他文字``: text of the cell that no field took after this indicator (``备注：以上指标以年终考核
  结果为准。``), published again after it;
* ``项目键`` (hidden): the project's stable key, :func:`project_key` — ``P0001-1a2b3c``, its
  position in the table and a hash of its name and money — the same in ``项目汇总``; rows are
  grouped by it, so sorting, filtering, inserting, deleting or copying the sheet elsewhere keeps
  every indicator with its project, and two projects of the same name apart;
* ``原值校验`` (hidden): :func:`value_check`, hashes of each value's 原文 and of its
  符号/数值/单位/备注 as written, so ``join`` knows which of the two the user edited.

>>> from xltools import parse_indicators
>>> ind = parse_indicators("1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。")[0]
>>> row = detail_row("培训项目", ind, key="P0001-abcdef")
>>> dict(zip(DETAIL_HEADERS, row))["年度数值"], dict(zip(DETAIL_HEADERS, row))["项目键"], len(row) == len(DETAIL_HEADERS)
(Decimal('6'), 'P0001-abcdef', True)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from .indicators import Indicator
from .model import MONEY_KEYS, ProjectRow
from .normalize import normalize
from .values import TargetValue, format_number

__all__ = [
    "CHECK_HEADER", "DETAIL_HEADERS", "HIDDEN_HEADERS", "KEY_HEADER", "LEVEL_HEADERS", "REMAINDER_HEADER", "VALUE_HEADERS",
    "VALUE_SLOTS", "detail_row", "key_hash", "key_position", "parts_text", "project_hash", "project_key",
    "remainder_cell", "text_hash", "value_check",
]

#: The parts of one value, as columns: 指标值原文 | 符号 | 数值 | 单位 | 备注.
VALUE_HEADERS = ("指标值原文", "符号", "数值", "单位", "备注")
#: The two values of an indicator and their column prefixes.
VALUE_SLOTS = {"period": "实施周期", "annual": "年度"}
#: Field -> column for the project and the levels.
LEVEL_HEADERS = {
    "project": "项目名称", "seq": "序号", "level1_code": "一级指标代码", "level1": "一级指标",
    "level2_code": "二级指标代码", "level2": "二级指标", "name": "三级指标",
}
REMAINDER_HEADER, KEY_HEADER, CHECK_HEADER = "其他文字", "项目键", "原值校验"
#: Columns written hidden (they are for ``join``, not for reading).
HIDDEN_HEADERS = (KEY_HEADER, CHECK_HEADER)
DETAIL_HEADERS = [
    *LEVEL_HEADERS.values(),
    *(f"{prefix}{h}" for prefix in VALUE_SLOTS.values() for h in VALUE_HEADERS),
    "提示", REMAINDER_HEADER, *HIDDEN_HEADERS,
]

_HASH = 6  # hex digits of each hash: a key or a check is short, and an edit is what they catch
_KEY = re.compile(r"^P(\d+)-([0-9a-f]{6})$")
_STOPS = "。；;.!！?？"


def text_hash(text: str) -> str:
    """A short hash of ``text`` as normalised (an unedited cell read back gives the same).

    >>> text_hash("≥90%") == text_hash("≥９０％"), len(text_hash(""))
    (True, 6)
    """
    return hashlib.sha1(normalize(text).encode()).hexdigest()[:_HASH]


def _money_text(d: Decimal | None) -> str:
    return "" if d is None else format_number(d)


def project_hash(name: str, amounts: Sequence[Decimal | None]) -> str:
    """The content part of a key: the name (normalised) and the four amounts.

    >>> a = project_hash("公用经费", [Decimal(10), Decimal(10), None, None])
    >>> a == project_hash(" 公用经费", [Decimal("10.00"), 10, None, None]), a == project_hash("公用经费", [30, 30, None, None])
    (True, False)
    """
    return text_hash("|".join([normalize(name), *(_money_text(a if a is None else Decimal(a)) for a in amounts)]))


def project_key(position: int, row: ProjectRow) -> str:
    """``P{position:04d}-{hash}``: where the project stood (1-based, among the projects) and what it
    is (:func:`project_hash`); written by ``convert`` and the 拆分指标 button, read by ``join``.

    >>> from xltools.indicators import ParsedCell
    >>> row = ProjectRow("project", "公用经费", Decimal(10), None, None, None, "", ParsedCell("", ""), "")
    >>> project_key(1, row)[:6]
    'P0001-'
    """
    return f"P{position:04d}-{project_hash(row.name, [row.amount(k) for k in MONEY_KEYS])}"


def key_position(key: str) -> int | None:
    """``P0007-1a2b3c`` → 7; ``None`` for anything else.

    >>> key_position("P0007-1a2b3c"), key_position("x")
    (7, None)
    """
    m = _KEY.match(key.strip())
    return int(m.group(1)) if m else None


def key_hash(key: str) -> str | None:
    """``P0007-1a2b3c`` → ``1a2b3c``; ``None`` for anything else."""
    m = _KEY.match(key.strip())
    return m.group(2) if m else None


def _number_text(value: object) -> str:
    text = normalize("" if value is None else str(value))
    try:
        return format_number(Decimal(text.replace(",", "")))
    except (InvalidOperation, ValueError):
        return text


def parts_text(op: object, number: object, unit: object, note: object) -> str:
    """符号 / 数值 / 单位 / 备注 as one canonical string (a number ``90`` and ``90.0`` are the same).

    >>> parts_text("≥", 90.0, "%", None) == parts_text("≥", Decimal("90"), "%", "")
    True
    """
    return "|".join(normalize("" if v is None else str(v)) if i != 1 else _number_text(v)
                    for i, v in enumerate((op, number, unit, note)))


def _value_check(value: TargetValue | None) -> str:
    if value is None:
        return text_hash("") + text_hash(parts_text(None, None, None, None))
    return text_hash(value.raw) + text_hash(parts_text(value.op, value.number, value.unit, value.note))


def value_check(ind: Indicator) -> str:
    """The ``原值校验`` cell: the hash of each value's 原文 and of its parts, as written (24 hex digits)."""
    return _value_check(ind.period) + _value_check(ind.annual)


def remainder_cell(ind: Indicator) -> str | None:
    """The ``其他文字`` cell: each piece of the remainder, ended by ``。`` unless it ends in a stop.

    >>> from xltools import parse_indicators
    >>> remainder_cell(parse_indicators("1、产出指标:数量指标:培训人次:≥6次。备注:以年终考核为准。")[0])
    '备注:以年终考核为准。'
    """
    pieces = [p.strip() for p in ind.remainder if p.strip()]
    return "".join(p if p[-1] in _STOPS else p + "。" for p in pieces) or None


def _value_cells(value: TargetValue | None, number: Callable[[Decimal | None], object]) -> list[object]:
    if value is None:
        return [None] * len(VALUE_HEADERS)
    return [value.raw, value.op, number(value.number), value.unit or None, value.note]


def _same(n: Decimal | None) -> object:
    return n


def detail_row(project: str | None, ind: Indicator, number: Callable[[Decimal | None], object] = _same,
               key: str | None = None) -> list[object]:
    """One 明细 row; ``number`` converts the 数值 cells (the UDFs give Excel a float or int);
    ``key`` is the project's :func:`project_key` (``None`` where no project is known: ``XT_SPLIT``)."""
    return [
        project, ind.seq, ind.level1_code, ind.level1, ind.level2_code, ind.level2, ind.name,
        *_value_cells(ind.period, number), *_value_cells(ind.annual, number),
        "；".join(w.message for w in ind.warnings), remainder_cell(ind), key, value_check(ind),
    ]
