"""A filled 监控表 or 自评表 as plain inputs -> its lights, scores, total, grade and findings (pure).

:func:`distribute_points` spreads the pack's 分值 over a project's indicators (evenly within a 一级, or
over all of them); :func:`evaluate` computes one project with :mod:`xltools.scoring` and lists what a
reviewer would send back: a 偏差原因 missing where the pack requires it, an actual that does not read,
a unit other than the target's, a score entered by hand that the rule does not give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..rulepacks import RulePack
from ..scoring import (
    CENT,
    ZERO,
    Actual,
    Light,
    Score,
    direction,
    light_budget,
    light_indicator,
    read_actual,
    same_unit,
    score_budget,
    score_indicator,
    total_score,
    worst,
)
from ..values import TargetValue

__all__ = ["ProjectInput", "ProjectResult", "RowInput", "RowResult", "YearlyFinding", "distribute_points", "evaluate"]


@dataclass(frozen=True, slots=True)
class RowInput:
    """One indicator row of a filled form (cells as read; ``points``/``hand_score`` ``None`` when blank)."""

    level1: str | None
    level2: str | None
    name: str
    target: TargetValue | None
    actual: object
    points: Decimal | None = None
    hand_score: Decimal | None = None
    reason: str | None = None
    possibility: str | None = None
    location: str = ""
    percent_cell: bool = False


@dataclass(frozen=True, slots=True)
class ProjectInput:
    """One project's form: ``kind`` ``monitor`` or ``selfeval``; ``budget`` the 全年预算数 (自评) or 年初预算数 (监控)."""

    name: str
    kind: str
    budget: Decimal | None
    executed: Decimal | None
    rows: tuple[RowInput, ...]
    month: int | None = None
    budget_points: Decimal | None = None
    hand_budget_score: Decimal | None = None
    budget_reason: str | None = None
    hand_total: Decimal | None = None
    location: str = ""
    strict: bool = False


@dataclass(frozen=True, slots=True)
class YearlyFinding:
    code: str
    severity: str
    message: str
    location: str


@dataclass(frozen=True, slots=True)
class RowResult:
    row: RowInput
    actual: Actual
    score: Score | None
    light: Light | None


@dataclass(frozen=True, slots=True)
class ProjectResult:
    name: str
    kind: str
    pack: str
    rows: tuple[RowResult, ...]
    budget_score: Score | None
    budget_rate: Decimal | None
    budget_light: Light | None
    total: Decimal | None
    grade: str
    light: str
    findings: tuple[YearlyFinding, ...] = field(default=())


def _spread(total: Decimal, n: int) -> list[Decimal]:
    """``total`` in ``n`` shares to the cent, the last one taking the remainder (50/6: 8.33 ×5 + 8.35)."""
    if n <= 0:
        return []
    share = (total / n).quantize(CENT, ROUND_HALF_UP)
    return [share] * (n - 1) + [total - share * (n - 1)]


def distribute_points(level1s: Sequence[str | None], pack: RulePack) -> list[Decimal]:
    """分值 per indicator: the pack's 一级 weights, rescaled over the 一级 present so the form totals 100,
    spread evenly within each 一级 (``distribute: all``: evenly over every indicator).

    >>> from xltools.rulepacks import load_pack
    >>> distribute_points(["产出指标"] * 6 + ["效益指标", "满意度指标"], load_pack("central"))[4:]
    [Decimal('8.33'), Decimal('8.35'), Decimal('30'), Decimal('10')]
    >>> distribute_points(["产出指标", "效益指标", None, "满意度指标"], load_pack("sichuan"))
    [Decimal('22.50'), Decimal('22.50'), Decimal('22.50'), Decimal('22.50')]
    """
    share = Decimal(100) - pack.budget_points
    if not level1s:
        return []
    if pack.distribute == "all" or not pack.weights:
        return _spread(share, len(level1s))
    groups = list(dict.fromkeys(pack.group(x) for x in level1s))
    known = [pack.weight(g) for g in groups]
    filler = (sum((w for w in known if w is not None), ZERO) / max(1, sum(w is not None for w in known))) or share
    weights = {g: (w if w is not None else filler) for g, w in zip(groups, known)}
    scale = share / sum(weights.values(), ZERO)
    out: list[Decimal] = [ZERO] * len(level1s)
    for g in groups:
        idx = [i for i, x in enumerate(level1s) if pack.group(x) == g]
        group_total = (weights[g] * scale).quantize(CENT, ROUND_HALF_UP)
        for i, p in zip(idx, _spread(group_total, len(idx))):
            out[i] = p
    if out:
        out[-1] += share - sum(out, ZERO)  # rounding of the groups stays inside 100
    return [p.quantize(Decimal(1)) if p == p.to_integral_value() else p for p in out]


def _finding(code: str, message: str, location: str, severity: str = "warning") -> YearlyFinding:
    return YearlyFinding(code, severity, message, location)


