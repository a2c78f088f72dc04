"""normalize(): NFKC plus what NFKC leaves, whitespace, line breaks; idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xltools import normalize

CASES = [
    ("full-width punctuation", "指标值：≥９０％；（每年）", "指标值:≥90%;(每年)"),
    ("full-width comparators", "＞＝９５", "≥95"),
    ("≧ ≦", "≧95%，≦5%", "≥95%,≤5%"),
    (">= <=", ">=90% <= 5", "≥90%≤5"),
    ("ideographic space", "群众满意度\u3000≥98%", "群众满意度≥98%"),
    ("nbsp", "群众满意度(%)\u00a0;", "群众满意度(%);"),
    ("stray spaces", "群众满意度(%) ;实施周期指标值 : ≥95%", "群众满意度(%);实施周期指标值:≥95%"),
    ("word characters keep one space", "Office  2016 版本", "Office 2016 版本"),
    ("line breaks", "1、a\r\n\r\n2、b\r3、c", "1、a\n2、b\n3、c"),
    ("dashes", "产出指标——数量指标—培训", "产出指标-数量指标-培训"),
    ("circled numbers stay", "①产出指标②效益指标", "①产出指标②效益指标"),
    ("none", None, ""),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize(text: str | None, expected: str) -> None:
    assert normalize(text) == expected
    assert normalize(expected) == expected


def test_common_wide_characters_are_replaced_by_their_own_decomposition() -> None:
    import unicodedata

    from xltools.normalize import TESTING

    _COMMON_WIDE = TESTING.common_wide

    for wide, half in _COMMON_WIDE:
        assert len(half) == 1 and unicodedata.normalize("NFKD", wide) == half, wide


WIDE_MIX = "：；（），％．＞＜＝\u3000０１９ａＺ①②⑳ℌ℃ﬁ가\u1100\u1161\u0338\u0301\u0327>=<K指标值数量一2 \n"


def nfkc_keeping_circled(text: str) -> str:
    """The plain way: NFKC of every part between the circled item numbers ①–⑳, which stay."""
    import re
    import unicodedata

    parts = re.split("([\u2460-\u2473])", text)
    return "".join(p if len(p) == 1 and "\u2460" <= p <= "\u2473" else unicodedata.normalize("NFKC", p) for p in parts)


@settings(max_examples=500)
@given(st.one_of(st.text(max_size=60), st.text(alphabet=WIDE_MIX, max_size=60)))
def test_the_cheap_nfkc_route_equals_the_plain_one(text: str) -> None:
    from xltools.normalize import TESTING

    _nfkc = TESTING.nfkc

    assert _nfkc(text) == nfkc_keeping_circled(text)
