"""Table-driven tests: 绩效指标 cells as they are written in published tables.

The strings come from three places, named next to each group and each string:

* ``seed``: ``../shared/seed/000_054ceea5f7155cfe.txt`` (广州市增城区政务服务数据管理局), column 7,
  quoted with the project name; the whole seed is also checked against the gold in ``test_indicators_seed.py``.
* ``issue 2 §3``: the layout variants the issue lists, built from verbatim seed items (renumbered,
  codes dropped, separators changed) where the issue gives no complete string.
* ``S<n>``: strings found in published tables, collected in ``variants.md`` (the source key with the
  URLs is at the bottom of this file). The stored copies of web pages had their full-width
  punctuation turned to ASCII, and flattened tables come back joined by ``|`` or spaces.

Every expectation is what a finance officer reads in the cell, not what the parser happens to
return today. Known gaps are ``xfail(strict=True)`` with the reason; never delete them, fix the parser.

Every case also checks the two promises of issue 2 §6: ``format_indicators(cell) ==
normalize(text)`` (lossless), and nothing silently lost (``cell.remainder`` is ``""`` for a clean
cell; otherwise it holds the left-over text and a warning says so).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from xltools import format_indicators, normalize, parse_indicators
from xltools.indicators import Indicator
from xltools.values import TargetValue

QUANT = "quantitative"
QUAL = "qualitative"


# --- expectations ---------------------------------------------------------------------------

@dataclass(frozen=True)
class V:
    """An expected 指标值: its canonical text (``None``: not checked) and, unless ``kind`` is
    ``None`` (text only), its kind, op, number, unit and note."""

    text: str | None
    kind: str | None = None
    op: str | None = None
    number: Decimal | None = None
    unit: str | None = None
    note: str | None = None


def n(text: str | None, op: str, number: str, unit: str, note: str | None = None) -> V:
    """A quantitative value."""
    return V(text, QUANT, op, Decimal(number), unit, note)


def q(text: str) -> V:
    """A qualitative value (no op, number, unit or note)."""
    return V(text, QUAL)


def t(text: str) -> V:
    """Only the value's text is checked (its reading is tested in test_values_variants.py)."""
    return V(text)


Levels = tuple[str | None, str | None, str | None, str | None]
NO_LEVELS: Levels = (None, None, None, None)
OUT_QTY: Levels = ("1", "产出指标", "11", "数量指标")
OUT_QUAL: Levels = ("1", "产出指标", "12", "质量指标")
OUT_TIME: Levels = ("1", "产出指标", "13", "时效指标")
OUT_COST: Levels = ("1", "产出指标", "14", "成本指标")
SAT: Levels = ("3", "满意度指标", "31", "服务对象满意度")

# fields filled from the framework rather than written (Indicator.inferred)
CODES = frozenset({"level1_code", "level2_code"})  # names written, codes not
UP = frozenset({"level1", "level1_code"})  # only the 二级 written, with its code
UP_CODES = UP | {"level2_code"}  # only the 二级 name written


@dataclass(frozen=True)
class Ind:
    """An expected indicator.  ``levels`` is (level1_code, level1, level2_code, level2) after
    codes and names are filled from the framework; ``inferred=None`` means not checked."""

    name: str
    levels: Levels = NO_LEVELS
    annual: V | None = None
    period: V | None = None
    seq: int | None = None
    inferred: frozenset[str] | None = frozenset()


LEFT_OVER = object()  # the cell has some text no field took (any, but not none)
#: Warnings that say text was left over (the text itself is in ``cell.remainder``).
LEFT_OVER_CODES = frozenset({"remainder", "lead_text", "extra_value", "placeholder"})


@dataclass(frozen=True)
class Cell:
    id: str
    text: str
    items: tuple[Ind, ...]
    #: codes of ``cell.all_warnings`` other than the left-over ones, exactly
    warnings: frozenset[str] = frozenset()
    #: ``""`` for a clean cell, the exact left-over text, or ``LEFT_OVER``
    remainder: str | object = ""


def ok(case: Cell) -> object:
    return pytest.param(case, id=case.id)


def gap(case: Cell, reason: str) -> object:
    """A case the parser gets wrong today (the expectation stays as it is)."""
    return pytest.param(case, id=case.id, marks=pytest.mark.xfail(strict=True, reason=reason))


# --- the check ------------------------------------------------------------------------------

