"""The bulk property run of issue 7: 100,000 generated strings — arbitrary Unicode and
grammar-shaped near-misses — through every public parser.  No exception, the canonical
text is exactly what the fields, layouts and remainders hold, and the one-pass readers agree
with the general grammar (near-misses of the seed's regular form exercise them).

The count is ``XLTOOLS_HYPOTHESIS_EXAMPLES`` (default 100,000 under CI, 2,000 elsewhere); the
run is bounded by hypothesis' own phases, not by wall-clock asserts.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_indicators_properties import (
    MESSY,
    assert_fast_cell_agrees,
    assert_markers_agree,
    assert_plain_value_agrees,
    indicator_cells,
)

from xltools import format_indicators, format_value, normalize, parse_indicators, parse_value
from xltools.money import MoneyError, parse_money

EXAMPLES = int(os.environ.get("XLTOOLS_HYPOTHESIS_EXAMPLES") or (100_000 if os.environ.get("CI") else 2_000))


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A well-formed cell with a few characters dropped, doubled or swapped for separators."""
    text, _ = draw(indicator_cells(regular=draw(st.booleans())))
    chars = list(text)
    for _ in range(draw(st.integers(1, 4))):
        if not chars:
            break
        i = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["drop", "double", "swap"]))
        if op == "drop":
            del chars[i]
        elif op == "double":
            chars.insert(i, chars[i])
        else:
            chars[i] = draw(st.sampled_from(list("：:；;，,。、-—（）() \n≥≤%0123456789")))
    return "".join(chars)


TEXTS = st.one_of(st.text(max_size=200), MESSY, near_misses())


BATCH = 50  # strings per example: hypothesis' per-example overhead is paid once per batch


@settings(max_examples=max(1, EXAMPLES // BATCH), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(st.lists(TEXTS, min_size=BATCH, max_size=BATCH))
def test_every_public_parser_on_generated_strings(texts: list[str]) -> None:
    for text in texts:
        check_one(text)


def check_one(text: str) -> None:
    cell = parse_indicators(text)
    assert format_indicators(cell) == normalize(text)
    assert cell.raw == text
    for ind in cell:
        for value in (ind.period, ind.annual):
            if value is not None:
                format_value(value)
    value = parse_value(text)
    assert value.raw == text and value.kind in ("quantitative", "qualitative")
    assert_fast_cell_agrees(text)  # the one-pass readers decline or read exactly as the general ones
    assert_plain_value_agrees(text)
    assert_markers_agree(text)
    try:
        parse_money(text)
    except MoneyError:
        pass


def test_repeated_words_of_a_big_table_are_one_string_each() -> None:
    """A big table holds hundreds of thousands of indicators whose layout, level names and codes
    repeat: each is one shared string (docs/developing.md, "Big text inputs"), not a copy per
    indicator — the regular one-pass form and the general grammar alike."""
    regular = [parse_indicators(f"{k}、1-产出指标：11-数量指标：培训人次{n}；实施周期指标值：≥{n}人次；年度指标值：≥{n}人次。")
               for n, k in ((5, 1), (6, 1), (7, 1))]
    general = [parse_indicators(f"产出指标-数量指标-培训人次{n}-≥{n}人次") for n in (5, 6, 7)]
    for cells in (regular, general):
        first = cells[0][0]
        for cell in cells[1:]:
            ind = cell[0]
            assert ind.layout == first.layout and ind.layout is first.layout
            assert ind.level1 == "产出指标" and ind.level1 is first.level1 and ind.level2 is first.level2
            assert ind.level2_code is first.level2_code
