"""Lights and scores of one indicator, one budget, one project — the numbers of the 监控表 and 自评表.

Pure and exact (``Decimal``); the rules come from a :class:`~xltools.rulepacks.RulePack`.  Every
computed number carries ``rule`` — which rule of which pack made it (``central:less.ratio``).  The
sheet formulas of :mod:`xltools.yearly.formulas` compute the same numbers (a property test says so).

* :func:`read_actual` — a 实际完成值 cell (number or text) read against its target;
* :func:`score_indicator` — 分值 × fraction: more-is-better ``min(actual/target, 1)`` (or ``rate``:
  the percentage itself), less-is-better ``target/actual`` or linear, 定性 by tier, 不适用 dropped;
* :func:`light_indicator` / :func:`light_budget` — 红 / 黄 / 绿 / 蓝 against the month's share;
* :func:`score_budget`, :func:`total_score`, :func:`worst`.

>>> from xltools.rulepacks import load_pack
>>> from xltools.values import parse_value
>>> p, t = load_pack("central"), parse_value("≤5天")
>>> score_indicator(t, read_actual("6", t, p), Decimal(10), p).value.quantize(Decimal("0.01"))
Decimal('8.33')
>>> score_indicator(t, read_actual("6", t, p), Decimal(10), load_pack("central,less=linear")).value
Decimal('8.0')
>>> light_indicator(parse_value("≥100个"), read_actual(40, parse_value("≥100个"), p), 7, p).color
'黄'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .money import excel_decimal
from .normalize import normalize
from .rulepacks import RulePack, Tier
from .values import TargetValue, parse_value

__all__ = [
    "LIGHT_RANK", "Actual", "Light", "Score", "direction", "fraction", "light_budget", "light_indicator", "read_actual",
    "same_unit", "score_budget", "score_indicator", "total_score", "worst",
]

ONE, ZERO, HUNDRED = Decimal(1), Decimal(0), Decimal(100)
ROUND9 = Decimal("1e-9")
CENT = Decimal("0.01")
#: Worst first: a project shows the worst light of its rows (blue — ahead of schedule — is a deviation, not a failure).
LIGHT_RANK = {"红": 3, "黄": 2, "蓝": 1, "绿": 0}
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_UNIT_SAME = {"百分比": "%", "％": "%"}


@dataclass(frozen=True, slots=True)
class Actual:
    """A 实际完成值 as read: ``kind`` is ``empty``, ``na`` (不适用), ``number``, ``tier`` or ``text``
    (not understood).  ``number`` is in the target's units (98 for ``98%``); ``unit`` as written."""

    raw: str
    kind: str
    number: Decimal | None = None
    unit: str | None = None
    tier: Tier | None = None


@dataclass(frozen=True, slots=True)
class Score:
    """``value`` = ``points`` × ``fraction`` (``None`` when not scored: empty or 不适用); ``rule`` says which rule."""

    value: Decimal | None
    points: Decimal
    fraction: Decimal | None
    rule: str


@dataclass(frozen=True, slots=True)
class Light:
    """``color`` is 红 / 黄 / 绿 / 蓝 or ``""`` (nothing to judge); ``ratio`` the progress compared."""

    color: str
    ratio: Decimal | None
    rule: str


