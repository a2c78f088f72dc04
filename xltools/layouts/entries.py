"""One data row of an indicator grid -> one :class:`~xltools.indicators.Indicator` per block.

Levels are carried forward over blank (merged) cells; level cells lose their scores
(``成本指标(0-20)分``) and codes are split off (``1-产出指标``); names lose ``★`` and ``指标1：``.
A value is built from its columns — 计算符号 + 指标值 + 计量单位 — by
:func:`xltools.values.parse_value`, the unit not doubled when the value already ends with it;
an unfilled template value (``公里``, ``≧ %``, ``≥**%``) is quantitative without a number and
warned.  Every other recognised column goes to ``Indicator.extra`` under its own key.

>>> st, cols = Carry(), {"level1": 0, "level2": 1, "level3": 2, "op": 3, "value": 4, "value_unit": 5}
>>> ind, why = read_entry(("产出指标", "数量指标", "养护里程", "≥", "125", "公里"), cols, st, 1)
>>> ind.level1, ind.level2_code, ind.name, ind.annual.op, ind.annual.number, ind.annual.unit
('产出指标', '11', '养护里程', '≥', Decimal('125'), '公里')
>>> ind, _ = read_entry((None, "质量指标", "合格率", "", "95%", "%"), cols, st, 2)
>>> ind.level1, ind.annual.text
('产出指标', '95%')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .._vocab import LEVEL1_BY_NAME, UNITS
from ..indicators import Indicator, ParseWarning
from ..levels import make_indicator
from ..normalize import normalize
from ..values import QUALITATIVE, QUANTITATIVE, TargetValue, parse_value
from .vocab import SKIP_TEXT

__all__ = ["EXTRA_KEYS", "Carry", "clean_level", "clean_name", "read_entry", "read_value"]

#: Columns kept in ``Indicator.extra``, in this order.
EXTRA_KEYS = ("nature", "weight", "direction", "description", "basis", "grade_good", "grade_fair", "grade_poor",
              "actual", "score", "reason", "remark", "level1_score", "level2_score", "mark")
_OPS = {"≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<", "大于等于": "≥", "小于等于": "≤", "等于": "=", "大于": ">",
        "小于": "<", "≧": "≥", "≦": "≤", "＝": "="}
_NATURE = {"定量", "定性", "定量指标", "定性指标"}
_SCORE = re.compile(r"\s*[(（]?\s*(\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?)\s*[)）]?\s*分\s*[)）]?$")
_PAREN_END = re.compile(r"\([^()]*\)$")
_CODE = re.compile(r"^(\d{1,3})\s*[-.、]?\s*(?=\D)")
_NAME_PREFIX = re.compile(r"^(?:[★☆]+|指标\s*[\d一二三四五六七八九十]+\s*[:：.、])\s*")
_UNFILLED = re.compile(r"^[≥≤<>=\s*＊]*$")
_DIGIT = re.compile(r"\d")
UNFILLED_MESSAGE = "指标值未填写数值（模板原样）：{text}"


@dataclass(slots=True)
class Carry:
    """一级/二级 carried down a block's rows (merged cells leave them blank)."""

    level1: str | None = None
    level2: str | None = None


def clean_level(text: str | None) -> tuple[str | None, str | None, str | None]:
    """``(code, name, score)`` of a level cell.

    >>> clean_level("成本指标(0-20)分"), clean_level("1-产出指标"), clean_level("产出\\n指标（50分）")
    ((None, '成本指标', '0-20'), ('1', '产出指标', None), (None, '产出指标', '50'))
    """
    t = re.sub(r"\s+", "", normalize(text or "")).lstrip("★*")
    score = None
    while t:
        if (m := _SCORE.search(t)) is not None:
            score, t = m.group(1).replace(" ", ""), t[: m.start()]
        elif (m := _PAREN_END.search(t)) is not None:  # 数量指标（必填硬性指标）
            t = t[: m.start()]
        else:
            break
    if not t:
        return None, None, score
    code = None
    if (m := _CODE.match(t)) and len(t) > m.end():
        code, t = m.group(1), t[m.end():]
    return code, t or None, score


def clean_name(text: str | None) -> tuple[str, str | None]:
    """``(name, mark)``: ``★`` / ``指标1：`` / ``1、`` taken off the 三级 name.

    >>> clean_name("★农村低保发放人数"), clean_name("指标1：培训人次"), clean_name("1.5米道路")
    (('农村低保发放人数', '★'), ('培训人次', None), ('1.5米道路', None))
    """
    t = re.sub(r"[\r\n]+", "", text or "").strip()
    m = _NAME_PREFIX.match(t)
    if not m or m.end() == len(t):
        return t, None
    mark = "★" if m.group().strip().startswith(("★", "☆")) else None
    return t[m.end():].strip(), mark


def _unfilled(op: str, value: str, unit: str) -> TargetValue | None:
    if _DIGIT.search(value):
        return None
    rest = value.replace(unit, "") if unit else value
    m = re.match(r"^([≥≤<>=]*)\s*[*＊]*\s*(.*)$", rest.strip())
    if m is None:
        return None
    symbol, tail = m.groups()
    written_unit = unit or tail
    if not (symbol or op or "*" in value or "＊" in value or unit or tail in UNITS):
        return None
    if tail and (unit or not re.fullmatch(r"[%‰a-zA-Z\u4e00-\u9fff/·]{1,6}", tail)):
        return None  # words, not a unit: a qualitative value
    if tail and not (unit or symbol or op or "*" in value) and tail not in UNITS:
        return None
    if not written_unit and not symbol and "*" not in value:
        return None
    raw = f"{op}{value}{unit if unit and not value.endswith(unit) else ''}"
    return TargetValue(raw=raw, kind=QUANTITATIVE, op=_OPS.get(symbol or op, symbol or op or None) or None,
                       number=None, unit=written_unit or None, text=raw)