def _got_value(value: TargetValue | None, want: V | None) -> object:
    if value is None or want is None:
        return None if value is None else value.text
    got: dict[str, object] = {}
    if want.text is not None:
        got["text"] = value.text
    if want.kind is not None:
        got.update(kind=value.kind, op=value.op, number=value.number, unit=value.unit, note=value.note)
    return got


def _want_value(want: V | None) -> object:
    if want is None:
        return None
    out: dict[str, object] = {}
    if want.text is not None:
        out["text"] = want.text
    if want.kind is not None:
        out.update(kind=want.kind, op=want.op, number=want.number, unit=want.unit, note=want.note)
    return out


def _got(ind: Indicator, want: Ind) -> dict[str, object]:
    got: dict[str, object] = {
        "seq": ind.seq,
        "levels": (ind.level1_code, ind.level1, ind.level2_code, ind.level2),
        "name": ind.name,
        "period": _got_value(ind.period, want.period),
        "annual": _got_value(ind.annual, want.annual),
    }
    if want.inferred is not None:
        got["inferred"] = ind.inferred
    return got


def _want(want: Ind) -> dict[str, object]:
    out: dict[str, object] = {
        "seq": want.seq,
        "levels": want.levels,
        "name": want.name,
        "period": _want_value(want.period),
        "annual": _want_value(want.annual),
    }
    if want.inferred is not None:
        out["inferred"] = want.inferred
    return out


def check(case: Cell) -> None:
    cell = parse_indicators(case.text)
    assert cell.raw == case.text
    assert format_indicators(cell) == normalize(case.text), "not lossless"
    assert len(cell) == len(case.items), [i.name for i in cell]
    for ind, want in zip(cell, case.items):
        assert _got(ind, want) == _want(want)
    codes = {w.code for w in cell.all_warnings}
    if case.remainder == "":
        assert cell.remainder == ""
        assert not codes & LEFT_OVER_CODES
    else:
        assert cell.remainder, "left-over text expected"
        if isinstance(case.remainder, str):
            assert cell.remainder == case.remainder
        assert codes & LEFT_OVER_CODES, "left-over text without a warning"
    assert codes - LEFT_OVER_CODES == case.warnings


# --- 1. numbering (issue 2 §3: 1、 / 1. / （1） / 1) / ① / unnumbered / one per line) ------------
# Items A and B are items 1 and 8 of the seed cell of 区南部政务服务中心后勤保障费, verbatim.
A = "1-产出指标：11-数量指标：大厅线路、设施等维护完成率；实施周期指标值：≥90%；年度指标值：≥90%"
B = "3-满意度指标：31-服务对象满意度；群众满意度（%）；实施周期指标值：≥98%；年度指标值：≥98%"


def _ab(seq_a: int | None = None, seq_b: int | None = None) -> tuple[Ind, Ind]:
    return (
        Ind("大厅线路、设施等维护完成率", OUT_QTY, period=n("≥90%", "≥", "90", "%"),
            annual=n("≥90%", "≥", "90", "%"), seq=seq_a),
        Ind("群众满意度(%)", SAT, period=n("≥98%", "≥", "98", "%"), annual=n("≥98%", "≥", "98", "%"), seq=seq_b),
    )


NUMBERING = [
    ok(Cell("dunhao", f"1、{A}。2、{B}。", _ab(1, 2))),  # seed layout
    ok(Cell("dot", f"1.{A}。2.{B}。", _ab(1, 2))),
    ok(Cell("fullwidth-parens", f"（1）{A}。（2）{B}。", _ab(1, 2))),
    ok(Cell("half-paren", f"1){A}。2){B}。", _ab(1, 2))),
    ok(Cell("circled", f"①{A}。②{B}。", _ab(1, 2))),
    ok(Cell("unnumbered", f"{A}。{B}。", _ab())),
    ok(Cell("one-per-line", f"{A}\n{B}", _ab())),
    ok(Cell("numbered-lines-crlf", f"1、{A}；\r\n2、{B}；", _ab(1, 2))),
    # a gap in the numbering is kept as written and flagged
    ok(Cell("seq-gap", f"1、{A}。3、{B}。", _ab(1, 3), warnings=frozenset({"seq_gap"}))),
    # `1.` numbering next to a decimal value (seed, 增城区新开办企业免费刻章服务项目, item 3, renumbered)
    ok(Cell(
        "dot-and-decimal-value",
        f"1.1-产出指标：13-时效指标：刻制时间；实施周期指标值：1.5小时；年度指标值：1.5小时。2.{B}。",
        (Ind("刻制时间", OUT_TIME, period=n("1.5小时", "=", "1.5", "小时"),
             annual=n("1.5小时", "=", "1.5", "小时"), seq=1), _ab(2, 2)[1]),
    )),
    # digits inside names are not item numbers
    # (seed, 增城12345政府服务热线、区政府门户网站与政务新媒体服务外包项目, items 1-2, verbatim)
    ok(Cell(
        "digits-in-name",
        "1、1-产出指标：11-数量指标：12345热线工单办理量；实施周期指标值：200000件；年度指标值：200000件。"
        "2、1-产出指标：11-数量指标：季度服务指标考核；实施周期指标值：>90分；年度指标值：>90分。",
        (Ind("12345热线工单办理量", OUT_QTY, period=n("200000件", "=", "200000", "件"),
             annual=n("200000件", "=", "200000", "件"), seq=1),
         Ind("季度服务指标考核", OUT_QTY, period=n(">90分", ">", "90", "分"), annual=n(">90分", ">", "90", "分"), seq=2)),
    )),
]


