"""Values that look like one number and are not: invisible format characters, ranges, exponents,
fractions and superscript units are read right or read as qualitative with a warning — never as a
wrong number in silence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xltools import format_indicators, normalize, parse_indicators, parse_value

FORMAT_CHARS = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202c", "\u2060", "\u2066"]

RIGHT = [  # (text, op, number, unit)
    pytest.param("≥9\u200b0%", "≥", "90", "%", id="zero-width-space"),
    pytest.param("≥1\u00ad000人次", "≥", "1000", "人次", id="soft-hyphen"),
    pytest.param("\ufeff≥95%", "≥", "95", "%", id="bom"),
    pytest.param("≥\u200e98\u200f%", "≥", "98", "%", id="bidi-marks"),
    pytest.param("不低于1\u2060000\u200d户", "≥", "1000", "户", id="word-joiner"),
    pytest.param("≥2km²", "≥", "2", "km2", id="square-km"),
    pytest.param("≥2km2", "≥", "2", "km2", id="square-km-typed"),
    pytest.param("≥500m²", "≥", "500", "m2", id="square-m"),
    pytest.param("≤3m³/天", "≤", "3", "m3/天", id="cube-m-per-day"),
    pytest.param("≤3km²/年", "≤", "3", "km2/年", id="square-km-per-year"),
    pytest.param("1,000人次", "=", "1000", "人次", id="thousands-still-thousands"),
]


@pytest.mark.parametrize(("text", "op", "number", "unit"), RIGHT)
def test_read_right(text: str, op: str, number: str, unit: str) -> None:
    v = parse_value(text)
    assert (v.kind, v.op, v.number, v.unit, v.note, v.warnings) == ("quantitative", op, Decimal(number), unit, None, ())


WARNED = [  # (text, warning)
    pytest.param("[90,100]", "value_range", id="closed-interval"),
    pytest.param("[90, 100]%", "value_range", id="interval-percent"),
    pytest.param("(90,100]", "value_range", id="half-open-interval"),
    pytest.param("［90，100］", "value_range", id="full-width-interval"),
    pytest.param("90-100", "value_multiple", id="dash-range"),
    pytest.param("90~100%", "value_multiple", id="tilde-range"),
    pytest.param("≥1e6次", "value_notation", id="exponent"),
    pytest.param("≥1.5E+3人", "value_notation", id="exponent-signed"),
    pytest.param("≥½", "value_notation", id="vulgar-fraction"),
    pytest.param("≥2½小时", "value_notation", id="mixed-fraction"),
    pytest.param("≥10³次", "value_notation", id="superscript-power"),
    pytest.param("覆盖10⁴户", "value_notation", id="superscript-power-4"),
]


@pytest.mark.parametrize(("text", "warning"), WARNED)
def test_read_as_qualitative_with_a_warning(text: str, warning: str) -> None:
    v = parse_value(text)
    assert (v.kind, v.number, v.warnings) == ("qualitative", None, (warning,))


@pytest.mark.parametrize("char", FORMAT_CHARS)
def test_normalize_drops_format_characters(char: str) -> None:
    assert normalize(f"≥9{char}0%") == "≥90%"
    assert normalize(f"产出{char}指标") == "产出指标"


def test_format_characters_are_every_cf_character() -> None:
    import re
    import sys
    import unicodedata

    from xltools.normalize import FORMAT_CHARS

    listed = re.compile(f"[{FORMAT_CHARS}]")
    every = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert all(listed.match(c) for c in every)
    assert sum(1 for c in range(sys.maxunicode + 1) if listed.match(chr(c))) == len(every)


def test_superscripts_after_a_digit_become_a_power() -> None:
    assert normalize("10³") == "10^3" and normalize("km²") == "km2" and normalize("10^3") == "10^3"


def test_cells_with_hostile_values_round_trip() -> None:
    cell = "1、1-产出指标：11-数量指标：服务人次；年度指标值：≥1\u00ad000人次。2、1-产出指标：11-数量指标：绿化面积；年度指标值：≥2km²。" \
           "3、1-产出指标：12-质量指标：合格率；年度指标值：[90,100]。"
    parsed = parse_indicators(cell)
    assert format_indicators(parsed) == normalize(cell)
    values = [i.annual for i in parsed]
    assert [(v.number, v.unit) for v in values if v is not None] == [(Decimal(1000), "人次"), (Decimal(2), "km2"), (None, None)]


PIECES = [*FORMAT_CHARS, "²", "³", "⁴", "½", "⅓", "1", "0", "9", "[", "]", ",", "e", "m", "k", "^", "≥", "%", "、", "1、",
          "产出指标", "数量指标", ":", ";", "年度指标值", " ", "\n"]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300)
@given(HOSTILE)
def test_hostile_text_round_trips_and_normalises_once(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert format_indicators(parse_indicators(text)) == once
    assert parse_value(text).raw == text
