"""Where things are on a 监控表 and a 自评表 written by xltools: one schema for the writer and the reader.

Rows 1–7 hold the title, the pack line (``评分规则：…（central）``), the project labels, the budget block
and the goal; the indicator block starts at :data:`FIRST_ROW`, one row per indicator, then the total
row.  Hidden helper columns hold the target number (K), the direction and, on a 监控表, the light before
the 完成可能性 cap.  Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BUDGET_ROW", "FIRST_ROW", "HEADER_ROW", "MONITOR", "PACK_LABEL", "SELFEVAL", "FormLayout"]

PACK_LABEL = "评分规则："
HEADER_ROW, BUDGET_ROW, FIRST_ROW = 8, 6, 9


@dataclass(frozen=True, slots=True)
class FormLayout:
    """One form kind: its title, the budget block's headers (C..), the indicator headers (A..) and widths."""

    kind: str
    title: str
    budget_headers: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    hidden: tuple[str, ...]
    widths: tuple[float, ...]
    last_visible: str
    total_label: str


SELFEVAL = FormLayout(
    kind="selfeval",
    title="项目支出绩效自评表",
    budget_headers=("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "偏差原因"),
    headers=(("A", "一级指标"), ("B", "二级指标"), ("C", "三级指标"), ("D", "年度指标值"), ("E", "实际完成值"),
             ("F", "分值"), ("G", "得分"), ("H", "计分方法"), ("I", "偏差原因分析及改进措施"), ("K", "目标数值"),
             ("L", "方向"), ("M", "计入分值")),
    hidden=("K", "L", "M"),
    widths=(12, 13, 30, 14, 13, 8, 9, 27, 20, 14, 8, 10, 8),
    last_visible="J",
    total_label="总分（满分100；不适用的指标不计，其余按比例折算）",
)

MONITOR = FormLayout(
    kind="monitor",
    title="项目支出绩效目标执行监控表",
    budget_headers=("年初预算数", "1-N月执行数", "执行率", "序时进度", "预警", "全年预计执行数", "偏差原因"),
    headers=(("A", "一级指标"), ("B", "二级指标"), ("C", "三级指标"), ("D", "年度指标值"), ("E", "1-N月执行情况"),
             ("F", "全年预计完成情况"), ("G", "进度比"), ("H", "预警"), ("I", "偏差原因分析"), ("J", "完成目标可能性"),
             ("K", "目标数值"), ("L", "备注"), ("M", "方向"), ("N", "基础灯")),
    hidden=("K", "M", "N"),
    widths=(12, 13, 28, 14, 13, 14, 10, 8, 14, 13, 8, 14, 8, 8),
    last_visible="L",
    total_label="项目预警（预算执行与各指标中最差的灯）",
)