@pytest.mark.parametrize("case", NUMBERING)
def test_numbering(case: Cell) -> None:
    check(case)


# --- 2. levels with or without codes (issue 2 §3) ----------------------------------------------
TRAINING = Ind("培训人次", OUT_QTY, annual=n("≥100人次", "≥", "100", "人次"), inferred=CODES)
TRAINING_TIME = Ind("培训完成及时率", OUT_TIME, annual=n("100%", "=", "100", "%"), inferred=CODES)

LEVELS = [
    # issue 2 §3: `产出指标-数量指标-培训人次`, with a value
    ok(Cell("dash-no-codes", "产出指标-数量指标-培训人次-≥100人次", (TRAINING,))),
    # issue 2 §3: `产出指标：数量指标：…`
    ok(Cell("colon-no-codes", "产出指标：数量指标：培训人次：≥100人次", (TRAINING,))),
    # issue 2 §3 separator `—` (a dash NFKC leaves alone)
    ok(Cell("emdash-no-codes", "产出指标—数量指标—培训人次—≥100人次", (TRAINING,))),
    ok(Cell("no-codes-two-items-semicolon",
            "产出指标:数量指标:培训人次:≥100人次;产出指标:时效指标:培训完成及时率:100%", (TRAINING, TRAINING_TIME))),
    ok(Cell("no-codes-one-per-line",
            "产出指标：数量指标：培训人次：≥100人次\n产出指标：时效指标：培训完成及时率：100%", (TRAINING, TRAINING_TIME))),
    ok(Cell("no-codes-half-parens",
            "(1)产出指标-数量指标-培训人次-≥100人次\n(2)产出指标-时效指标-培训完成及时率-100%",
            (replace(TRAINING, seq=1), replace(TRAINING_TIME, seq=2)))),
    # 14-成本指标 is a 二级 of 产出指标 in the classic framework
    # (seed, 编外人员聘用经费, item 4, verbatim)
    ok(Cell(
        "classic-cost-level2",
        "4、1-产出指标：14-成本指标：编外人员工资支付标准；实施周期指标值：支付标准严格按照文件执行；年度指标值：支付标准严格按照文件执行。",
        (Ind("编外人员工资支付标准", OUT_COST, period=q("支付标准严格按照文件执行"),
             annual=q("支付标准严格按照文件执行"), seq=4),),
    )),
    # 财预〔2021〕101号: 成本指标 is a 一级 with 经济成本指标; no public codes, none invented
    # (issue 2 §5; names and value as in S29)
    ok(Cell("2021-cost-level1", "成本指标：经济成本指标：项目建设成本：≤65万元",
            (Ind("项目建设成本", (None, "成本指标", None, "经济成本指标"), annual=n("≤65万元", "≤", "65", "万元")),))),
]


@pytest.mark.parametrize("case", LEVELS)
def test_levels(case: Cell) -> None:
    check(case)


