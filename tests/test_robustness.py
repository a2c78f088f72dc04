"""Junk through every public function (python-stdnum's test_robustness, as a table)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from xltools import (
    IndicatorParseError,
    ValueParseError,
    format_indicators,
    format_value,
    normalize,
    parse_indicators,
    parse_indicators_strict,
    parse_value,
    parse_value_strict,
)

JUNK: list[object] = [None, "", 0, 3.14, "——", "😴", "\x00\x01", "{seq}{0}{", "。。。;;;", "1、" * 500, "测" * 40_000, "1、1-" * 5000]


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: repr(j)[:20])
@pytest.mark.parametrize("func", [normalize, parse_indicators, parse_value], ids=lambda f: f.__name__)
def test_lenient_functions_never_raise(func: Callable[[object], object], junk: object) -> None:
    func(junk)


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: repr(j)[:20])
def test_junk_round_trips_through_format(junk: object) -> None:
    cell = parse_indicators(junk)
    assert format_indicators(cell) == normalize(junk)
    for ind in cell:
        if ind.annual is not None:
            format_value(ind.annual)


@pytest.mark.parametrize("junk", [None, "", "——", "😴", "略", "无", "/"], ids=repr)
def test_strict_indicator_parser_raises_its_own_error(junk: object) -> None:
    with pytest.raises(IndicatorParseError):
        parse_indicators_strict(junk)


STRICT_VALUE_ERRORS = [
    (None, "指标值为空"), ("", "指标值为空"), (" ", "指标值为空"), ("\u3000\n", "指标值为空"),
    ("≥90%或≤80%", "指标值含多个数值或多项要求，按定性处理"),
    ("≥90%以下", "指标值中的比较词互相矛盾，按定性处理"),
    ("2024年12月", "指标值是日期，按定性处理"),
    ("[90,100]", "指标值是一个区间，没有单一目标值，按定性处理"),
    ("1e6", "指标值的数字写法（科学计数法、分数、乘方）无法确定，按定性处理"),
]


@pytest.mark.parametrize(("junk", "message"), STRICT_VALUE_ERRORS, ids=[repr(j) for j, _ in STRICT_VALUE_ERRORS])
def test_strict_value_parser_raises_its_own_error(junk: object, message: str) -> None:
    """Each lenient warning (empty, multiple, conflict, date, range, notation) is an error when strict, saying which."""
    with pytest.raises(ValueParseError) as err:
        parse_value_strict(junk)
    assert str(err.value).startswith(message + ": ")


@pytest.mark.parametrize("junk", ["——", "😴", "略", "无", "/", "\x00\x01"], ids=repr)
def test_strict_value_parser_keeps_a_clean_qualitative_value(junk: str) -> None:
    """A single 指标值 that is words (达标, 略) is qualitative, not an error: strict returns what lenient does."""
    value = parse_value_strict(junk)
    assert value == parse_value(junk) and value.kind == "qualitative" and value.raw == junk and value.number is None


@pytest.mark.parametrize(("text", "code"), [("略", "placeholder"), ("无", "placeholder"), ("/", "placeholder"), ("", "empty"), ("\u3000\n", "empty")])
def test_placeholders_give_no_indicators_and_a_warning(text: str, code: str) -> None:
    cell = parse_indicators(text)
    assert len(cell) == 0
    assert [w.code for w in cell.warnings] == [code]
