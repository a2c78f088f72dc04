"""Indicators back to text: each in its own layout (the punctuation and labels it was read with),
or in the seed's style for a new one (:func:`standard_layout`), so that
``format_indicators(parse_indicators(s)) == normalize(s)``."""

from __future__ import annotations

from collections.abc import Iterable

from .model import FIELDS, Indicator, ParsedCell
from .values import TargetValue, format_value

__all__ = ["format_indicator", "format_indicators", "standard_layout"]


def _value_text(value: TargetValue | None) -> str:
    if value is None:
        return ""
    return value.text if value.text else format_value(value)


def standard_layout(ind: Indicator) -> str:
    """The layout of a new indicator in the style of the seed table: codes with ``-``,
    ``:`` after the levels (``;`` after ``31-服务对象满意度``), both value labels, ``。`` last."""
    parts = []
    if ind.seq is not None:
        parts.append("{seq}、")
    for level in ("level1", "level2"):
        if getattr(ind, f"{level}_code"):
            parts.append(f"{{{level}_code}}-")
        if getattr(ind, level):
            sep = ";" if level == "level2" and (ind.level1_code == "3" or ind.level2_code == "31") else ":"
            parts.append(f"{{{level}}}{sep}")
    parts.append("{name}")
    if ind.period is not None:
        parts.append(";实施周期指标值:{period}")
    if ind.annual is not None:
        parts.append(";年度指标值:{annual}")
    parts.append("。")
    return "".join(parts)


def format_indicator(ind: Indicator) -> str:
    """The item's text from its fields, in its own layout (or :func:`standard_layout`)."""
    layout = ind.layout or standard_layout(ind)
    values = {f: getattr(ind, f) for f in FIELDS}
    values.update(period=_value_text(ind.period), annual=_value_text(ind.annual))
    return layout.format(**{k: "" if v is None else v for k, v in values.items()}, remainder=ind.remainder)


def format_indicators(cell: ParsedCell | Iterable[Indicator]) -> str:
    """Join indicators back into one cell text (the canonical form of what was parsed).

    >>> from dataclasses import replace
    >>> from xltools.indicators import parse_indicators
    >>> format_indicators([replace(i, layout="") for i in parse_indicators("1、产出指标:数量指标:培训人次:≥6次")])
    '1、1-产出指标:11-数量指标:培训人次;年度指标值:≥6次。'
    """
    lead = cell.lead if isinstance(cell, ParsedCell) else ""
    return lead + "".join(format_indicator(i) for i in cell)