# --- 3. separators, mixed, with stray spaces (issue 2 §3) ----------------------------------------
SEPARATORS = [
    # `群众满意度(%) ;` (seed, 公共供水电网网络费, item 5, verbatim)
    ok(Cell("stray-space-before-semicolon",
            "5、3-满意度指标:31-服务对象满意度;群众满意度(%) ;实施周期指标值:≥95%;年度指标值:≥95%。",
            (Ind("群众满意度(%)", SAT, period=n("≥95%", "≥", "95", "%"), annual=n("≥95%", "≥", "95", "%"), seq=5),))),
    # `;` after a 二级 that is not 服务对象满意度
    # (seed, 广州市增城区政务服务数据管理局2024年增城区政务网络备用光纤租赁项目, item 3, verbatim)
    ok(Cell("semicolon-after-level2",
            "3、2-效益指标:22-社会效益;故障响应率;实施周期指标值:故障响应率100%;年度指标值:故障响应率100%。",
            (Ind("故障响应率", ("2", "效益指标", "22", "社会效益"), period=n("故障响应率100%", "=", "100", "%"),
                 annual=n("故障响应率100%", "=", "100", "%"), seq=3),))),
    # full-width and ASCII `：；` mixed in one cell, spaces before `；` (issue 2 §3)
    ok(Cell("mixed-width-and-spaces",
            "1、1-产出指标:11-数量指标：培训人次;实施周期指标值：≥6次；年度指标值:≥6次。"
            "2、1-产出指标：13-时效指标：培训完成及时率 ；实施周期指标值：100% ；年度指标值：100%。",
            (Ind("培训人次", OUT_QTY, period=n("≥6次", "≥", "6", "次"), annual=n("≥6次", "≥", "6", "次"), seq=1),
             Ind("培训完成及时率", OUT_TIME, period=n("100%", "=", "100", "%"), annual=n("100%", "=", "100", "%"),
                 seq=2)))),
    # full-width digits, `－` and `＞＝` (issue 2 §2)
    ok(Cell("fullwidth-digits",
            "１、１－产出指标：１１－数量指标：培训人次；年度指标值：＞＝１００％。",
            (Ind("培训人次", OUT_QTY, annual=n("≥100%", "≥", "100", "%"), seq=1),))),
    # U+3000, NBSP and a line break inside an item (issue 2 §2)
    ok(Cell("ideographic-space-nbsp",
            "1、1-产出指标：11-数量指标：培训人次 ；\u3000实施周期指标值：\u00a0≥6次；年度指标值：≥6次 。",
            (Ind("培训人次", OUT_QTY, period=n("≥6次", "≥", "6", "次"), annual=n("≥6次", "≥", "6", "次"), seq=1),))),
    ok(Cell("linebreak-before-label",
             "1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；\n年度指标值：≥6次。",
             (Ind("培训人次", OUT_QTY, period=n("≥6次", "≥", "6", "次"), annual=n("≥6次", "≥", "6", "次"), seq=1),))),
    ok(Cell("comma-between-items",
            "1、1-产出指标：11-数量指标：培训人次；年度指标值：≥6次，2、1-产出指标：13-时效指标：培训完成及时率；年度指标值：100%",
            (Ind("培训人次", OUT_QTY, annual=n("≥6次", "≥", "6", "次"), seq=1),
             Ind("培训完成及时率", OUT_TIME, annual=n("100%", "=", "100", "%"), seq=2)))),
]


@pytest.mark.parametrize("case", SEPARATORS)
def test_separators(case: Cell) -> None:
    check(case)


# --- 4. value labels (issue 2 §3) ---------------------------------------------------------------
SIX = n("≥6次", "≥", "6", "次")

LABELS = [
    # both labels, different values (seed, …2024年增城区政务网络光纤租赁及增城区政数局信息化咨询服务项目, item 1)
    ok(Cell("period-and-annual",
            "1、1-产出指标:11-数量指标:项目方案数量;实施周期指标值:12;年度指标值:5。",
            (Ind("项目方案数量", OUT_QTY, period=n("12", "=", "12", ""), annual=n("5", "=", "5", ""), seq=1),))),
    # a single label is the year's target (issue 2 §3)
    ok(Cell("zhibiaozhi", "1、产出指标：数量指标：培训人次；指标值：≥6次",
            (Ind("培训人次", OUT_QTY, annual=SIX, seq=1, inferred=CODES),))),
    ok(Cell("mubiaozhi", "1、产出指标：数量指标：培训人次；目标值：≥6次",
            (Ind("培训人次", OUT_QTY, annual=SIX, seq=1, inferred=CODES),))),
    ok(Cell("niandu-mubiaozhi", "1、产出指标：数量指标：培训人次；年度目标值：≥6次",
            (Ind("培训人次", OUT_QTY, annual=SIX, seq=1, inferred=CODES),))),
    ok(Cell("period-label-only", "1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次",
            (Ind("培训人次", OUT_QTY, period=SIX, seq=1),))),
    # a bare value, no label (issue 2 §3)
    ok(Cell("bare-value", "1、产出指标：数量指标：培训人次；≥6次",
            (Ind("培训人次", OUT_QTY, annual=SIX, seq=1, inferred=CODES),))),
    # a bare value glued to the name: `日常巡检达标率100%` (issue 2 §4, wording of the seed)
    ok(Cell("bare-value-glued-to-name", "1、1-产出指标：12-质量指标：日常巡检达标率100%",
            (Ind("日常巡检达标率", OUT_QUAL, annual=n("100%", "=", "100", "%"), seq=1),))),
    # a second 年度指标值 is kept, not dropped, and flagged
    ok(Cell("duplicate-label-kept",
            "1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次；年度指标值：≥8次。",
            (Ind("培训人次", OUT_QTY, period=SIX, annual=SIX, seq=1),), remainder=";年度指标值:≥8次")),
]


