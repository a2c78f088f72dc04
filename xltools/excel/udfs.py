"""Worksheet functions for classic xlwings (``@xw.func``; BSD, no license key).

Import them in Excel with the xlwings add-in (``UDF Modules: xltools.excel.udfs``, then *Import
Functions*).  Each is a shell over :mod:`xltools.excel.cells`: a range in, a 2-D array out.  In Excel
365/2021 the array spills by itself; in Office 2016/2019 select the output range first and
confirm with Ctrl+Shift+Enter (a legacy array formula), or use ``XT_SPLIT`` in a cell with
enough empty space and xlwings' ``expand``-style helper sheets.  Errors come back as
``#XT! …`` text, never as a dialog.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw

from . import cells, cells_yearly

__all__ = ["XT_CHECK", "XT_COUNT", "XT_JOIN", "XT_LIGHT", "XT_NUM", "XT_SCORE", "XT_SPLIT", "XT_VALUE"]

# Argument names become the VBA wrapper's parameters (xltools.addin.udfvba): none may be a VBA/Excel name
# (Cells, Rows, Month …) — hence cells_ and month_no.


@xw.func(category="xltools 绩效工具")
@xw.arg("cells_", ndim=2)
def XT_SPLIT(cells_: Any, with_header: bool = False) -> list[list[Any]]:
    """拆分绩效指标：每个指标一行（列同“绩效指标明细”）。"""
    return cells.xt_split(cells_, with_header)


@xw.func(category="xltools 绩效工具")
@xw.arg("texts", ndim=2)
def XT_VALUE(texts: Any, part: str | None = None) -> list[list[Any]]:
    """指标值拆分：符号 | 数值 | 单位 | 备注；part 取 op/number/unit/note 之一时只返回该列。"""
    return cells.xt_value(texts, part)


@xw.func(category="xltools 绩效工具")
@xw.arg("texts", ndim=2)
def XT_NUM(texts: Any) -> list[list[Any]]:
    """金额文字转数字：4,693.61、４，６９３．６１ → 4693.61。"""
    return cells.xt_num(texts)


@xw.func(category="xltools 绩效工具")
@xw.arg("cells_", ndim=2)
def XT_CHECK(cells_: Any) -> list[list[Any]]:
    """绩效指标格的问题提示（无问题时为空）。"""
    return cells.xt_check(cells_)


@xw.func(category="xltools 绩效工具")
@xw.arg("rows", ndim=2)
def XT_JOIN(rows: Any) -> list[list[Any]]:
    """把结构化的指标行合并回一格绩效指标文字（发布格式）。"""
    return cells.xt_join(rows)


@xw.func(category="xltools 绩效工具")
@xw.arg("cells_", ndim=2)
def XT_COUNT(cells_: Any) -> list[list[Any]]:
    """绩效指标格中的指标个数。"""
    return cells.xt_count(cells_)


@xw.func(category="xltools 绩效工具")
def XT_SCORE(target: Any, actual: Any, points: Any, rule: str | None = None) -> float | str:
    """自评得分：指标值（如 ≥90%）、实际完成值、分值；rule 为评分规则包（默认中央规则）。"""
    return cells_yearly.xt_score(target, actual, points, rule)


@xw.func(category="xltools 绩效工具")
def XT_LIGHT(target: Any, actual: Any, month_no: Any, rule: str | None = None) -> str:
    """监控灯：指标值、截至第 month_no 月的完成值 → 红/黄/绿/蓝。"""
    return cells_yearly.xt_light(target, actual, month_no, rule)


if __name__ == "__main__":  # pragma: no cover - lets `python -m xltools.excel.udfs` serve UDFs via COM
    xw.serve()
