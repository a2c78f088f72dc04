"""Every entry of every vocabulary table, through the parser, against an expectation spelled here.

The cases are generated from the tables (xltools/_vocab.py, xltools/data/frameworks/*.json,
values._CN_DIGITS, checks.VAGUE_WORDS) united with the expectations below, so an entry added,
removed or re-mapped on either side fails: a new word needs its expected meaning written here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_checks import GOOD, table_of

import xltools._vocab as _vocab  # the vocabulary module itself: the tables under test
from xltools import parse_indicators, parse_value
from xltools.checks import VAGUE_WORDS, check_table
from xltools.money import MONEY_UNITS as MONEY_UNIT_TABLE
from xltools.money import parse_money
from xltools.values import TESTING as VALUES_TESTING
from xltools.values import parse_chinese_number

_CN_DIGITS = VALUES_TESTING.cn_digits

# --- comparator words -------------------------------------------------------------------------

BEFORE = {
    "≥": "≥", "≤": "≤", ">": ">", "<": "<", "=": "=",
    "大于或等于": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥", "最少": "≥",
    "小于或等于": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "最多": "≤",
    "控制在": "≤",
    "超过": ">", "大于": ">", "高于": ">", "多于": ">", "超": ">",
    "小于": "<", "低于": "<", "少于": "<",
    "等于": "=", "达到": "=", "完成": "=", "达": "=", "为": "=",
}
AFTER = {
    "及以上": "≥", "以上": "≥", "或以上": "≥", "之上": "≥",
    "及以下": "≤", "以下": "≤", "或以下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
}


@pytest.mark.parametrize("word", sorted(set(_vocab.OPS_BEFORE) | set(BEFORE)))
def test_comparator_word_before_the_number(word: str) -> None:
    assert word in _vocab.OPS_BEFORE and word in BEFORE
    value = parse_value(f"{word}5次")
    assert (value.op, value.number, value.unit, value.subject) == (BEFORE[word], Decimal(5), "次", None)
    (ind,) = parse_indicators(f"1、产出指标:数量指标:培训次数;年度指标值:{word}5次。")  # the cell's own path
    assert (ind.annual.op, ind.annual.number) == (BEFORE[word], Decimal(5))
    both = parse_value(f"{word}5次以上")  # with 以上 after: = and ≥ agree with it, the others contradict it
    if BEFORE[word] in ("=", "≥"):
        assert (both.op, both.number, both.warnings) == ("≥", Decimal(5), ())
    else:
        assert (both.kind, both.warnings) == ("qualitative", ("value_conflict",))


@pytest.mark.parametrize("word", sorted(set(_vocab.OPS_AFTER) | set(AFTER)))
def test_comparator_word_after_the_number(word: str) -> None:
    assert word in _vocab.OPS_AFTER and word in AFTER
    for text in (f"5次{word}", f"达到5次{word}"):  # after 达到 (=) the word after still decides
        value = parse_value(text)
        assert (value.op, value.number, value.unit, value.note) == (AFTER[word], Decimal(5), "次", None), text
    (ind,) = parse_indicators(f"1、产出指标:数量指标:培训次数;年度指标值:5次{word}。")
    assert (ind.annual.op, ind.annual.number) == (AFTER[word], Decimal(5))


# --- units --------------------------------------------------------------------------------------

UNITS = {
    "%", "‰", "个百分点", "百分点",
    "个工作日", "工作日", "个自然日", "自然日", "个月", "小时", "分钟", "秒钟", "秒", "天", "日", "周",
    "月", "年", "季度", "学时", "课时",
    "人次", "人天", "人日", "人", "户", "家", "所", "个", "件", "宗", "篇", "枚", "份", "台", "套", "项",
    "条", "场", "期", "批", "处", "座", "栋", "间", "张", "本", "册", "页", "部", "辆", "艘", "架", "株",
    "棵", "头", "只", "对", "块", "根", "组", "类", "种", "支", "队", "班", "节", "轮", "起", "单", "笔",
    "平方米", "平方公里", "平方千米", "亩", "公顷", "米", "公里", "千米", "厘米", "立方米", "吨", "千克",
    "公斤", "克", "升", "千瓦", "千瓦时", "度", "兆", "百分比", "批次", "场次", "班次", "课次", "户次",
    "GB", "TB", "MB", "Mbps", "Gbps", "M", "G", "km", "m2", "m3", "m", "kg", "t", "kW", "kWh", "°C",
    "元", "万元", "亿元", "分", "级", "星", "次", "遍", "倍", "岁", "位", "床",
}
PER_UNITS = {"年", "月", "季度", "周", "日", "天", "小时", "次", "人", "千人", "万人", "亩", "平方米", "个", "户", "件", "份",
             "场", "台", "套", "项", "人次", "公里", "km", "m2", "吨", "床"}
#: multiplier -> what "超过100<m>宗" reads as: (op, number, unit)
MULTIPLIERS = {"万": (">", Decimal(100), "万宗"), "亿": (">", Decimal(100), "亿宗"),
               "千": (">", Decimal(100), "千宗"), "百": (">", Decimal(100), "百宗")}


@pytest.mark.parametrize("unit", sorted(set(_vocab.UNITS) | UNITS))
def test_unit(unit: str) -> None:
    assert unit in _vocab.UNITS and unit in UNITS
    value = parse_value(f"≥12.5{unit}")
    assert (value.op, value.number, value.unit, value.note) == ("≥", Decimal("12.5"), unit, None)


def test_units_are_matched_longest_first() -> None:
    assert [len(u) for u in _vocab.UNITS] == sorted((len(u) for u in _vocab.UNITS), reverse=True)
    assert parse_value("≥3个工作日").unit == "个工作日" and parse_value("≥3千瓦时").unit == "千瓦时"


@pytest.mark.parametrize("per", sorted(set(_vocab.PER_UNITS) | PER_UNITS))
def test_per_unit(per: str) -> None:
    assert per in _vocab.PER_UNITS and per in PER_UNITS
    value = parse_value(f"≤300元/{per}")
    assert (value.op, value.number, value.unit, value.note, value.warnings) == ("≤", Decimal(300), f"元/{per}", None, ())


@pytest.mark.parametrize("multiplier", sorted(set(_vocab.UNIT_MULTIPLIERS) | set(MULTIPLIERS)))
def test_unit_multiplier_stays_part_of_the_unit(multiplier: str) -> None:
    assert multiplier in _vocab.UNIT_MULTIPLIERS and multiplier in MULTIPLIERS
    value = parse_value(f"超过100{multiplier}宗")
    assert (value.op, value.number, value.unit) == MULTIPLIERS[multiplier]
    alone = parse_value(f"100{multiplier}")
    assert (alone.number, alone.unit) == (Decimal(100), multiplier)


# --- frameworks -----------------------------------------------------------------------------------

#: framework id -> [(一级 names (primary first), 一级 code, [(二级 names (primary first), 二级 code)])]
FRAMEWORKS = {
    "classic": [
        (("产出指标", "产出"), "1", [(("数量指标", "数量"), "11"), (("质量指标", "质量"), "12"),
                                    (("时效指标", "时效"), "13"), (("成本指标", "成本"), "14")]),
        (("效益指标", "效益"), "2", [(("经济效益", "经济效益指标"), "21"), (("社会效益", "社会效益指标"), "22"),
                                    (("生态效益", "生态效益指标"), "23"), (("可持续影响", "可持续影响指标"), "24")]),
        (("满意度指标", "满意度"), "3", [(("服务对象满意度", "服务对象满意度指标", "社会公众或服务对象满意度指标",
                                         "社会公众或服务对象满意度"), "31")]),
    ],
    "core2021": [
        (("成本指标",), None, [(("经济成本指标", "经济成本"), None), (("社会成本指标", "社会成本"), None),
                               (("生态环境成本指标", "生态环境成本"), None), (("负作用成本指标",), None)]),
    ],
    "variants": [
        (("项目完成指标", "项目完成"), None, [(("数量指标",), None), (("质量指标",), None), (("时效指标",), None),
                                            (("成本指标",), None)]),
        (("项目效益指标", "项目效益"), None, [(("经济效益指标",), None), (("社会效益指标",), None),
                                            (("生态效益指标",), None), (("可持续影响指标",), None),
                                            (("服务对象满意度指标",), None)]),
    ],
}
LEVEL_CASES = [
    (fw, n1, c1, n2, c2, l2_names)
    for fw, level1s in FRAMEWORKS.items()
    for l1_names, c1, level2s in level1s
    for l2_names, c2 in level2s
    for n1 in l1_names
    for n2 in l2_names
]


def test_framework_tables_are_the_expected_ones() -> None:
    found = {
        fw.id: [((l1.name, *l1.aliases), l1.code, [((l2.name, *l2.aliases), l2.code) for l2 in l1.children]) for l1 in fw.level1]
        for fw in _vocab.FRAMEWORKS
    }
    assert found == FRAMEWORKS
    assert [fw.id for fw in _vocab.FRAMEWORKS] == ["classic", "core2021", "variants"]  # classic first: its names win


@pytest.mark.parametrize(("fw", "n1", "c1", "n2", "c2"), [c[:5] for c in LEVEL_CASES], ids=[f"{c[1]}:{c[3]}" for c in LEVEL_CASES])
def test_every_framework_name_gives_its_codes(fw: str, n1: str, c1: str | None, n2: str, c2: str | None) -> None:
    """Names without codes: the codes are inferred; with the right codes: no warning; a wrong 一级 code: a warning."""
    (ind,) = parse_indicators(f"1、{n1}:{n2}:测试指标;年度指标值:≥1个。")
    assert (ind.level1, ind.level1_code, ind.level2, ind.level2_code, ind.warnings) == (n1, c1, n2, c2, ())
    if c1 is not None:
        assert ind.inferred == {"level1_code", "level2_code"}
        (coded,) = parse_indicators(f"1、{c1}-{n1}:{c2}-{n2}:测试指标;年度指标值:≥1个。")
        assert (coded.level1_code, coded.level2_code, coded.warnings, coded.inferred) == (c1, c2, (), frozenset())
        wrong = {"1": "2", "2": "3", "3": "1"}[c1]
        (bad,) = parse_indicators(f"1、{wrong}-{n1}:{c2}-{n2}:测试指标;年度指标值:≥1个。")
        assert [w.code for w in bad.warnings] == ["l1_code_mismatch"]


@pytest.mark.parametrize(("n2", "parents"), sorted({
    (n2, tuple(sorted({c[1] for c in LEVEL_CASES if c[3] == n2} & {"产出指标", "效益指标", "满意度指标", "成本指标", "项目完成指标", "项目效益指标"})))
    for c in LEVEL_CASES for n2 in [c[3]]
}))
def test_a_level2_under_another_level1_is_a_parent_mismatch(n2: str, parents: tuple[str, ...]) -> None:
    wrong = next(p for p in ("满意度指标", "产出指标", "效益指标") if p not in parents)
    (ind,) = parse_indicators(f"1、{wrong}:{n2}:测试指标;年度指标值:≥1个。")
    assert [w.code for w in ind.warnings] == ["l2_parent_mismatch"]


# --- value labels and placeholders ------------------------------------------------------------------

LABELS = {
    "实施周期指标值": "period", "实施期指标值": "period", "实施周期目标值": "period", "实施期目标值": "period",
    "中期指标值": "period", "中期目标值": "period",
    "年度指标值": "annual", "年度目标值": "annual", "本年度指标值": "annual", "当年指标值": "annual",
    "指标值": "generic", "目标值": "generic",
}
#: kind -> (period, annual, warnings) of "<label>:≥5个" and of "<label>:≥5个;目标值:≥6个"
LABEL_READINGS = {
    "period": ((5, None, []), (5, 6, [])),
    "annual": ((None, 5, []), (None, 5, ["extra_value"])),
    "generic": ((None, 5, []), (5, 6, [])),  # alone: the year's value; first of two: the period's
}


@pytest.mark.parametrize("label", sorted({*_vocab.PERIOD_LABELS, *_vocab.ANNUAL_LABELS, *_vocab.GENERIC_LABELS} | set(LABELS)))
def test_value_label(label: str) -> None:
    kind = {**dict.fromkeys(_vocab.PERIOD_LABELS, "period"), **dict.fromkeys(_vocab.ANNUAL_LABELS, "annual"),
            **dict.fromkeys(_vocab.GENERIC_LABELS, "generic")}.get(label)
    assert kind == LABELS.get(label)

    def reading(text: str) -> tuple[object, ...]:
        (ind,) = parse_indicators(f"1、产出指标:数量指标:培训次数;{text}。")
        return (ind.period and ind.period.number, ind.annual and ind.annual.number, [w.code for w in ind.warnings])

    assert (reading(f"{label}:≥5个"), reading(f"{label}:≥5个;目标值:≥6个")) == LABEL_READINGS[LABELS[label]]


PLACEHOLDERS = {"略", "无", "/", "-", "—", "——", "暂无", "不适用", "空", "N/A", "n/a", "NA"}


@pytest.mark.parametrize("text", sorted(_vocab.PLACEHOLDERS | PLACEHOLDERS))
def test_placeholder(text: str) -> None:
    assert text in _vocab.PLACEHOLDERS and text in PLACEHOLDERS
    cell = parse_indicators(text)
    assert (len(cell), [w.code for w in cell.warnings]) == (0, ["placeholder"])
    assert [w.code for w in parse_indicators(text + "，见附件").warnings] != ["placeholder"]


# --- Chinese digits ------------------------------------------------------------------------------

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@pytest.mark.parametrize("digit", sorted(set(_CN_DIGITS) | set(DIGITS)))
def test_chinese_digit(digit: str) -> None:
    assert digit in _CN_DIGITS and digit in DIGITS
    n = DIGITS[digit]
    assert parse_chinese_number(digit) == n
    assert (parse_value(f"{digit}个").number, parse_value(f"{digit}个").unit) == (Decimal(n), "个")
    if n:
        assert parse_chinese_number(f"{digit}百零{digit}") == n * 100 + n
        assert parse_chinese_number(f"{digit}十{digit}") == n * 11
        assert parse_chinese_number(f"一千零{digit}十") == 1000 + n * 10


@pytest.mark.parametrize(("text", "number"), [("一百零九", 109), ("两百", 200), ("十", 10), ("十五", 15), ("二十", 20),
                                              ("三千零二十", 3020), ("九十九", 99), ("〇", 0)])
def test_chinese_numerals(text: str, number: int) -> None:
    assert parse_chinese_number(text) == number
    assert parse_value(f"不少于{text}项").number == Decimal(number)


# --- vague values ---------------------------------------------------------------------------------

VAGUE = {"提高", "提升", "效果明显", "明显提升", "明显提高", "有所提高", "有所提升", "逐步提高", "进一步提高",
         "显著", "较好", "良好", "增强", "改善", "加强", "有效"}


@pytest.mark.parametrize("word", sorted(set(VAGUE_WORDS) | VAGUE | {"达标", "全部完成"}))
def test_vague_value(word: str) -> None:
    assert (word in VAGUE_WORDS) == (word in VAGUE)
    cell = GOOD.replace("故障响应率100%", word)
    rules = [f.rule for f in check_table(table_of(("甲", "1", "1", "", "", "目标", cell)))]
    assert ("vague_value" in rules) == (word in VAGUE)
    rules = [f.rule for f in check_table(table_of(("甲", "1", "1", "", "", "目标", cell.replace(word, word + "。"))))]
    assert ("vague_value" in rules) == (word in VAGUE)


CODED = [(c1, n1s[0], c2) for n1s, c1, level2s in FRAMEWORKS["classic"] for _, c2 in level2s]


@pytest.mark.parametrize(("c1", "n1", "c2"), CODED)
def test_codes_alone_place_an_unknown_name(c1: str, n1: str, c2: str) -> None:
    """An unknown 一级 name with a known code is placed by the code (so a 二级 of another 一级 is a mismatch); the
    same for an unknown 二级 name with a known code."""
    for other_c1, _, other_c2 in CODED:
        (ind,) = parse_indicators(f"1、{c1}-某类指标:{other_c2}-某项:测试指标;年度指标值:≥1个。")
        mismatch = [] if other_c1 == c1 else ["l2_parent_mismatch"]
        assert [w.code for w in ind.warnings] == ["l1_unknown", "l2_unknown", *mismatch], (c1, other_c2)
        (ind,) = parse_indicators(f"1、{c1}-{n1}:{other_c2}-某项:测试指标;年度指标值:≥1个。")
        assert [w.code for w in ind.warnings] == ["l2_unknown", *mismatch], (c1, other_c2)
        (ind,) = parse_indicators(f"1、{c1}-某类指标:{other_c2}-{FIRST_L2_NAME[other_c2]}:测试指标;年度指标值:≥1个。")
        assert [w.code for w in ind.warnings] == ["l1_unknown", *mismatch], (c1, other_c2)


FIRST_L2_NAME = {c2: n2s[0] for _, _, level2s in FRAMEWORKS["classic"] for n2s, c2 in level2s}


def test_every_framework_states_its_title_and_sources() -> None:
    for fw in _vocab.FRAMEWORKS:
        assert fw.title and fw.sources and all(len(s) > 20 for s in fw.sources), fw.id
    assert _vocab.FRAMEWORKS[0].title.startswith("项目支出绩效目标申报表 classic")


# --- money units ----------------------------------------------------------------------------------

#: unit -> "1.5<unit>" in 元
MONEY_UNITS = {"元": Decimal("1.5"), "千元": Decimal(1500), "万元": Decimal(15000), "万": Decimal(15000),
               "百万元": Decimal(1_500_000), "亿元": Decimal(150_000_000), "亿": Decimal(150_000_000)}


@pytest.mark.parametrize("unit", sorted(set(MONEY_UNIT_TABLE) | set(MONEY_UNITS)))
def test_money_unit(unit: str) -> None:
    assert unit in MONEY_UNIT_TABLE and unit in MONEY_UNITS
    in_yuan = MONEY_UNITS[unit]
    assert parse_money(f"1.5{unit}", unit="元") == in_yuan
    assert parse_money(f"1.5{unit}", unit="万元") == in_yuan / 10_000
    assert parse_money(f"1.5{unit}") == Decimal("1.5")  # no table unit: the suffix is dropped
    assert parse_money("1.5万元", unit=unit) == Decimal(15000) / (in_yuan / Decimal("1.5"))  # the table's own unit