@pytest.mark.parametrize("case", LABELS)
def test_labels(case: Cell) -> None:
    check(case)


# --- 5. satisfaction rows: the 三级 follows a `；` (issue 2 §3) ------------------------------------
SATISFACTION = [
    # the name repeats the 二级 (seed, 增城区新开办企业免费刻章服务项目, item 5, verbatim)
    ok(Cell("name-repeats-level2",
            "5、3-满意度指标：31-服务对象满意度；服务对象满意度；实施周期指标值：满意；年度指标值：满意。",
            (Ind("服务对象满意度", SAT, period=q("满意"), annual=q("满意"), seq=5),))),
    ok(Cell("no-codes", "满意度指标：服务对象满意度；群众满意度（%）；年度指标值：≥95%",
            (Ind("群众满意度(%)", SAT, annual=n("≥95%", "≥", "95", "%"), inferred=CODES),))),
    # issue 2 §3: `群众满意度(%) ;` followed by a bare value
    ok(Cell("bare-value", "3-满意度指标：31-服务对象满意度；群众满意度(%) ;≥98%",
            (Ind("群众满意度(%)", SAT, annual=n("≥98%", "≥", "98", "%")),))),
]


@pytest.mark.parametrize("case", SATISFACTION)
def test_satisfaction_rows(case: Cell) -> None:
    check(case)


# --- 6. codes that contradict the framework: kept as written, warned (issue 2 §3) ---------------
CONTRADICTING = [
    # `2-效益指标：31-服务对象满意度` (seed, 增城区政务信息化项目专家评审和项目辅助管理费, item 5, verbatim)
    ok(Cell("benefit-over-satisfaction",
            "5、2-效益指标：31-服务对象满意度；专家评审服务质量；实施周期指标值：满意；年度指标值：满意。",
            (Ind("专家评审服务质量", ("2", "效益指标", "31", "服务对象满意度"), period=q("满意"), annual=q("满意"),
                 seq=5),), warnings=frozenset({"l2_parent_mismatch"}))),
    # the same, half-width (seed, 增城区政府门户网站工作经费, item 6, verbatim)
    ok(Cell("benefit-over-satisfaction-halfwidth",
            "6、2-效益指标:31-服务对象满意度;网站考评情况;实施周期指标值:年度考评优秀;年度指标值:年度考评优秀。",
            (Ind("网站考评情况", ("2", "效益指标", "31", "服务对象满意度"), period=q("年度考评优秀"),
                 annual=q("年度考评优秀"), seq=6),), warnings=frozenset({"l2_parent_mismatch"}))),
    ok(Cell("level2-code-mismatch", "1、1-产出指标：21-数量指标：培训人次；年度指标值：≥6次。",
            (Ind("培训人次", ("1", "产出指标", "21", "数量指标"), annual=SIX, seq=1),),
            warnings=frozenset({"l2_code_mismatch"}))),
    ok(Cell("level1-code-mismatch", "1、2-产出指标：11-数量指标：培训人次；年度指标值：≥6次。",
            (Ind("培训人次", ("2", "产出指标", "11", "数量指标"), annual=SIX, seq=1),),
            warnings=frozenset({"l1_code_mismatch"}))),
    ok(Cell("unknown-level2", "1、1-产出指标：15-服务指标：培训人次；年度指标值：≥6次。",
            (Ind("培训人次", ("1", "产出指标", "15", "服务指标"), annual=SIX, seq=1),),
            warnings=frozenset({"l2_unknown"}))),
]


