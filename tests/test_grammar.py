"""The grammar tables (:mod:`xltools.grammar`) as the reader uses them: the circled markers ①–⑳,
the separators a 三级 name never starts with, and the escaping of literal text in a layout.

Each case is a seed item (``../shared/seed/000_054ceea5f7155cfe.txt``) written the way other tables
write it; what is checked is what a user reads: the numbers, the names, the values, the text
given back by ``format_indicators``.
"""

from __future__ import annotations

import pytest

from xltools import format_indicators, normalize, parse_indicators
from xltools.grammar import esc

# 区南部政务服务中心后勤保障费, item 6 (seed, verbatim but for its number)
ITEM = "1-产出指标：13-时效指标：后勤保障服务完成及时性；实施周期指标值：100%；年度指标值：100%。"


def test_circled_markers_number_items_up_to_twenty() -> None:
    """①…⑳ are the twenty circled numbers: a cell of twenty items keeps every one, numbered 1–20."""
    text = "".join(chr(0x2460 + i) + ITEM for i in range(20))
    cell = parse_indicators(text)
    assert [i.seq for i in cell] == list(range(1, 21))
    assert cell[19].raw.startswith("⑳1-产出指标:13-时效指标:")
    assert {i.name for i in cell} == {"后勤保障服务完成及时性"}
    assert not cell.all_warnings
    assert format_indicators(cell) == normalize(text)


@pytest.mark.parametrize("sep", ["-", ",", "/", "|", ">"])
def test_a_separator_before_the_name_is_not_part_of_the_name(sep: str) -> None:
    """``11-数量指标：-大厅线路…``: the stray separator belongs to the layout, the name starts after it."""
    text = f"1、1-产出指标：11-数量指标：{sep}大厅线路、设施等维护完成率；实施周期指标值：≥90%；年度指标值：≥90%。"
    (ind,) = parse_indicators(text)
    assert ind.name == "大厅线路、设施等维护完成率"
    assert (ind.level2_code, ind.level2) == ("11", "数量指标")
    assert ind.annual is not None and ind.annual.op == "≥"
    assert format_indicators(parse_indicators(text)) == normalize(text)


@pytest.mark.parametrize("text", ["{", "}", "{seq}", "培训{人次}}", "{{0}}"])
def test_escaped_text_is_given_back_verbatim_by_a_layout(text: str) -> None:
    """Literal text put in a layout template reads back as written, braces and all."""
    assert esc(text).format(seq=1) == text
    assert ("{seq}、" + esc(text)).format(seq=3) == "3、" + text


def test_braces_in_a_cell_survive_the_round_trip() -> None:
    text = "1、1-产出指标：11-数量指标：培训{人次}；实施周期指标值：≥6次；年度指标值：{≥6次}。{备注}"
    cell = parse_indicators(text)
    assert cell[0].name == "培训{人次}"
    assert format_indicators(cell) == normalize(text)