def _dec(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return excel_decimal(value)
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip().replace(",", "")):
        try:
            return Decimal(value.strip().replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only numbers
            return None
    return None


def direction(target: TargetValue | None, pack: RulePack) -> str:
    """``more``, ``less`` or ``qual`` (定性, or no number to compare with)."""
    if target is None or not target.is_quantitative or target.number is None:
        return "qual"
    if target.op in ("≥", ">"):
        return "more"
    if target.op in ("≤", "<"):
        return "less"
    return pack.equal_is


def is_percent(target: TargetValue | None) -> bool:
    return target is not None and target.is_quantitative and (target.unit or "") in ("%", "百分比")


def read_actual(value: object, target: TargetValue | None, pack: RulePack, *, percent_cell: bool = False,
                strict: bool = False) -> Actual:
    """Read one 实际完成值 against ``target``.  ``percent_cell``: the cell is formatted as a percentage
    (a number in it is a fraction: 0.98 means 98%).  ``strict``: our own forms, where a quantitative
    row takes a number only (as the sheet's formula does); text there is ``text``, never guessed."""
    raw = "" if value is None else (str(value) if not isinstance(value, float) else format(excel_decimal(value), "f"))
    text = normalize(raw).strip()
    if not text:
        return Actual(raw, "empty")
    if text in pack.not_applicable:
        return Actual(raw, "na")
    number = _dec(value) if not isinstance(value, str) else _dec(text)
    if number is not None:
        return Actual(raw, "number", number * HUNDRED if percent_cell else number)
    if direction(target, pack) == "qual" or not strict:
        tier = pack.tier(text)
        if tier is not None:
            return Actual(raw, "tier", tier=tier)
    if direction(target, pack) == "qual":
        if target is not None and text == (target.text or normalize(target.raw)):
            return Actual(raw, "tier", tier=pack.tiers[0])
        parsed = parse_value(text)
        if parsed.is_quantitative and parsed.unit in ("%", "百分比") and parsed.number is not None:
            return Actual(raw, "number", parsed.number, "%")
        return Actual(raw, "text")
    if strict:
        return Actual(raw, "text")
    parsed = parse_value(text)
    if parsed.is_quantitative and parsed.number is not None:
        return Actual(raw, "number", parsed.number, parsed.unit or None)
    return Actual(raw, "text")


def same_unit(target: TargetValue | None, actual: Actual) -> bool:
    """No unit written with the actual, or the target's (``百分比`` = ``%``)."""
    if not actual.unit or target is None or not target.unit:
        return True
    a, t = (_UNIT_SAME.get(u, u) for u in (actual.unit, target.unit))
    return a == t or a.endswith(t) or t.endswith(a)


def fraction(target: TargetValue | None, actual: Actual, pack: RulePack) -> tuple[Decimal | None, str]:
    """The share of the points earned, and the rule (``more.ratio`` …); ``None`` when not scored."""
    if actual.kind in ("empty", "na"):
        return None, actual.kind
    how = direction(target, pack)
    if how == "qual":
        if actual.kind == "tier" and actual.tier is not None:
            return actual.tier.fraction, "qual.tier"
        if actual.kind == "number" and actual.number is not None:
            x = actual.number / HUNDRED if actual.unit == "%" or actual.number > ONE else actual.number
            return min(max(x, ZERO), ONE), "qual.percent"
        return ZERO, "qual.unread"
    if actual.kind != "number" or actual.number is None or target is None or target.number is None:
        return ZERO, f"{how}.unread"
    a, t = actual.number, target.number
    if how == "more":
        if pack.more == "rate" and is_percent(target):
            return min(max(a / HUNDRED, ZERO), ONE), "more.rate"
        return (ONE if a >= t else ZERO if t <= 0 else max(ZERO, a / t)), "more.ratio"
    if pack.less == "linear":
        return (ONE if a <= t else ZERO if t <= 0 else max(ZERO, ONE - (a - t) / t)), "less.linear"
    return (ONE if a <= t else ZERO if a <= 0 else max(min(t / a, ONE), ZERO)), "less.ratio"


def score_indicator(target: TargetValue | None, actual: Actual, points: Decimal, pack: RulePack) -> Score:
    share, rule = fraction(target, actual, pack)
    return Score(None if share is None else points * share, points, share, f"{pack.name}:{rule}")


def _band(r: Decimal, bands: tuple[Decimal, ...]) -> str:
    colors = ("红", "黄", "绿", "蓝")
    return next((colors[i] for i, b in enumerate(bands) if r < b), colors[len(bands)])


def light_indicator(target: TargetValue | None, actual: Actual, month: int, pack: RulePack, *, level1: str | None = None,
                    level2: str | None = None, possibility: str | None = None) -> Light:
    """The monitoring light of one indicator after ``month`` months; a 完成目标可能性 may cap it (pack)."""
    color, ratio, rule = _base_light(target, actual, month, pack, level1, level2)
    caps = dict(pack.possibility_caps)
    cap = caps.get((possibility or "").strip())
    if cap and (cap == "红" or color in ("绿", "蓝")):
        color, rule = cap, rule + "+possibility"
    return Light(color, ratio, f"{pack.name}:{rule}")


def _base_light(target: TargetValue | None, actual: Actual, month: int, pack: RulePack, level1: str | None,
                level2: str | None) -> tuple[str, Decimal | None, str]:
    how = direction(target, pack)
    if actual.kind in ("empty", "na"):
        return "", None, f"light.{actual.kind}"
    if how == "qual":
        if actual.kind == "tier" and actual.tier is not None:
            return actual.tier.light, None, "light.tier"
        return "", None, "light.unread"
    if actual.kind != "number" or actual.number is None or target is None or target.number is None:
        return "", None, "light.unread"
    a, t = actual.number, target.number
    if how == "less":
        return ("绿" if a <= t else "红"), None, "light.less"
    if t <= 0:
        return ("绿" if a >= t else "红"), None, "light.more"
    prorate = pack.prorated(level1, level2, target.unit)
    r = (a * 12 / (t * month) if prorate else a / t).quantize(ROUND9, ROUND_HALF_UP)
    return _band(r, pack.indicator_bands), r, "light.more.prorated" if prorate else "light.more"


def score_budget(budget: Decimal | None, executed: Decimal | None, points: Decimal,
                 pack: RulePack) -> tuple[Score, Decimal | None]:
    """(score, 执行率): ``min(执行数/预算数, 1) × 分值``; no budget scores 0."""
    if budget is None or budget <= 0:
        return Score(ZERO, points, ZERO, f"{pack.name}:budget.none"), None
    rate = (executed or ZERO) / budget
    return Score(points * min(max(rate, ZERO), ONE), points, min(max(rate, ZERO), ONE), f"{pack.name}:budget.rate"), rate


def light_budget(budget: Decimal | None, executed: Decimal | None, month: int, pack: RulePack) -> Light:
    """执行率 ÷ (N/12) against the pack's bands (红 / 黄 / 绿)."""
    if budget is None or budget <= 0 or executed is None:
        return Light("", None, f"{pack.name}:budget.none")
    r = (executed * 12 / (budget * month)).quantize(ROUND9, ROUND_HALF_UP)
    return Light(_band(r, pack.budget_bands), r, f"{pack.name}:budget.light")


def total_score(earned: Iterable[Decimal | None], possible: Iterable[Decimal]) -> Decimal | None:
    """100 × earned ÷ possible, to the cent (rows marked 不适用 are left out of both: the rest is rescaled)."""
    got = sum((e for e in earned if e is not None), ZERO)
    out = sum(possible, ZERO)
    return None if out <= 0 else (HUNDRED * got / out).quantize(CENT, ROUND_HALF_UP)


def worst(colors: Iterable[str]) -> str:
    """The worst light (红 > 黄 > 蓝 > 绿); ``""`` when none.

    >>> worst(["绿", "", "黄", "蓝"]), worst([])
    ('黄', '')
    """
    lit = [c for c in colors if c in LIGHT_RANK]
    return max(lit, key=LIGHT_RANK.__getitem__) if lit else ""