def read_value(op: str, value: str, unit: str) -> tuple[TargetValue | None, str | None, bool]:
    """``(value, nature, unfilled)`` from the 符号 / 指标值 / 单位 cells (canonical text).

    >>> v, n, u = read_value("≥", "15000株", "株"); (v.number, v.unit, v.text, n, u)
    (Decimal('15000'), '株', '≥15000株', None, False)
    >>> v, n, u = read_value("定性", "明显改善", ""); (v.kind, n)
    ('qualitative', '定性')
    >>> v, n, u = read_value("", "≥ %", ""); (v.kind, v.number, v.unit, u)
    ('quantitative', None, '%', True)
    """
    op, value = op.replace("═", "="), value.replace("═", "=")
    nature = op if op in _NATURE else None
    symbol = "" if nature else _OPS.get(op, op)
    if not (value or unit or symbol):
        return None, nature, False
    if (blank := _unfilled(symbol, value, unit)) is not None:
        return blank, nature, True
    if (nature and nature.startswith("定性")) or (not symbol and not unit and parse_value(value).kind == QUALITATIVE):
        return TargetValue(raw=value, kind=QUALITATIVE, text=value), nature, False
    value_, nature_, unfilled_ = _read_value(symbol, nature, value, unit)
    return value_, nature_, unfilled_  # no comparator written (100%, 10辆): "=", as the cell parser and the seed read it


def _read_value(symbol: str, nature: str | None, value: str, unit: str) -> tuple[TargetValue | None, str | None, bool]:
    prefix = "" if not symbol or value[:1] in _OPS or value.startswith(("不", "大于", "小于", "超过")) else symbol
    base = parse_value(prefix + value)
    if not unit or not base.is_quantitative or base.unit:
        return base, nature, False
    full = parse_value(prefix + value + unit)
    if full.is_quantitative and full.number == base.number and full.unit == unit:
        return full, nature, False
    text = prefix + value + unit
    return replace(base, raw=text, unit=unit, text=text, note=None), nature, False




def _cell(cells: Sequence[str | None], fields: dict[str, int], key: str) -> str:
    i = fields.get(key)
    return normalize(cells[i] or "").strip() if i is not None and i < len(cells) and cells[i] else ""


def read_entry(
    cells: Sequence[str | None], fields: dict[str, int], carry: Carry, seq: int, *, kind: str = "annual"
) -> tuple[Indicator | None, str | None]:
    """``(indicator, None)`` or ``(None, why the row holds no indicator)`` for one block of a row."""
    own1, own2 = _cell(cells, fields, "level1"), _cell(cells, fields, "level2")
    if category := _cell(cells, fields, "category"):  # a column of 一级 or 二级 names: the vocabulary decides
        if clean_level(category)[1] in LEVEL1_BY_NAME:
            own1 = category
        else:
            own2 = category
    if own1:
        carry.level1, carry.level2 = own1, None
    if own2:
        carry.level2 = own2
    name_text = _cell(cells, fields, "level3")
    raw_name = cells[fields["level3"]] if "level3" in fields and fields["level3"] < len(cells) else None
    texts = {k: _cell(cells, fields, k) for k in fields}
    values = [texts.get(k, "") for k in ("value", "period", "value_unit", "actual")]
    if not name_text and not any(values):
        return None, "只有一级/二级指标，没有三级指标和指标值" if (own1 or own2) else "空行"
    if all(SKIP_TEXT.match(t) for t in (name_text, *values)):
        return None, f"占位行（{(raw_name or '').strip() or '……'}）"
    c1, n1, s1 = clean_level(carry.level1)
    c2, n2, s2 = clean_level(carry.level2)
    warns: list[ParseWarning] = []
    name, mark = clean_name(raw_name)
    op, unit = texts.get("op", ""), texts.get("value_unit", "")
    unit = "" if SKIP_TEXT.match(unit) else unit
    annual, nature, unfilled = read_value(op, texts.get("value", ""), unit)
    period, _, unfilled_p = read_value(op, texts.get("period", ""), unit) if "period" in fields else (None, None, False)
    if kind == "period" and "value" in fields:  # a period block whose value column was not renamed
        annual, period = None, annual
    if unfilled or unfilled_p:
        shown = (annual if unfilled else period)
        assert shown is not None
        warns.append(ParseWarning("value_unfilled", UNFILLED_MESSAGE.format(text=shown.raw)))
    extra_values = {**{k: texts.get(k, "") for k in EXTRA_KEYS}, "nature": nature or "", "level1_score": s1 or "",
                    "level2_score": s2 or "", "mark": mark or ""}
    extra = tuple((k, extra_values[k]) for k in EXTRA_KEYS if extra_values.get(k))
    raw = " | ".join(normalize(c) for c in cells if c and c.strip())
    return make_indicator(  # a level not written is not filled in
        seq=seq, level1_code=c1, level1=n1, level2_code=c2, level2=n2, name=name, period=period, annual=annual,
        raw=raw, warnings=warns, extra=extra, fill_unwritten=False,
    ), None