def _row_findings(r: RowResult, kind: str, pack: RulePack) -> list[YearlyFinding]:
    row, actual, out = r.row, r.actual, []
    where = row.location
    if actual.kind == "text":
        out.append(_finding("actual_unread", f"“{row.name}”的实际完成值“{actual.raw}”无法识别为数值或档次", where))
    if not same_unit(row.target, actual):
        unit = row.target.unit if row.target else ""
        out.append(_finding("unit_differs", f"“{row.name}”的实际完成值单位“{actual.unit}”与指标值单位“{unit}”不同", where))
    if r.score is not None and r.score.value is not None and row.hand_score is not None:
        if abs(row.hand_score - r.score.value) > Decimal("0.005"):
            out.append(_finding("score_differs", f"“{row.name}”填写得分 {row.hand_score}，按规则 {r.score.rule} 应为 "
                                f"{r.score.value.quantize(CENT, ROUND_HALF_UP)}", where))
    if not (row.reason or "").strip() and _needs_reason(r, kind, pack):
        out.append(_finding("reason_missing", f"“{row.name}”需要填写偏差原因（规则 {pack.name}）", where))
    return out


def _needs_reason(r: RowResult, kind: str, pack: RulePack) -> bool:
    if kind == "monitor":
        if r.light is not None and r.light.color in pack.reason_lights:
            return True
        possible = (r.row.possibility or "").strip()
        return pack.reason_possibility and bool(possible) and bool(pack.possibility) and possible != pack.possibility[0]
    share = r.score.fraction if r.score is not None else None
    if share is not None and share < 1 and pack.reason_below_target:
        return True
    t, a = r.row.target, r.actual
    if (pack.reason_above_ratio is not None and direction(t, pack) == "more" and a.number is not None and t is not None
            and t.number is not None and t.number > 0):
        return a.number >= t.number * pack.reason_above_ratio
    return False


def evaluate(project: ProjectInput, pack: RulePack) -> ProjectResult:
    """Lights (监控) or scores (自评) of one project, with findings."""
    month = project.month or pack.month
    points = [r.points for r in project.rows]
    if any(p is None for p in points):
        filled = distribute_points([r.level1 for r in project.rows], pack)
        points = [p if p is not None else d for p, d in zip(points, filled)]
    results = []
    for row, pts in zip(project.rows, points):
        actual = read_actual(row.actual, row.target, pack, percent_cell=row.percent_cell, strict=project.strict)
        if project.kind == "monitor":
            light = light_indicator(row.target, actual, month, pack, level1=row.level1, level2=row.level2,
                                    possibility=row.possibility)
            results.append(RowResult(row, actual, None, light))
        else:
            results.append(RowResult(row, actual, score_indicator(row.target, actual, pts or ZERO, pack), None))
    findings = [f for r in results for f in _row_findings(r, project.kind, pack)]
    if project.budget is None or project.budget <= 0:
        findings.append(_finding("budget_missing", f"“{project.name}”没有预算数，执行率无法计算", project.location, "info"))
    if project.kind == "monitor":
        blight = light_budget(project.budget, project.executed, month, pack)
        color = worst([blight.color, *(r.light.color for r in results if r.light)])
        if blight.color in pack.reason_lights and not (project.budget_reason or "").strip():
            findings.append(_finding("reason_missing", f"“{project.name}”预算执行{blight.color}灯，需要说明偏差原因",
                                     project.location))
        return ProjectResult(project.name, "monitor", pack.name, tuple(results), None, None, blight, None, "", color,
                             tuple(findings))
    bpoints = project.budget_points if project.budget_points is not None else pack.budget_points
    bscore, rate = score_budget(project.budget, project.executed, bpoints, pack)
    if (pack.reason_budget_below is not None and rate is not None and rate < pack.reason_budget_below
            and not (project.budget_reason or "").strip()):
        findings.append(_finding("reason_missing", f"“{project.name}”预算执行率低于 {pack.reason_budget_below:%}，需要说明原因",
                                 project.location))
    if project.hand_budget_score is not None and bscore.value is not None and project.budget is not None:
        if abs(project.hand_budget_score - bscore.value) > Decimal("0.005"):
            findings.append(_finding("score_differs", f"预算执行得分填写 {project.hand_budget_score}，按规则应为 "
                                     f"{bscore.value.quantize(CENT, ROUND_HALF_UP)}", project.location))
    scored = [r for r in results if r.score is not None and r.actual.kind != "na"]
    total = total_score([bscore.value, *(r.score.value for r in scored if r.score)],
                        [bscore.points, *(r.score.points for r in scored if r.score)])
    if project.executed is None and all(r.actual.kind == "empty" for r in results):
        total = None  # nothing filled in yet: no total, no grade (as the sheet shows)
    if project.hand_total is not None and total is not None and abs(project.hand_total - total) > Decimal("0.005"):
        findings.append(_finding("score_differs", f"总分填写 {project.hand_total}，按规则应为 {total}", project.location, "info"))
    return ProjectResult(project.name, "selfeval", pack.name, tuple(results), bscore, rate, None, total,
                         pack.grade_of(total), "", tuple(findings))