@pytest.mark.parametrize("case", CONTRADICTING)
def test_contradicting_codes(case: Cell) -> None:
    check(case)


# --- 7. no indicators: 略 / 无 / / / empty (issue 2 §3) -------------------------------------------
PLACEHOLDERS = [
    ok(Cell("lue", "略", (), remainder="略")),  # seed, project 22202412003
    ok(Cell("wu", "无", (), remainder="无")),
    ok(Cell("slash", "/", (), remainder="/")),
    ok(Cell("empty", "", (), warnings=frozenset({"empty"}))),
    ok(Cell("blank", "\u3000 \n", (), warnings=frozenset({"empty"}))),
]


@pytest.mark.parametrize("case", PLACEHOLDERS)
def test_placeholders(case: Cell) -> None:
    check(case)
    cell = parse_indicators(case.text)
    assert cell.warnings, "a cell without indicators must say so"


# --- 8. found online (variants.md; S-keys at the bottom) -----------------------------------------
FOUND_ONLINE = [
    # S23: `一级:二级:三级` with a template placeholder left in the name
    ok(Cell("S23-levels-colon-placeholder", "效益指标:经济效益指标:脱贫地区特色产业产值(≥**万元)≥80万元",
            (Ind("脱贫地区特色产业产值(≥**万元)", ("2", "效益指标", "21", "经济效益指标"),
                 annual=n("≥80万元", "≥", "80", "万元"), inferred=CODES),))),
    # S23: 二级 followed by `,`
    ok(Cell("S23-level2-comma", "服务对象满意度指标,受益脱贫户满意度(≥**%)≥95%。",
            (Ind("受益脱贫户满意度(≥**%)", ("3", "满意度指标", "31", "服务对象满意度指标"),
                 annual=n("≥95%", "≥", "95", "%"), inferred=UP_CODES),))),
    # S23: `目标` instead of `指标` in the 二级 name, core-indicator stars
    ok(Cell("S23-level2-mubiao", "社会效益目标:★★★受益脱贫户、监测户人口数(≥**户)≥10户",
             (Ind("★★★受益脱贫户、监测户人口数(≥**户)", ("2", "效益指标", "22", "社会效益目标"),
                  annual=n("≥10户", "≥", "10", "户"), inferred=UP_CODES),))),
    # S23: `一、` 一级 heading on its own line, then `二级:` items joined by `;` and `。`
    ok(Cell(
        "S23-level1-heading-line",
        "一、 产出指标\n数量指标:★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)>=17600株;种植作物成活率(≥**%)>=85;"
        "时效指标:完成及时率(≥**%)>=100%。成本指标:作物种植补助标准,黄金蜜(葡萄)补助成本(≤**元/株)≤28.40/株。",
        (Ind("★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)", OUT_QTY,
             annual=n("≥17600株", "≥", "17600", "株"), inferred=None),
         Ind("种植作物成活率(≥**%)", OUT_QTY, annual=n("≥85", "≥", "85", ""), inferred=None),
         Ind("完成及时率(≥**%)", OUT_TIME, annual=n("≥100%", "≥", "100", "%"), inferred=None),
         Ind("作物种植补助标准,黄金蜜(葡萄)补助成本(≤**元/株)", OUT_COST, annual=t("≤28.40/株"), inferred=None)),
    )),
    # S25: `1、2、3、` inline, the items separated only by a space (a 年度目标 cell)
    ok(Cell(
        "S25-inline-numbering-space",
        "1、改善基础实施建设,呼家河至鲍家沟果园路建设2公里、寨山石坪果园路2公里 2、水泥路硬化路面、边沟及交安实施的建设,"
        "解决了生产道路硬化问题及生命防护问题 3、极大的改善了老百姓的生产生活问题",
        (Ind("改善基础实施建设,呼家河至鲍家沟果园路建设2公里、寨山石坪果园路2公里", seq=1),
         Ind("水泥路硬化路面、边沟及交安实施的建设,解决了生产道路硬化问题及生命防护问题", seq=2),
         Ind("极大的改善了老百姓的生产生活问题", seq=3)),
        warnings=frozenset({"no_level", "no_value"}),
    )),
    # S11: one table cell per line (name, then value)
    ok(Cell("S11-name-then-value-lines", "雾炮车风炮射程\n\n80M",
             (Ind("雾炮车风炮射程", annual=n("80M", "=", "80", "M")),), warnings=frozenset({"no_level"}))),
    # S27: cells run together with no separator at all
    ok(Cell("S27-no-separator", "产出指标数量指标农村义务教育学校改造覆盖率100%",
             (Ind("农村义务教育学校改造覆盖率", OUT_QTY, annual=n("100%", "=", "100", "%"), inferred=CODES),))),
    ok(Cell("S27-level2-only-no-separator", "质量指标校舍维修改造质量合格率100%",
             (Ind("校舍维修改造质量合格率", OUT_QUAL, annual=n("100%", "=", "100", "%"), inferred=UP_CODES),))),
    ok(Cell("S27-long-satisfaction-level2", "社会公众或服务对象满意度指标学生家长满意度≥90%",
             (Ind("学生家长满意度", ("3", "满意度指标", "31", "社会公众或服务对象满意度指标"),
                  annual=n("≥90%", "≥", "90", "%"), inferred=UP_CODES),))),
    # S5: several indicators run together, each followed by its 分值 (score); levels from merged cells
    ok(Cell(
        "S5-run-together-with-scores",
        "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5",
        (Ind("足额保障率", OUT_QTY, annual=n("=100%", "=", "100", "%"), inferred=None),
         Ind("科目调整次数", OUT_QTY, annual=n("≤10次", "≤", "10", "次"), inferred=None),
         Ind("按时发放率", OUT_TIME, annual=n("=100%", "=", "100", "%"), inferred=None)),
        remainder=LEFT_OVER,
    )),
    ok(Cell("S5-formula-in-name-and-score", "效益指标经济效益指标结余率(计算方法为:结余数/预算数)≤5% 22.5",
             (Ind("结余率(计算方法为:结余数/预算数)", ("2", "效益指标", "21", "经济效益指标"),
                  annual=n("≤5%", "≤", "5", "%"), inferred=CODES),), remainder=LEFT_OVER)),
    # S10, S9, S16, S2: table rows flattened with `|` (the stored copy's serialisation)
    ok(Cell("S10-pipes", "产出指标 | 数量指标 | 清扫保洁道路面积 | 1346.0088万平方米",
             (Ind("清扫保洁道路面积", OUT_QTY, annual=n("1346.0088万平方米", "=", "1346.0088", "万平方米"),
                  inferred=CODES),))),
    ok(Cell("S9-pipes-empty-columns", "满意度指标 | 服务对象满意度指标 | 培训学员对培训效果满意度 | ≥95% | |||",
             (Ind("培训学员对培训效果满意度", ("3", "满意度指标", "31", "服务对象满意度指标"),
                  annual=n("≥95%", "≥", "95", "%"), inferred=CODES),))),
    ok(Cell("S16-leading-pipe-space-in-level", "| 产出 指标 | 数量指标 | 年度申请就学补助户数 | >=101人/次 | ||||||",
             (Ind("年度申请就学补助户数", OUT_QTY, annual=t("≥101人/次"), inferred=CODES),))),
    ok(Cell("S2-comparator-in-own-column", "数量指标 | 村组干部230人 | ≥ | 230 | 个",
             (Ind("村组干部230人", OUT_QTY, annual=V(None, QUANT, "≥", Decimal("230"), "个"), inferred=UP_CODES),))),
    # S24: columns joined by spaces (normalize drops them between Chinese characters)
    ok(Cell("S24-spaces", "产出指标 数量指标 贫困地区旅游基础设施建设工程 >=20平方米",
             (Ind("贫困地区旅游基础设施建设工程", OUT_QTY, annual=n("≥20平方米", "≥", "20", "平方米"),
                  inferred=CODES),))),
    ok(Cell("S24-level2-space-placeholder", "时效指标 贫困地区基础设施建设按期完成率(≥**%) >=95%",
             (Ind("贫困地区基础设施建设按期完成率(≥**%)", OUT_TIME, annual=n("≥95%", "≥", "95", "%"),
                  inferred=UP_CODES),))),
    ok(Cell("S24-star-and-number-in-name", "质量指标 *贫困地区旅游基础设施建设质量达标率100% >=98%",
             (Ind("*贫困地区旅游基础设施建设质量达标率100%", OUT_QUAL, annual=n("≥98%", "≥", "98", "%"),
                  inferred=UP_CODES),))),
    # S29 / S4: scores attached to the 一级 label and after the value
    ok(Cell("S29-2021-cost-with-scores", "成本指标(0-20)分 经济成本指标 项目建设成本 ≤65万元 10",
             (Ind("项目建设成本", (None, "成本指标", None, "经济成本指标"), annual=n("≤65万元", "≤", "65", "万元")),),
             remainder=LEFT_OVER)),
    ok(Cell("S4-score-in-level1", "产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8",
             (Ind("基建工程委托业务项目数量", OUT_QTY, annual=n("≥50个", "≥", "50", "个"), inferred=CODES),),
             remainder=LEFT_OVER)),
    # S8 (code corpus, full-width kept): `三级：值` without levels
    ok(Cell("S8-ratio-annotation", "参保群众权益追溯响应率：100%（1.0）",
            (Ind("参保群众权益追溯响应率", annual=n("100%(1.0)", "=", "100", "%", note="1.0")),),
            warnings=frozenset({"no_level"}))),
    ok(Cell("S8-name-colon-value", "社保业务档案支撑政策制定次数：≥2次",
            (Ind("社保业务档案支撑政策制定次数", annual=n("≥2次", "≥", "2", "次")),), warnings=frozenset({"no_level"}))),
    ok(Cell("S8-name-glued-value", "参保群众权益追溯响应满意度≥95%",
            (Ind("参保群众权益追溯响应满意度", annual=n("≥95%", "≥", "95", "%")),), warnings=frozenset({"no_level"}))),
    ok(Cell("S8-range-inside-name", "档案存储环境达标率（温度14-24℃、湿度45%-60%） | 100%",
             (Ind("档案存储环境达标率(温度14-24°C、湿度45%-60%)", annual=n("100%", "=", "100", "%")),),
             warnings=frozenset({"no_level"}))),
]


