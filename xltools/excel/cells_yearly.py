"""What the yearly UDFs compute (pure: no xlwings) — ``XT_SCORE`` and ``XT_LIGHT`` in :mod:`xltools.excel.udfs`.

Cells in, one value out; a problem comes back as ``#XT! …`` text, never as an exception.  A target is
the 指标值 text (``≥90%``, ``≤5天``, ``正常运转``); the actual is what the cell holds.  For a percentage
target a number up to 2 is read as a fraction (a cell showing 98% holds 0.98), a larger one as percent.

>>> xt_score("≤5天", 6, 10), xt_score("≤5天", 6, 10, "central,less=linear")
(8.333333333333334, 8.0)
>>> xt_score("≥95%", 0.98, 10), xt_light("≥100个", 40, 7), xt_light("≥100个", 40, 7, "hubei")
(10.0, '黄', '红')
>>> xt_score("≥95%", "很多", 10)
'#XT! 实际完成值“很多”无法识别'
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import XltoolsError
from ..rulepacks import RulePack, load_pack
from ..scoring import Actual, is_percent, light_indicator, read_actual, score_indicator
from ..values import TargetValue, parse_value

__all__ = ["xt_light", "xt_score"]


def _target(target: object) -> TargetValue:
    if isinstance(target, float) and target.is_integer():
        target = int(target)
    return parse_value(target)


def _actual(target: TargetValue, actual: object, rule: str | None) -> tuple[Actual, RulePack]:
    pack = load_pack(rule or None)
    fraction = isinstance(actual, (int, float)) and not isinstance(actual, bool) and is_percent(target) and abs(actual) <= 2
    return read_actual(actual, target, pack, percent_cell=fraction), pack


def xt_score(target: object, actual: object, points: object, rule: str | None = None) -> float | str:
    """得分 of one indicator: ``""`` when the actual is empty or 不适用."""
    try:
        t = _target(target)
        a, pack = _actual(t, actual, rule)
        if a.kind == "text":
            return f"#XT! 实际完成值“{a.raw}”无法识别"
        pts = Decimal(str(points)) if isinstance(points, (int, float)) and not isinstance(points, bool) else None
        if pts is None:
            return "#XT! 分值应为数字"
        s = score_indicator(t, a, pts, pack)
        return "" if s.value is None else float(s.value)
    except XltoolsError as e:
        return f"#XT! {e}"
    except Exception as e:  # noqa: BLE001 - a UDF answers with text, never a dialog
        return f"#XT! {type(e).__name__}: {e}"


def xt_light(target: object, actual: object, month: object, rule: str | None = None) -> str:
    """监控灯 of one indicator after ``month`` months: 红 / 黄 / 绿 / 蓝, ``""`` when nothing to judge."""
    try:
        n = int(month) if isinstance(month, (int, float)) and not isinstance(month, bool) else 0
        if not 1 <= n <= 12:
            return "#XT! 月份应为 1-12"
        t = _target(target)
        a, pack = _actual(t, actual, rule)
        if a.kind == "text":
            return f"#XT! 实际完成值“{a.raw}”无法识别"
        return light_indicator(t, a, n, pack).color
    except XltoolsError as e:
        return f"#XT! {e}"
    except Exception as e:  # noqa: BLE001 - a UDF answers with text, never a dialog
        return f"#XT! {type(e).__name__}: {e}"
