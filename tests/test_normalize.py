"""normalize(): NFKC plus what NFKC leaves, whitespace, line breaks; idempotent."""

from __future__ import annotations

import pytest

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
