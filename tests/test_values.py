"""parse_value over verbatim strings: every distinct value of the seed (from the gold), and
the examples of issue 2 §4."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import GOLD_INDICATORS, load_jsonl

from xltools import ValueParseError, format_value, parse_value, parse_value_strict
from xltools.values import parse_chinese_number


def _gold_values() -> list[dict[str, object]]:
    seen: dict[str, dict[str, object]] = {}
    for rec in load_jsonl(GOLD_INDICATORS):
        for side in ("period", "annual"):
            seen.setdefault(rec[side]["raw"], rec[side])
    return list(seen.values())


@pytest.mark.parametrize("gold", _gold_values(), ids=lambda g: str(g["raw"])[:24])
def test_every_seed_value_matches_gold(gold: dict[str, object]) -> None:
    v = parse_value(gold["raw"])
    assert v.raw == gold["raw"]
    assert v.kind == gold["kind"]
    assert v.op == gold["op"]
    assert (None if v.number is None else float(v.number)) == gold["number"]
    assert (v.unit or "") == (gold["unit"] or "")


# (text, op, number, unit, note) — the examples, read by a finance officer
QUANTITATIVE = [
    ("≥100个（每年）", "≥", "100", "个", "每年"),
    ("超过100万宗", ">", "100", "万宗", None),
    ("网站浏览量(点击量)1300万以上", "≥", "1300", "万", None),
    ("咨询类工单2个工作日内办结", "≤", "2", "个工作日", "办结"),
    ("栏目逾期次数小于5次", "<", "5", "次", None),
    ("平台等级安全保护级别达到二级以上", "≥", "2", "级", None),
    ("面积20000.95平方米", "=", "20000.95", "平方米", None),
    ("用户满意度95%以上", "≥", "95", "%", None),
    ("≤0", "≤", "0", "", None),
    ("12", "=", "12", "", None),
    ("日常巡检达标率100%", "=", "100", "%", None),
    ("不低于90%", "≥", "90", "%", None),
    ("不少于3次", "≥", "3", "次", None),
    ("至少2名", "≥", "2", "", "名"),
    ("95%及以上", "≥", "95", "%", None),
    ("大于等于98%", "≥", "98", "%", None),
    ("大于5次", ">", "5", "次", None),
    ("高于上年10%", ">", "10", "%", None),
    ("多于20家", ">", "20", "家", None),
    ("不高于5%", "≤", "5", "%", None),
    ("不超过30天", "≤", "30", "天", None),
    ("不多于3次", "≤", "3", "次", None),
    ("10个工作日以内", "≤", "10", "个工作日", None),
    ("5%以下", "≤", "5", "%", None),
    ("小于等于2小时", "≤", "2", "小时", None),
    ("低于3%", "<", "3", "%", None),
    ("少于2次", "<", "2", "次", None),
    ("等于100%", "=", "100", "%", None),
    ("达到100%", "=", "100", "%", None),
    ("完成18个信息系统安全等保工作", "=", "18", "个", "信息系统安全等保工作"),
    ("十五天", "=", "15", "天", None),
    ("４，６９３．６１万元", "=", "4693.61", "万元", None),
    ("≧95％", "≥", "95", "%", None),
    (">=90%", "≥", "90", "%", None),
]


@pytest.mark.parametrize(("text", "op", "number", "unit", "note"), QUANTITATIVE, ids=[q[0] for q in QUANTITATIVE])
def test_quantitative_values(text: str, op: str, number: str, unit: str, note: str | None) -> None:
    v = parse_value(text)
    assert (v.kind, v.op, v.number, v.unit, v.note) == ("quantitative", op, Decimal(number), unit, note)
    assert v.raw == text


QUALITATIVE = ["正常运转", "满意", "效果明显", "提高", "可使用2年或盖10万次以上", "年度考评优秀", "一网统管平台上线", "2024年12月底前完成"]


@pytest.mark.parametrize("text", QUALITATIVE)
def test_qualitative_values(text: str) -> None:
    v = parse_value(text)
    assert v.kind == "qualitative"
    assert (v.op, v.number, v.unit) == (None, None, None)
    assert v.raw == text


def test_multiple_requirements_are_flagged() -> None:
    assert parse_value("可使用2年或盖10万次以上").warnings == ("value_multiple",)
    with pytest.raises(ValueParseError):
        parse_value_strict("可使用2年或盖10万次以上")


def test_subject_is_kept() -> None:
    v = parse_value("系统对用户操作的响应时间小于5秒")
    assert (v.subject, v.op, v.number, v.unit) == ("系统对用户操作的响应时间", "<", Decimal("5"), "秒")


@pytest.mark.parametrize(("text", "expected"), [("二", 2), ("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105)])
def test_chinese_numerals(text: str, expected: int) -> None:
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("≥100个（每年）", "≥100个(每年)"), ("超过100万宗", ">100万宗"), ("100%", "100%"), ("效果明显", "效果明显")],
)
def test_format_value_from_fields(text: str, expected: str) -> None:
    assert format_value(parse_value(text)) == expected


@pytest.mark.parametrize(("length", "kind", "number"), [(2000, "quantitative", Decimal(90)), (2001, "qualitative", None)])
def test_a_value_over_2000_characters_is_kept_as_text(length: int, kind: str, number: Decimal | None) -> None:
    """An essay is not searched for a number: up to 2000 characters a value is parsed, beyond it kept whole."""
    from xltools import parse_indicators

    text = "≥90%" + "备" * (length - 4)
    value = parse_value(text)
    assert (value.kind, value.number, value.raw) == (kind, number, text)
    (ind,) = parse_indicators("1、产出指标:数量指标:完成率;年度指标值:" + text)  # the cell's path: canonical slices
    assert (ind.annual.kind, ind.annual.number, ind.annual.raw) == (kind, number, text)


#: Several numbers and no connector between them: the one with a comparator is the target, else the last.
SEVERAL_NUMBERS = [
    ("不低于100人其中95%", ("≥", Decimal(100), "人", "其中95%", None)),
    ("100人其中3个以上", ("≥", Decimal(3), "个", None, "100人其中")),
    ("100人其中95%", ("=", Decimal(95), "%", None, "100人其中")),
    ("100人2人", ("=", Decimal(2), "人", None, "100人")),
    ("5m2", ("=", Decimal(5), "m2", None, None)),  # the 2 of m2 is the unit's power, also at the very start
    ("2m2", ("=", Decimal(2), "m2", None, None)),
]


@pytest.mark.parametrize(("text", "expected"), SEVERAL_NUMBERS, ids=[t for t, _ in SEVERAL_NUMBERS])
def test_which_number_is_the_target(text: str, expected: tuple[object, ...]) -> None:
    v = parse_value(text)
    assert (v.op, v.number, v.unit, v.note, v.subject, v.warnings) == (*expected, ())


def test_a_value_is_a_frozen_slotted_record() -> None:
    import dataclasses

    value = parse_value("≥90%")
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.number = Decimal(1)  # type: ignore[misc]
    assert not hasattr(value, "__dict__")


# --- behaviours the mutation run of values.py found unguarded (issue 17) ---------------------------------

@pytest.mark.parametrize(("text", "number"), [("≥-5%", "-5"), ("-5%", "-5"), ("=-0.5", "-0.5"), ("≥5%", "5")])
def test_a_minus_sign_before_the_number_makes_it_negative(text: str, number: str) -> None:
    value = parse_value(text)
    assert value.number == Decimal(number) and format_value(value) == text.replace("=", "")


def test_minus_zero_is_written_as_zero() -> None:
    from xltools.values import format_number

    assert [format_number(Decimal(n)) for n in ("-0", "-0.0", "0", "-5")] == ["0", "0", "0", "-5"]


def test_a_qualitative_value_without_its_text_is_written_from_its_raw_cell() -> None:
    from xltools.values import QUALITATIVE, TargetValue

    assert format_value(TargetValue(" 效果 明显 ", QUALITATIVE, None, None, None, None, None, "", ())) == "效果明显"


def test_parts_marked_qualitative_stay_qualitative_and_an_equals_sign_is_not_written() -> None:
    """The 明细 sheet's 符号 column: 定性 over a number keeps the value qualitative; ``=`` is the
    default comparator, so the value's text is ``95%``, not ``=95%``."""
    from xltools.values import QUALITATIVE, QUANTITATIVE, value_from_parts

    marked = value_from_parts("定性", "95", "%", "")
    assert marked is not None and (marked.kind, marked.raw, marked.number) == (QUALITATIVE, "95%", None)
    plain = value_from_parts("=", "95", "%", "")
    assert plain is not None and (plain.kind, plain.raw, plain.op, plain.number) == (QUANTITATIVE, "95%", "=", Decimal("95"))
