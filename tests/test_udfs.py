"""Worksheet functions, table-driven: classic ``xltools.excel.udfs`` and the Server/Lite ``@func`` twins
give the same results; junk gives ``#XT!`` text, never an exception."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import xlremote  # noqa: F401 - sets the noncommercial key for the Lite module, tests only
import xlwings as xw

from xltools.detail import DETAIL_HEADERS
from xltools.excel import udfs

CELL = "1、1-产出指标：11-数量指标：培训班次；实施周期指标值：≥6次；年度指标值：≥6次。2、3-满意度指标：31-服务对象满意度；群众满意度（%）；实施周期指标值：≥99%；年度指标值：≥99%。"

CASES: list[tuple[str, Any, tuple[Any, ...], Any]] = [
    ("value: comparator word", udfs.XT_VALUE, ("超过100万宗",), [[">", 100, "万宗", None]]),
    ("value: note", udfs.XT_VALUE, ("≥100个（每年）",), [["≥", 100, "个", "每年"]]),
    ("value: one part", udfs.XT_VALUE, ("用户满意度95%以上", "op"), [["≥"]]),
    ("value: number part", udfs.XT_VALUE, ("面积20000.95平方米", "number"), [[20000.95]]),
    ("value: qualitative goes to note", udfs.XT_VALUE, ("效果明显",), [[None, None, None, "效果明显"]]),
    ("value: a column", udfs.XT_VALUE, ([["≥90%"], ["12"]], "number"), [[90], [12]]),
    ("value: empty cell", udfs.XT_VALUE, (None,), [[None, None, None, None]]),
    ("value: bad part", udfs.XT_VALUE, ("≥90%", "colour"), [["#XT! part 只能是 op/number/unit/note"]]),
    ("num: separators", udfs.XT_NUM, ("4,693.61",), [[4693.61]]),
    ("num: full width", udfs.XT_NUM, ("４，６９３．６１",), [[4693.61]]),
    ("num: a row, with junk", udfs.XT_NUM, ([[" 13.50 ", "—", "约五十万"]],), [[13.5, None, "#XT! 不是金额"]]),
    ("count: two", udfs.XT_COUNT, (CELL,), [[2]]),
    ("count: 略 and empty", udfs.XT_COUNT, ([["略"], [None]],), [[0], [0]]),
    ("check: clean", udfs.XT_CHECK, (CELL,), [[""]]),
    ("check: placeholder", udfs.XT_CHECK, ("略",), [["绩效指标为“略”，没有具体指标"]]),
    ("check: contradicting codes", udfs.XT_CHECK, ("1、2-效益指标：31-服务对象满意度；满意度；年度指标值：满意。",),
     [["二级指标“31-服务对象满意度”属于“满意度指标”，却写在一级指标“2-效益指标”下"]]),
    ("split: junk", udfs.XT_SPLIT, ("😴",), None),
    ("join: nothing", udfs.XT_JOIN, ([[None, None]],), [[""]]),
]


@pytest.mark.parametrize(("func", "args", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_udf(func: Any, args: tuple[Any, ...], expected: Any) -> None:
    result = func(*args)
    if expected is None:  # junk: some rows or an #XT! text, never an exception
        assert isinstance(result, list) and all(isinstance(r, list) for r in result)
    else:
        assert result == expected


YEARLY = [
    ("score: ≤ target, central linear", udfs.XT_SCORE, ("≤5天", 6, 10), 8.333333333333334),
    ("score: percent cell", udfs.XT_SCORE, ("≥95%", 0.98, 10), 10.0),
    ("score: unreadable actual", udfs.XT_SCORE, ("≥95%", "很多", 10), "#XT! 实际完成值“很多”无法识别"),
    ("light: behind schedule", udfs.XT_LIGHT, ("≥100个", 40, 7), "黄"),
    ("light: hubei rules", udfs.XT_LIGHT, ("≥100个", 40, 7, "hubei"), "红"),
    ("light: bad month", udfs.XT_LIGHT, ("≥100个", 40, 13), "#XT! 月份应为 1-12"),
]


@pytest.mark.parametrize(("func", "args", "expected"), [c[1:] for c in YEARLY], ids=[c[0] for c in YEARLY])
def test_yearly_udfs_are_shells_over_cells_yearly(func: Any, args: tuple[Any, ...], expected: Any) -> None:
    assert func(*args) == expected


def test_split_gives_detail_columns_and_join_gives_the_cell_back() -> None:
    rows = udfs.XT_SPLIT(CELL, True)
    assert rows[0] == list(DETAIL_HEADERS)
    assert [r[6] for r in rows[1:]] == ["培训班次", "群众满意度(%)"]
    assert rows[1][13:16] == ["≥", 6, "次"]
    assert udfs.XT_JOIN(rows) == [[CELL]]
    assert udfs.XT_JOIN(rows[1:]) == [[CELL]]  # the header row is optional


@pytest.mark.parametrize("junk", [None, "", 0, 3.5, True, "——", "😴", [[None]], [[1, "x"], [None, "略"]], "1、" * 400, object()])
@pytest.mark.parametrize("func", [udfs.XT_SPLIT, udfs.XT_VALUE, udfs.XT_NUM, udfs.XT_CHECK, udfs.XT_JOIN, udfs.XT_COUNT],
                         ids=lambda f: f.__name__)
def test_junk_never_raises(func: Any, junk: Any) -> None:
    result = func(junk)
    assert isinstance(result, list) and all(isinstance(r, list) for r in result)
    for row in result:
        for v in row:
            assert v is None or isinstance(v, (str, int, float))


def test_unexpected_errors_become_xt_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from xltools.excel import cells

    monkeypatch.setattr(cells, "_parsed", lambda text: 1 / 0)
    assert udfs.XT_COUNT("x") == [["#XT! ZeroDivisionError: division by zero"]]


def test_repeated_inputs_come_from_the_cache() -> None:
    from xltools.excel import cells

    before = cells._parsed.cache_info().hits
    udfs.XT_COUNT([[CELL]] * 50)
    assert cells._parsed.cache_info().hits - before >= 49


@pytest.mark.parametrize("name", ["XT_SPLIT", "XT_VALUE", "XT_NUM", "XT_CHECK", "XT_JOIN", "XT_COUNT", "XT_SCORE", "XT_LIGHT"])
def test_lite_functions_match_the_classic_ones(name: str) -> None:
    from xlwings.server import custom_functions_call

    from xltools.excel import lite

    args = {"XT_SPLIT": [[[CELL]]], "XT_VALUE": [[["≥100个（每年）"]]], "XT_NUM": [[["4,693.61"]]],
            "XT_CHECK": [[["略"]]], "XT_JOIN": [udfs.XT_SPLIT(CELL)], "XT_COUNT": [[[CELL]]],
            "XT_SCORE": [[["≤5天"]], [[6]], [[10]]], "XT_LIGHT": [[["≥100个"]], [[40]], [[7]]]}[name]
    data = {"func_name": name, "args": args, "version": xw.__version__, "client": "Office.js",
            "culture_info_name": "zh-CN", "date_format": "yyyy/m/d", "runtime": "1.4"}
    via_server = asyncio.run(custom_functions_call(data, lite))
    scalar = name in ("XT_SCORE", "XT_LIGHT")  # one value per cell: Excel passes a cell's value, not a range
    classic = [[getattr(udfs, name)(*(a[0][0] for a in args))]] if scalar else getattr(udfs, name)(*args)
    assert [[("" if v is None else v) for v in r] for r in via_server] == [[("" if v is None else v) for v in r] for r in classic]
