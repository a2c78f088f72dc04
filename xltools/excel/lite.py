"""The same buttons and functions under xlwings Server and xlwings Lite (Excel 365 on Windows,
Mac and the web): the macros as ``@script``, the UDFs as ``@func``.

This module imports ``xlwings.server``, which needs an ``XLWINGS_LICENSE_KEY`` (the PolyForm
Noncommercial key ``noncommercial`` covers government use); the classic path
(:mod:`xltools.excel.macros`, :mod:`xltools.excel.udfs`) never imports it.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw
from xlwings.server import arg, func, script

from . import cells, cells_yearly, macros, macros_yearly

__all__ = [
    "XT_CHECK", "XT_COUNT", "XT_JOIN", "XT_LIGHT", "XT_NUM", "XT_SCORE", "XT_SPLIT", "XT_VALUE",
    "blank_template", "build_monitor", "build_selfeval", "build_templates", "check_workbook", "join_indicators",
    "score_workbook", "show_help", "split_indicators",
]


@script
def split_indicators(book: xw.Book) -> None:
    """拆分指标"""
    macros.split_indicators(book)


@script
def check_workbook(book: xw.Book) -> None:
    """合计校验"""
    macros.check_workbook(book)


@script
def build_templates(book: xw.Book) -> None:
    """生成申报表"""
    macros.build_templates(book)


@script
def blank_template(book: xw.Book) -> None:
    """空白模板"""
    macros.blank_template(book)


@script
def join_indicators(book: xw.Book) -> None:
    """合并指标"""
    macros.join_indicators(book)


@script
def show_help(book: xw.Book) -> None:
    """帮助"""
    macros.show_help(book)


@script
def build_monitor(book: xw.Book) -> None:
    """生成监控表"""
    macros_yearly.build_monitor(book)


@script
def build_selfeval(book: xw.Book) -> None:
    """生成自评表"""
    macros_yearly.build_selfeval(book)


@script
def score_workbook(book: xw.Book) -> None:
    """计算得分"""
    macros_yearly.score_workbook(book)


@func
@arg("cells_", ndim=2)
def XT_SPLIT(cells_: Any, with_header: bool = False) -> Any:
    """拆分绩效指标：每个指标一行。"""
    return cells.xt_split(cells_, with_header)


@func
@arg("texts", ndim=2)
def XT_VALUE(texts: Any, part: str | None = None) -> Any:
    """指标值拆分：符号 | 数值 | 单位 | 备注。"""
    return cells.xt_value(texts, part)


@func
@arg("texts", ndim=2)
def XT_NUM(texts: Any) -> Any:
    """金额文字转数字。"""
    return cells.xt_num(texts)


@func
@arg("cells_", ndim=2)
def XT_CHECK(cells_: Any) -> Any:
    """绩效指标格的问题提示。"""
    return cells.xt_check(cells_)


@func
@arg("rows", ndim=2)
def XT_JOIN(rows: Any) -> Any:
    """结构化指标行合并回一格文字。"""
    return cells.xt_join(rows)


@func
@arg("cells_", ndim=2)
def XT_COUNT(cells_: Any) -> Any:
    """绩效指标格中的指标个数。"""
    return cells.xt_count(cells_)


@func
def XT_SCORE(target: Any, actual: Any, points: Any, rule: str | None = None) -> Any:
    """自评得分。"""
    return cells_yearly.xt_score(target, actual, points, rule)


@func
def XT_LIGHT(target: Any, actual: Any, month_no: Any, rule: str | None = None) -> Any:
    """监控灯。"""
    return cells_yearly.xt_light(target, actual, month_no, rule)
