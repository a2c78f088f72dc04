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
def test_strict_functions_raise_their_own_errors(junk: object) -> None:
    with pytest.raises(IndicatorParseError):
        parse_indicators_strict(junk)
    with pytest.raises(ValueParseError):
        parse_value_strict(junk if junk not in ("——", "😴", "略", "无", "/") else "")


@pytest.mark.parametrize(("text", "code"), [("略", "placeholder"), ("无", "placeholder"), ("/", "placeholder"), ("", "empty"), ("\u3000\n", "empty")])
def test_placeholders_give_no_indicators_and_a_warning(text: str, code: str) -> None:
    cell = parse_indicators(text)
    assert len(cell) == 0
    assert [w.code for w in cell.warnings] == [code]