@pytest.mark.parametrize("case", FOUND_ONLINE)
def test_found_online(case: Cell) -> None:
    check(case)


# --- 9. dirty input: mirror sites with simplified→traditional conversion and pinyin (S3, S14) ----
# No reading is expected; the text must come back whole and the cell must be flagged.
DIRTY = [
    pytest.param("產(chǎn)出指標(biāo) | 數(shù)量指標(biāo) | 業(yè)務(wù)工作支出安排金額 | 定量 | "
                 "28.8萬元 | % |", id="S3-pinyin-row"),
    pytest.param("(一)產(chǎn)出指標(biāo)\n1、數(shù)量指標(biāo):資助建檔立卡貧困子女1966人。\n"
                 "2、質(zhì)量指標(biāo):資助標(biāo)準(zhǔn)100%達(dá)標(biāo)。", id="S14-pinyin-numbered"),
]


@pytest.mark.parametrize("text", DIRTY)
def test_dirty_input_is_kept_and_flagged(text: str) -> None:
    cell = parse_indicators(text)
    assert format_indicators(cell) == normalize(text)
    assert cell.all_warnings


# Source key (variants.md, collected from stored public copies):
# S2  m.qbidia.com … 井研县马踏镇 部门预算项目绩效目标申报表(2023年度) (mirror)
# S3  monopolymediamarketing.com … 岳阳楼区价格认证鉴定中心2023年度整体绩效目标表 (garbled mirror)
# S4  anthempetcare.com … 池州市贵池区棠溪镇 项目支出绩效自评表(2022年度) (mirror)
# S5  dyrmt.com/article-132779-22.html — 大英县 self-evaluation
# S8  GitHub vitest fixture quoting 事前绩效评估绩效目标申报表.docx (find_string id 66877442246)
# S9  czj.huangshi.gov.cn … 黄石 党校 主体班 2022 项目支出绩效目标批复表
# S10 13560281748.com … 抗疫特别国债 环境卫生 2020 绩效目标表 (mirror)
# S11 xtcg.xiangtan.gov.cn/15068/15075/26693/content_1349210.html — 湘潭 2024 雾炮车 项目绩效目标表
# S14 olshare.net/p118/2019nfpzjgk/20200526/185693.html — 昌吉职业技术学院 2019 (garbled mirror)
# S16 nanyue.gov.cn … 南岳区 雨露计划 2023 绩效目标申报表
# S23 tongxin.gov.cn … 同心县下马关镇 2023 绩效目标设定公示
# S24 nanyue.gov.cn … i951217.html — 南岳区 2018 市级专项扶贫 绩效目标申报表
# S25 qjzhf.gov.cn … ID=15161 — 清涧县 2021 绩效目标申报表
# S27 qingshan.gov.cn … 武汉市青山区 2020 薄改 绩效目标表
# S29 cqfj.gov.cn … 奉节县 2023 项目支出绩效目标审批表
