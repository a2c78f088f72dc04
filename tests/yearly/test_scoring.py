"""Scores and lights: the Python scorer against the sheet formulas, the rule packs, and published 自评表.

The property tests evaluate the very formula text the writer puts in the cells (tests/yearly/yearly_eval.py);
tests/yearly/test_yearly_forms.py recalculates whole written workbooks in LibreOffice.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yearly_eval import evaluate

from xltools.errors import InputError
from xltools.rulepacks import load_pack, pack_names
from xltools.scoring import direction, is_percent, light_budget, light_indicator, read_actual, score_budget, score_indicator
from xltools.values import format_number, format_value, parse_value
from xltools.yearly import formulas as fx
from xltools.yearly import score
from xltools.yearly.evaluate import ProjectInput, RowInput, distribute_points
from xltools.yearly.evaluate import evaluate as evaluate_project

REAL = DATA / "real"
PACKS = ("central", "central,less=linear", "central,more=rate", "hubei", "sichuan")
LEVELS = (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标"))


def _cell_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _names(pack: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {"xt_na": [(w,) for w in pack.not_applicable],
            "xt_tiers": [(w, _cell_number(f), light) for w, f, light in pack.table]}


targets = st.one_of(
    st.builds(lambda op, n, unit: f"{op}{format_number(n)}{unit}", st.sampled_from(["≥", "≤", "=", ">", "<", ""]),
              st.decimals(0, 1000, places=2), st.sampled_from(["%", "个", "天", "万元", ""])),
    st.sampled_from(["正常运转", "效果明显", "有效"]),
)
actuals = st.one_of(st.none(), st.just("不适用"), st.decimals(0, 2000, places=2),
                    st.sampled_from(["达成", "部分达成", "未达成", "基本完成", "达成预期指标", "很多", "正常运转", "有效"]))


def _row(target_text: str, actual: Any, pack: Any) -> tuple[Any, Any, bool, Any]:
    """(target, the actual cell's value as the sheet holds it, percent row, env of the row)."""
    target = parse_value(target_text)
    pct = is_percent(target)
    how = direction(target, pack)
    cell = actual
    if isinstance(actual, Decimal):
        cell = float(actual / 100) if pct and how != "qual" else float(actual)
    shown = format_value(target) if target.is_quantitative else target.text
    number = None if how == "qual" else target.number / (100 if pct else 1)
    env = {"E9": cell, "D9": shown, "K9": None if number is None else _cell_number(number), "_names": _names(pack)}
    return target, cell, pct, env


case = st.tuples(targets, actuals, st.decimals("0.5", 50, places=2), st.sampled_from(PACKS), st.integers(1, 12),
                 st.sampled_from(LEVELS), st.sampled_from([None, "确定能", "有可能", "不可能", "完全不可能"]))


@settings(max_examples=2_000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(cases=st.lists(case, min_size=5, max_size=5))
def test_python_and_the_sheet_formulas_agree(cases: list[tuple[Any, ...]]) -> None:
    """2,000 examples × 5 cases = 10,000 (target, actual, points, rule) cases: 得分 and 监控灯."""
    for target_text, actual, points, rule, month, levels, possibility in cases:
        _agree(target_text, actual, points, rule, month, levels, possibility)


def _agree(target_text: str, actual: Any, points: Decimal, rule: str, month: int, levels: tuple[str, str],
           possibility: str | None) -> None:
    pack = load_pack(rule)
    target, cell, pct, env = _row(target_text, actual, pack)
    how = direction(target, pack)
    read = read_actual(cell, target, pack, percent_cell=pct and how != "qual", strict=True)
    env.update({"F9": _cell_number(points), "B2": month, "J9": possibility})
    # 得分
    py = score_indicator(target, read, points, pack).value
    xl = evaluate(fx.score_formula(how, pack, 9, percent=pct), env)
    assert (py is None) == (xl == ""), (target_text, actual, rule, py, xl)
    if py is not None:
        assert abs(float(py) - xl) <= 1e-9 * max(1.0, abs(xl)), (target_text, actual, rule, py, xl)
    # 监控灯 (进度比, the base light, then the 完成可能性 cap)
    light = light_indicator(target, read, month, pack, level1=levels[0], level2=levels[1], possibility=possibility)
    env["G9"] = evaluate(fx.progress_formula(how, 9, prorate=pack.prorated(*levels, target.unit)), env)
    env["N9"] = evaluate(fx.light_formula(how, pack, 9), env)
    assert evaluate(fx.cap_formula("N9", "J9", pack), env) == light.color, (target_text, actual, rule, month)
    if light.ratio is not None:
        assert abs(float(light.ratio) - env["G9"]) <= 1e-9 * max(1.0, env["G9"])


@settings(max_examples=2_000, deadline=None, derandomize=True)
@given(budget=st.one_of(st.none(), st.decimals(0, 5000, places=2)), executed=st.one_of(st.none(), st.decimals(0, 6000, places=2)),
       month=st.integers(1, 12), rule=st.sampled_from(PACKS))
def test_budget_rate_score_and_light_agree(budget: Decimal | None, executed: Decimal | None, month: int, rule: str) -> None:
    pack = load_pack(rule)
    env = {"C6": None if budget is None else _cell_number(budget), "D6": None if budget is None else _cell_number(budget),
           "E6": None if executed is None else _cell_number(executed), "F6": _cell_number(pack.budget_points), "B2": month}
    s, _ = score_budget(budget, executed, pack.budget_points, pack)
    assert abs(float(s.value or 0) - evaluate(fx.budget_score_formula(6), env)) < 1e-9
    monitor = {"C6": env["C6"], "D6": env["E6"], "B2": month}
    assert evaluate(fx.budget_light_formula(6, pack), monitor) == light_budget(budget, executed, month, pack).color


@settings(max_examples=1_000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(st.tuples(targets, actuals, st.decimals(1, 40, places=1)), min_size=1, max_size=6),
       executed=st.one_of(st.none(), st.decimals(0, 120, places=2)), rule=st.sampled_from(PACKS))
def test_total_and_grade_agree(rows: list[tuple[str, Any, Decimal]], executed: Decimal | None, rule: str) -> None:
    pack = load_pack(rule)
    env: dict[str, Any] = {"C6": 100, "D6": 100, "E6": None if executed is None else _cell_number(executed),
                           "F6": _cell_number(pack.budget_points), "_names": _names(pack)}
    inputs = []
    for i, (text, actual, points) in enumerate(rows):
        r = 9 + i
        target, cell, pct, row_env = _row(text, actual, pack)
        how = direction(target, pack)
        env.update({f"E{r}": cell, f"D{r}": row_env["D9"], f"K{r}": row_env["K9"], f"F{r}": _cell_number(points)})
        env[f"G{r}"] = evaluate(fx.score_formula(how, pack, r, percent=pct), env)
        env[f"M{r}"] = evaluate(fx.counted_formula(r), env)
        inputs.append(RowInput("产出指标", "数量指标", f"指标{i}", target, cell, points=points,
                               percent_cell=pct and how != "qual"))
    end = 8 + len(rows)
    env["H6"] = evaluate(fx.budget_score_formula(6), env)
    total = evaluate(fx.total_formula("H6", "F6", f"G9:G{end}", f"M9:M{end}", f"E9:E{end}", "E6"), env)
    grade = evaluate(fx.grade_formula("T1", pack), {**env, "T1": total})
    result = evaluate_project(ProjectInput("p", "selfeval", Decimal(100), executed, tuple(inputs),
                                           budget_points=pack.budget_points, strict=True), pack)
    assert (result.total is None) == (total == "")
    if result.total is not None:
        assert abs(float(result.total) - total) <= 0.0100001
        if abs(float(result.total) - total) < 1e-9:
            assert result.grade == grade


# --- rule packs ------------------------------------------------------------------------------

def test_packs_are_data_with_sources_and_switch_by_name() -> None:
    assert set(pack_names()) >= {"central", "hubei", "sichuan"}
    for name in pack_names():
        pack = load_pack(name)
        assert pack.sources and all(len(s) > 20 for s in pack.sources)
        assert pack.budget_points + sum((w for _, w in pack.weights), Decimal(0)) in (Decimal(100), pack.budget_points)
    t = parse_value("≤5天")
    six = read_actual("6", t, load_pack("central"), strict=True)
    assert score_indicator(t, six, Decimal(10), load_pack("central")).value.quantize(Decimal("0.01")) == Decimal("8.33")
    linear = score_indicator(t, six, Decimal(10), load_pack("central,less=linear"))
    assert (linear.value, linear.rule) == (Decimal("8.0"), "central,less=linear:less.linear")
    with pytest.raises(InputError):
        load_pack("nowhere")
    with pytest.raises(InputError):
        load_pack("central,less=cubic")


@pytest.mark.parametrize(("target", "actual", "points", "expected", "rule"), [
    ("≥100个", "80", 10, "8", "central:more.ratio"),
    ("≥100个", "130", 10, "10", "central:more.ratio"),
    ("≤90万元", "90", 8, "8", "central:less.ratio"),
    ("正常运转", "部分达成", 10, "8.0", "central:qual.tier"),
    ("正常运转", "正常运转", 10, "10", "central:qual.tier"),
    ("效果明显", "85%", 10, "8.500", "central:qual.percent"),
    ("≥95%", "不适用", 10, None, "central:na"),
    ("≥95%", "", 10, None, "central:empty"),
])
def test_one_indicator(target: str, actual: str, points: int, expected: str | None, rule: str) -> None:
    pack = load_pack("central")
    t = parse_value(target)
    s = score_indicator(t, read_actual(actual, t, pack), Decimal(points), pack)
    assert (s.value, s.rule) == (None if expected is None else Decimal(expected), rule)


def test_lights() -> None:
    central, hubei = load_pack("central"), load_pack("hubei")
    more = parse_value("≥120个")
    # 1-7月: 60 of 120 is 86% of the 70 due by July: green; 35 is 50%: red; 140 of 70: blue
    assert [light_indicator(more, read_actual(a, more, central), 7, central).color for a in (60, 42, 35, 140)] == \
        ["绿", "黄", "红", "蓝"]
    rate = parse_value("≥95%")  # hubei does not prorate a percentage
    assert light_indicator(rate, read_actual("70%", rate, hubei), 6, hubei, level2="质量指标").color == "黄"
    assert light_indicator(rate, read_actual("96%", rate, hubei), 6, hubei, possibility="有可能").color == "黄"
    assert light_indicator(parse_value("≤5天"), read_actual(6, parse_value("≤5天"), central), 7, central).color == "红"
    # 执行率 ÷ 7/12: 34% -> 58% 红; 35% -> exactly 60% 黄 (the band's edge); 47% -> 81% 绿
    assert [light_budget(Decimal(100), Decimal(x), 7, central).color for x in (34, 35, 47)] == ["红", "黄", "绿"]


def test_points_are_spread_by_the_pack() -> None:
    central = load_pack("central")
    assert distribute_points(["产出指标"] * 4 + ["效益指标"] * 3 + ["满意度指标"], central) == \
        [Decimal("12.50")] * 4 + [Decimal(10)] * 3 + [Decimal(10)]
    # no 效益 indicator: 产出 and 满意度 share the 90 in proportion 50:10
    assert sum(distribute_points(["产出指标"] * 7 + ["满意度指标"], central)) == 90
    assert distribute_points(["成本指标", "产出指标"], central) == [Decimal(45), Decimal(45)]  # 成本 counts with 产出


# --- published, filled 自评表 ------------------------------------------------------------------

def _one(name: str, rules: str | None = None) -> Any:
    report = score(REAL / name, rules=rules)
    assert len(report.projects) == 1
    return report.projects[0]


def test_published_shandong_licheng_2019_is_reproduced() -> None:
    """济南市历城区文化馆 2019 自评表 (http://jnslcqwhg.cn/newsinf_id_308.html): 产出 (50分) spread evenly
    over its 4 indicators (12.5 each — the central spread), 执行率 100% × 10 = 10, every score as printed."""
    p = _one("020_山东_历城文化馆自评表.xlsx")
    assert p.name == "商品和服务支出"
    # the form had 产出 (50分), 效益 (30分) and 满意度 (10分) blocks; the stored excerpt ends inside 效益
    assert distribute_points(["产出指标"] * 4 + ["效益指标"] * 3 + ["满意度指标"], load_pack("central"))[:4] == \
        [Decimal("12.50")] * 4
    assert p.budget_score.value == Decimal(10)
    assert [r.score.value for r in p.rows] == [r.row.hand_score for r in p.rows] == \
        [Decimal("12.5")] * 4 + [Decimal(10)]
    assert not [f for f in p.findings if f.code == "score_differs"]


def test_published_yunnan_yongde_2022_differs_where_the_publisher_judged() -> None:
    """永德县明朗中学 2022 自评表 (https://www.yongde.gov.cn/info/3003/116104.htm): printed total 96, 优.
    The central rule agrees on 7 of 9 scores and on the grade; the publisher took 3 points off 资金到位及时率
    (100% of a ≥100% target: full marks by the rule) and gave 政策知晓率 98% of =100% a whole 9 (rule: 9.80).
    The printed total is the printed scores' sum (10 + 86); the rule's total is 99.80 — still 优."""
    p = _one("011_云南_永德明朗中学自评表.xlsx")
    assert p.name == "义务教育营养改善计划专项资金"
    hand = [r.row.hand_score for r in p.rows]
    assert p.budget_score.value == Decimal(10) and sum(hand) + 10 == 96
    assert (p.total, p.grade) == (Decimal("99.80"), "优")
    differs = sorted(f.message.split("”")[0][1:] for f in p.findings if f.code == "score_differs" and "总分" not in f.message)
    assert differs == ["政策知晓率", "资金到位及时率"]
    assert load_pack("central").grade_of(Decimal(96)) == "优"


def test_published_hubei_huanggang_2020_uses_points_times_rate() -> None:
    """黄冈市水保所 2020 自评表 (tests/data/real/024, SOURCES.md; mirror http://www.boteman.cn/paper/97320058.html):
    预算执行 20 分 × 100% = 20 (the hubei pack), printed scores 10/10/19.6/20/20, total 99.6.  The form prints no
    分值 column; the points of fully met rows are their printed scores (10, 10, 20, 20) and 整编资料审核 takes the
    rest of its 40-point block (20).  19.6 = 20 × 98%: the publisher scored the 98% result as a share of the points
    (pack override ``more=rate``), not against its 98% target (min(98/98, 1) × 20 = 20)."""
    p = _one("024_湖北_黄冈水保所自评表.xlsx", rules="hubei")
    assert p.budget_score.value == Decimal(20)
    points = [Decimal(x) for x in (10, 10, 20, 20, 20)]
    rows = tuple(replace(r.row, points=pt) for r, pt in zip(p.rows, points))
    rate = evaluate_project(ProjectInput(p.name, "selfeval", Decimal(10), Decimal(10), rows, budget_points=Decimal(20)),
                            load_pack("hubei,more=rate"))
    assert [r.score.value for r in rate.rows] == [Decimal(10), Decimal(10), Decimal("19.6"), Decimal(20), Decimal(20)]
    assert rate.total == Decimal("99.60") and not [f for f in rate.findings if f.code == "score_differs"]
    ratio = evaluate_project(ProjectInput(p.name, "selfeval", Decimal(10), Decimal(10), rows, budget_points=Decimal(20)),
                             load_pack("hubei"))
    assert ratio.total == Decimal("100.00")


@pytest.mark.parametrize("name", ["004_安徽_棠溪镇委托业务自评表.xlsx", "005_安徽_棠溪镇村级补助自评表.xlsx"])
def test_published_anhui_guichi_2022_full_marks_reproduced(name: str) -> None:
    """池州市贵池区棠溪镇 2022 自评表 (mirror http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2 and
    id=502367): every indicator met (≥50个: 50; ≤90万元: 90; 定性 达成预期指标) scores its printed points.  The
    printed 年度资金总额 row is 0 | 0 | 0 with 执行率 0, 得分 0 (a spreadsheet quirk: the 财政拨款 line holds the
    money) — the rule gives the same 0 and says why."""
    p = _one(name)
    assert [r.score.value for r in p.rows] == [r.row.hand_score for r in p.rows]
    assert p.budget_score.value == 0 == p.budget_score.value
    assert [f.code for f in p.findings] == ["budget_missing"]


def test_published_sichuan_points_spread() -> None:
    """四川 自评表 (https://dyrmt.com/article-132779-22.html; same form as 青神县发改局 018): 预算执行 10 分 and
    4 indicators of 22.5 — the sichuan pack spreads the 90 over all indicators."""
    assert distribute_points(["产出指标", "产出指标", "产出指标", "效益指标"], load_pack("sichuan")) == [Decimal("22.50")] * 4
