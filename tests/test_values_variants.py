"""Table-driven tests: single 指标值 strings as they are written in published tables.

Sources, named next to each group and string:

* ``seed``: values of ``../shared/seed/000_054ceea5f7155cfe.txt`` (all of them are also checked
  against the gold in ``test_values.py``);
* ``issue 2 §4``: the issue's examples and its word list (a short value is built for each comparator
  word the issue names where no published one was found);
* ``S<n>``: strings found in published tables, collected in ``variants.md`` (source key at the
  bottom). The stored web pages had ``：，（）`` turned to ASCII; the code corpus (S8) kept them.

Each expectation is what a finance officer reads: kind, op (``= ≥ ≤ > <``), number (``Decimal``),
unit as written (multiplier included: ``万宗``, ``万元/亩``) and note (what qualifies the number:
``（每年）`` → ``每年``). ``subject`` (text before the number) is checked where it is given.
Known gaps are ``xfail(strict=True)`` with the reason; never delete them, fix the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from xltools import normalize, parse_value

QUANT = "quantitative"
QUAL = "qualitative"
UNCHECKED = object()


@dataclass(frozen=True)
class Example:
    raw: str
    kind: str
    op: str | None = None
    number: Decimal | None = None
    unit: str | None = None
    note: str | None = None
    subject: object = UNCHECKED
    warnings: object = UNCHECKED  # a tuple of warning codes, or UNCHECKED


def n(raw: str, op: str, number: str, unit: str, note: str | None = None, subject: object = UNCHECKED) -> Example:
    """A quantitative value; it carries no warnings."""
    return Example(raw, QUANT, op, Decimal(number), unit, note, subject, ())


def q(raw: str, *warnings: str, check_warnings: bool = True) -> Example:
    """A qualitative value (no op, number, unit or note) with these warnings."""
    return Example(raw, QUAL, warnings=warnings if check_warnings else UNCHECKED)


def ok(id: str, ex: Example) -> object:
    return pytest.param(ex, id=id)


def gap(id: str, ex: Example, reason: str) -> object:
    """A value the parser reads wrongly today (the expectation stays as it is)."""
    return pytest.param(ex, id=id, marks=pytest.mark.xfail(strict=True, reason=reason))


def check(ex: Example) -> None:
    v = parse_value(ex.raw)
    assert v.raw == ex.raw
    assert v.text == normalize(ex.raw)
    got: dict[str, object] = {"kind": v.kind, "op": v.op, "number": v.number, "unit": v.unit, "note": v.note}
    want: dict[str, object] = {"kind": ex.kind, "op": ex.op, "number": ex.number, "unit": ex.unit, "note": ex.note}
    if ex.subject is not UNCHECKED:
        got["subject"], want["subject"] = v.subject, ex.subject
    if ex.warnings is not UNCHECKED:
        got["warnings"], want["warnings"] = v.warnings, ex.warnings
    assert got == want


# --- 1. the examples of issue 2 §4 (all of them values of the seed) ------------------------------
ISSUE_EXAMPLES = [
    ok("per-year-fullwidth-parens", n("≥100个（每年）", "≥", "100", "个", "每年")),
    ok("hours-per-year", n("≥1500小时（每年）", "≥", "1500", "小时", "每年")),  # seed
    ok("chaoguo-wan-unit", n("超过100万宗", ">", "100", "万宗")),
    ok("subject-with-parens-wan-yishang", n("网站浏览量(点击量)1300万以上", "≥", "1300", "万", subject="网站浏览量(点击量)")),
    ok("workdays-nei-banjie", n("咨询类工单2个工作日内办结", "≤", "2", "个工作日", "办结", subject="咨询类工单")),
    ok("subject-xiaoyu", n("栏目逾期次数小于5次", "<", "5", "次", subject="栏目逾期次数")),
    ok("dadao-erji-yishang", n("平台等级安全保护级别达到二级以上", "≥", "2", "级", subject="平台等级安全保护级别")),
    ok("decimal-area", n("面积20000.95平方米", "=", "20000.95", "平方米", subject="面积")),
    ok("subject-pct-yishang", n("用户满意度95%以上", "≥", "95", "%", subject="用户满意度")),
    ok("le-zero", n("≤0", "≤", "0", "")),
    ok("bare-number", n("12", "=", "12", "")),
    ok("decimal-hours", n("1.5小时", "=", "1.5", "小时")),  # seed
    ok("gt-points", n(">90分", ">", "90", "分")),  # seed
    ok("wancheng-count-then-text", n("完成18个信息系统安全等保工作", "=", "18", "个", "信息系统安全等保工作")),  # seed
    # subject before the number is still `= 100 %`
    ok("subject-first", n("日常巡检达标率100%", "=", "100", "%", subject="日常巡检达标率")),
    ok("S5-subject-equals", n("足额保障率=100%", "=", "100", "%", subject="足额保障率")),  # S5
    # more than one requirement: qualitative
    ok("huo-two-requirements", q("可使用2年或盖10万次以上", "value_multiple")),
    ok("seed-list-of-requirements", q("符合公安印章备案要求、平滑、可使用2年或盖10万次以上", "value_multiple")),  # seed
]


@pytest.mark.parametrize("ex", ISSUE_EXAMPLES)
def test_issue_examples(ex: Example) -> None:
    check(ex)


# --- 2. comparator words, one value per word of issue 2 §4 --------------------------------------
COMPARATOR_WORDS = [
    # → ≥
    ok("budiyu", n("不低于90％", "≥", "90", "%")),
    ok("bushaoyu", n("不少于6次", "≥", "6", "次")),
    ok("zhishao", n("至少2次", "≥", "2", "次")),
    ok("yishang", n("95%以上", "≥", "95", "%")),
    ok("jiyishang", n("95%及以上", "≥", "95", "%")),
    ok("dadao-yishang", n("达到95%以上", "≥", "95", "%")),
    ok("dayudengyu", n("大于等于90%", "≥", "90", "%")),
    # → >
    ok("chaoguo", n("超过3次", ">", "3", "次")),
    ok("dayu", n("大于90分", ">", "90", "分")),
    ok("gaoyu", n("高于90%", ">", "90", "%")),
    ok("duoyu", n("多于5次", ">", "5", "次")),
    # → ≤
    ok("bugaoyu", n("不高于5%", "≤", "5", "%")),
    ok("buchaoguo", n("不超过65万元", "≤", "65", "万元")),
    ok("buduoyu", n("不多于3次", "≤", "3", "次")),
    ok("yinei", n("5个工作日以内", "≤", "5", "个工作日")),
    ok("nei", n("2个工作日内", "≤", "2", "个工作日")),
    ok("yixia", n("5%以下", "≤", "5", "%")),
    ok("xiaoyudengyu", n("小于等于5%", "≤", "5", "%")),
    # → <
    ok("xiaoyu", n("小于5次", "<", "5", "次")),
    ok("diyu", n("低于5%", "<", "5", "%")),
    ok("shaoyu", n("少于3次", "<", "3", "次")),
    # → =
    ok("dengyu", n("等于100%", "=", "100", "%")),
    ok("dadao", n("达到100%", "=", "100", "%")),
    ok("wancheng", n("完成12项", "=", "12", "项")),
]


@pytest.mark.parametrize("ex", COMPARATOR_WORDS)
def test_comparator_words(ex: Example) -> None:
    check(ex)


# --- 3. Chinese numerals (issue 2 §4: 二级, 十五) -------------------------------------------------
CHINESE_NUMERALS = [
    ok("erji", n("二级", "=", "2", "级")),
    ok("sanji-yishang", n("三级以上", "≥", "3", "级")),
    ok("shiwu-workdays-nei", n("十五个工作日内办结", "≤", "15", "个工作日", "办结")),
]


@pytest.mark.parametrize("ex", CHINESE_NUMERALS)
def test_chinese_numerals(ex: Example) -> None:
    check(ex)


# --- 4. parenthesised qualifiers go to note (issue 2 §4) ------------------------------------------
NOTES = [
    ok("seed-per-year", n("≥8个（每年）", "≥", "8", "个", "每年")),  # seed
    ok("S8-weight", n("100%（1.0）", "=", "100", "%", "1.0")),  # S8: the weight after the value
    # S22: the breakdown of the total in parentheses is not a second requirement
    ok("S22-breakdown", n("854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)", "=", "854", "万",
         "高标准农田建设400万元,示范建设295万元,畅通工程159万元")),
]


@pytest.mark.parametrize("ex", NOTES)
def test_parenthesised_notes(ex: Example) -> None:
    check(ex)


# --- 5. several requirements in one value: qualitative (issue 2 §4) ------------------------------
MULTIPLE = [
    ok("S30-two-rates", q("第一年按总投资额返本20%,分红按8%分红", "value_multiple")),  # S30
    ok("S19-two-rates", q("城市照明亮灯率不低于 98%,单项(单条道路)亮灯率不低于 97%", "value_multiple")),  # S19
    ok("S19-range-and-limit", q("单条道路 200- 150盏以内,黑灯数不能超过 4盏", "value_multiple")),  # S19
    ok("S24-two-targets", q("为水濂村带来观光游客不少于6万人,村集体收入达6万元。", "value_multiple")),  # S24 (年度目标)
]


@pytest.mark.parametrize("ex", MULTIPLE)
def test_several_requirements(ex: Example) -> None:
    check(ex)


# --- 6. qualitative values (issue 2 §4 and found online) ----------------------------------------
QUALITATIVE = [
    ok("zhengchang-yunzhuan", q("正常运转")),  # seed
    ok("manyi", q("满意")),  # seed
    ok("xiaoguo-mingxian", q("效果明显")),  # seed
    ok("seed-sentence", q("支付标准严格按照文件执行")),  # seed
    ok("S1-youliang", q("优良")),  # S1
    ok("S11-words-no-number", q("控制在预算内")),  # S11: comparator words, no number
    ok("S13-yingzhujinzhu", q("应助尽助")),  # S13
    ok("S4-nei-wancheng-no-number", q("在项目计划完成时间内完成")),  # S4: 内 and 完成, no number
    ok("S6-buchao-yusuan", q("不超预算")),  # S6
    # dates and periods are not quantities
    ok("S1-month-range", q("2023.07-2024.01", check_warnings=False)),  # S1
    ok("S10-date-range", q("2020年1月--2020年11月", check_warnings=False)),  # S10
    ok("S7-deadline", q("2023年12月前", check_warnings=False)),  # S7
    ok("S30-yearly-deadline", q("每年12月底前", check_warnings=False)),  # S30
]


@pytest.mark.parametrize("ex", QUALITATIVE)
def test_qualitative(ex: Example) -> None:
    check(ex)


# --- 7. found online: plain values ---------------------------------------------------------------
FOUND_ONLINE = [
    ok("S1-metres-M", n("≥80M", "≥", "80", "M")),  # S1 (M = 米, a range in metres)
    ok("S22-km-chinese", n("≥100公里", "≥", "100", "公里")),  # S22
    ok("S18-workdays", n("≤7工作日", "≤", "7", "工作日")),  # S18
    ok("S4-wanyuan", n("≤90万元", "≤", "90", "万元")),  # S4
    ok("S24-ascii-ge", n(">=2.61万元", "≥", "2.61", "万元")),  # S24
    ok("S30-ascii-eq", n("=46.16万元", "=", "46.16", "万元")),  # S30
    ok("S6-gt", n(">92%", ">", "92", "%")),  # S6
    ok("S23-pct-dropped", n(">=85", "≥", "85", "")),  # S23 (the % dropped)
    ok("S9-renci", n("280人次", "=", "280", "人次")),  # S9
    ok("S10-four-decimals", n("1346.0088万平方米", "=", "1346.0088", "万平方米")),  # S10
    ok("S39-wanren-yishang", n("全市城镇新增就业人数5.8万人以上", "≥", "5.8", "万人", subject="全市城镇新增就业人数")),  # S39
    # S24, S30: the template placeholder `(≥**个)` left in front of the real value
    ok("S24-template-in-parens",
       n("贫困地区旅游景点开发数量( ≥**个 ) >=4个", "≥", "4", "个", subject="贫困地区旅游景点开发数量(≥**个)")),
    ok("S30-star-template", n("*资产股权年收益率( ≥**% ) >=8%", "≥", "8", "%", subject="*资产股权年收益率(≥**%)")),
    ok("S24-template-glued", n("受益建档立卡贫困人口数≥**人 >=29人", "≥", "29", "人", subject="受益建档立卡贫困人口数≥**人")),
    ok("S4-baifenbi", n("≥100百分比", "≥", "100", "百分比")),  # S4: 百分比 spelled out for %
    ok("S25-latin-km", n("2km", "=", "2", "km")),  # S25
    ok("S8-chao-per-year", n("超13万元/年", ">", "13", "万元/年")),  # S8: 超 = 超过
    ok("S12-trailing-score", n("资助对象满意度达到目标值95%以上10", "≥", "95", "%", "10")),  # S12: 10 is the 分值 (score)
    ok("S2-columns", n("≥ | 95 | %", "≥", "95", "%")),  # S2: comparator, number and unit in their own columns
    # issue 12: a space before the unit (typed, or columns joined by spaces), a template's masked number
    ok("space-before-unit", n("=2 个", "=", "2", "个", subject=None)),
    ok("spaces-around-number-pct", n(">= 98 %", "≥", "98", "%", subject=None)),
    ok("space-before-unit-with-note", n("≥98 %（每年）", "≥", "98", "%", "每年")),
    ok("masked-number", q("≥**%")),  # S23/S24 template text `(≥**%)` standing alone: no number is given
]


@pytest.mark.parametrize("ex", FOUND_ONLINE)
def test_found_online(ex: Example) -> None:
    check(ex)


# --- 8. found online: compound units (per month, per mu, per person…) ---------------------------
# The unit is what follows the number as written, `/` part included: `元/亩` is a unit, not a note.
COMPOUND_UNITS = [
    ok("S10-per-month", n("≤620万/月", "≤", "620", "万/月")),  # S10
    ok("S16-per-time", n(">=101人/次", "≥", "101", "人/次")),  # S16
    ok("S24-per-mu", n("<=475元/亩", "≤", "475", "元/亩")),  # S24
    ok("S24-per-m2", n("<=3000元/平方米", "≤", "3000", "元/平方米")),  # S24
    ok("S30-per-item", n("=23万元/个", "=", "23", "万元/个")),  # S30
    ok("S22-per-mu", n("1600元/亩", "=", "1600", "元/亩")),  # S22
    ok("S10-times-per-month", n("1次/月", "=", "1", "次/月")),  # S10
    ok("S18-per-thousand", n("检测批次达到2批次/千人", "=", "2", "批次/千人", subject="检测批次")),  # S18
]


@pytest.mark.parametrize("ex", COMPOUND_UNITS)
def test_compound_units(ex: Example) -> None:
    check(ex)


# --- 9. found online: a sentence's full stop is not a note ---------------------------------------
SENTENCE_END = [
    ok("S26-bushaoyu-period",  # S26
        n("“送戏进万村”演出不少于81场。", "≥", "81", "场", subject="“送戏进万村”演出")),
    ok("S29-yishang-period", n("群众满意度达到95%以上。", "≥", "95", "%", subject="群众满意度")),  # S29
    ok("S39-kongzhizai-yinei-period",  # S39
        n("全市年末城镇登记失业率控制在4%以内。", "≤", "4", "%", subject="全市年末城镇登记失业率")),
]


@pytest.mark.parametrize("ex", SENTENCE_END)
def test_sentence_end(ex: Example) -> None:
    check(ex)


# Source key (variants.md, collected from stored public copies):
# S1  xtcg.xiangtan.gov.cn/15068/15075/26693/content_1250928.html — 湘潭市环境卫生管理处 2023 雾炮车
# S2  m.qbidia.com … 井研县马踏镇 部门预算项目绩效目标申报表(2023年度) (mirror)
# S4  anthempetcare.com … 池州市贵池区棠溪镇 项目支出绩效自评表(2022年度) (mirror)
# S5  dyrmt.com/article-132779-22.html — 大英县 self-evaluation
# S6  desk33.com/d-245426.html — 鄂州市2022年市直部门预算项目支出绩效目标表.docx
# S7  0477ly.com/newsdetail/news661681.html — 宁德 人才驿站 evaluation (mirror)
# S8  GitHub vitest fixture quoting 事前绩效评估绩效目标申报表.docx (find_string id 66877442246)
# S9  czj.huangshi.gov.cn … 黄石 党校 主体班 2022 项目支出绩效目标批复表
# S10 13560281748.com … 抗疫特别国债 环境卫生 2020 绩效目标表 (mirror)
# S11 xtcg.xiangtan.gov.cn/15068/15075/26693/content_1349210.html — 湘潭 2024 雾炮车
# S12 ningjin.gov.cn/content/26279.html — 宁晋县高中助学金 2019 绩效评价指标表
# S13 dyrmt.com/article-130322-7.html — 大英县民政局 2022 转移支付 自评
# S16 nanyue.gov.cn … 南岳区 雨露计划 2023 绩效目标申报表
# S18 nyncj.luan.gov.cn/public/6608321/10480730.html — 六安市农业农村局 2024 项目支出绩效目标申报表
# S19 yakdoc.com/html/258797.html — 长沙路灯 survey (value phrasing only)
# S22 yyx.gov.cn/37584/38137/content_2016103.html — 岳阳县 2022 乡村振兴衔接资金 绩效目标申报表
# S23 tongxin.gov.cn … 同心县下马关镇 2023 绩效目标设定公示
# S24 nanyue.gov.cn … i951217.html — 南岳区 2018 市级专项扶贫 绩效目标申报表
# S25 qjzhf.gov.cn … ID=15161 — 清涧县 2021 绩效目标申报表
# S26 bdyyhn.com/msgc/msgcyg/2021n/12038971 — 公共文化 task list (likely mirror)
# S29 cqfj.gov.cn … 奉节县 2023 项目支出绩效目标审批表
# S30 nanyue.gov.cn … i951215.html — 南岳区 2018 资产收益扶贫 绩效目标申报表
# S39 ask.fsou.com/html/text/lar/171602/17160207.html — 漳州 2009 促进就业目标责任制 (phrasing only)
