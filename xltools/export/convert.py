"""``xltools convert``: a table and its findings as a structured workbook.

Sheets, in order: ``项目汇总`` (one row per project, live SUM totals beside the declared 合计),
``绩效指标明细`` (one row per indicator — the sheet ``xltools join`` reads back), ``校验结果``
(findings, linked to their rows) and ``统计`` (counts by category, quantitative share, a bar
chart).  The source is never touched; the output appears atomically.

Every sheet prints as a document on A4 landscape (:func:`~xltools.export.xlsxwriter_book.print_setup`):
a title row (表名 — 部门, ``单位：万元``) above the header row (so readers find the header in the
first rows, :data:`HEADER_ROW`), page header and ``第 N 页 共 M 页``, repeated header rows,
technical columns (来源位置, 项目键, 原值校验, 跳转 …) left off the print area, row heights that
show wrapped text whole, and conditional formatting on differences ≠ 0 and on error rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..checks import check_table
from ..detail import DETAIL_HEADERS, HIDDEN_HEADERS, KEY_HEADER, detail_row, project_key
from ..errors import XltoolsError
from ..findings import Finding
from ..model import MONEY_KEYS, PerformanceTable
from ..values import QUANTITATIVE
from .sheetxml import Body, BodySheet
from .xlsxwriter_book import (
    MONEY_FORMAT,
    Formats,
    new_book,
    print_setup,
    row_height,
    setup_table,
    write_formula,
    write_row,
)

__all__ = [
    "FINDING_HEADERS", "HEADER_ROW", "LEAD_HEADER", "RULE_TITLES", "SHEETS", "SUBTOTAL_KIND", "SUMMARY_HEADERS",
    "TOTAL_LABELS", "detail_rows", "finding_rows", "project_keys", "sheet_title", "summary_rows", "write_merged",
    "write_workbook",
]

#: The header row of every sheet (0-based; row 0 is the printed title).
HEADER_ROW = 1

SHEETS = ("项目汇总", "绩效指标明细", "校验结果", "统计")
KIND_NAMES = {"total": "合计", "subtotal": "小计", "project": "项目", "placeholder": "占位（略）"}
#: The text of a 绩效指标 cell before its first indicator (all of it when none was recognised).
LEAD_HEADER = "未拆分文字"
SUMMARY_HEADERS = [
    "序号", "项目名称", "类型", "总计", "财政拨款", "财政专户拨款", "其他资金", "指标数", "问题数", "绩效目标", "来源位置",
    LEAD_HEADER, KEY_HEADER,
]
#: Column widths (characters) of 项目汇总 and 绩效指标明细.
SUMMARY_WIDTHS = [5, 24, 7, 10, 10, 10, 9, 5, 5, 44, 36, 30, 14]
DETAIL_WIDTHS = [18, 5, 6, 10, 6, 12, 24] + [16, 5, 8, 6, 8] * 2 + [30, 30, 14, 26]
#: Centred columns: 序号, 类型, the counts; in 明细 序号, the codes and the 符号 columns.
SUMMARY_CENTRE = frozenset({0, 2, 7, 8})
DETAIL_CENTRE = frozenset({1, 2, 4, 8, 13})
#: The labels of the totals block under the 项目汇总 table (``join`` reads the declared 合计 back).
TOTAL_LABELS = ("合计（计算）", "合计（表中）", "差额（计算 − 表中）")
#: 类型 of a unit subtotal, listed under the totals block with its declared amounts; its 序号 says
#: where it stood (``0.5``: before project 1), so ``join`` puts it back.
SUBTOTAL_KIND = "小计（表中）"
FINDING_HEADERS = ["级别", "规则", "项目", "说明", "应为", "实为", "差额", "规则编号", "源位置", "跳转"]
#: Each rule's name as a finance office says it (``xltools rules`` and 校验结果's 规则 column; the
#: id stays in 规则编号, for ``--disable``).
RULE_TITLES = {
    "row_sum": "资金来源之和", "subtotal_sum": "小计核对", "grand_total_sum": "合计核对", "grand_total_subtotals": "合计与小计",
    "money_not_number": "金额不是数字", "money_negative": "金额为负", "no_indicators": "没有绩效指标",
    "code_only_name": "项目名称只有编码", "missing_level1": "缺少一级指标", "level_code_mismatch": "指标级别不符",
    "unparsed_text": "未识别的文字", "rate_qualitative": "比率类指标为定性值", "duplicate_name": "指标重复",
    "column_missing": "缺少列", "missing_value": "缺少指标值", "vague_value": "指标值不可衡量",
    "join_unplaced": "明细行无法归属", "join_ambiguous": "项目名称重名", "join_key_name": "项目键与名称不符",
    "join_new_project": "新增项目", "join_value_conflict": "原文与拆分值冲突", "join_empty_row": "空明细行",
    "join_total_corrected": "合计已更正", "period_annual_conflict": "实施周期与年度值不一致",
    "hidden_rows": "隐藏行",
}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
CENT = Decimal("0.01")
MAX_LINKS = 65_530  # hyperlinks in one sheet (Excel's limit; xlsxwriter drops more)
MAX_ROWS = 1_048_576  # rows of a sheet (xlsxwriter drops more)
IN_MEMORY_INDICATORS = 20_000  # up to this, the parts are built in memory (faster; ~45 MB at most)
#: Above this many indicators the workbook is streamed (rows to disk as written, autofilters instead
#: of Excel Tables): memory stays that of the table read, not 4–5 KB more per indicator.
STREAM_INDICATORS = 100_000


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def project_keys(table: PerformanceTable) -> dict[int, str]:
    """``id(project row)`` → its :func:`~xltools.detail.project_key` (position among the projects)."""
    return {id(row): project_key(n, row) for n, row in enumerate(table.projects, 1)}


def summary_rows(table: PerformanceTable, findings: list[Finding]) -> list[list[object]]:
    """The project rows of ``项目汇总`` (values only): what ``convert`` and the batch CSV/JSONL/merge write."""
    per_row = Counter(f.row_index for f in findings)
    index = {id(r): i for i, r in enumerate(table.rows)}
    keys = project_keys(table)
    return [
        [n, row.name, KIND_NAMES[row.kind], *(row.amount(k) for k in MONEY_KEYS), len(row.indicators),
         per_row.get(index[id(row)], 0), row.goal, row.location, row.indicators.lead or None, keys[id(row)]]
        for n, row in enumerate(table.projects, 1)
    ]


def _subtotal_rows(table: PerformanceTable) -> list[tuple[object, list[object]]]:
    """``(row, values)`` of each unit subtotal, its 序号 the position it stood at (between projects)."""
    out: list[tuple[object, list[object]]] = []
    before = 0
    for row in table.rows:
        if row.kind in ("project", "placeholder"):
            before += 1
        elif row.kind == "subtotal":
            position = Decimal(before) + Decimal("0.5")
            out.append((row, [position, row.name, SUBTOTAL_KIND, *(row.amount(k) for k in MONEY_KEYS),
                              None, None, row.goal or None, row.location]))
    return out


def _hide(ws: Any, headers: list[str], widths: list[int]) -> None:
    for name in HIDDEN_HEADERS:
        if name in headers:
            c = headers.index(name)
            ws.set_column(c, c, widths[c] if c < len(widths) else 12, None, {"hidden": True})


def sheet_title(table: PerformanceTable) -> str:
    """The printed title: 表名 — 部门 (as the source table states them).

    >>> from xltools.model import PerformanceTable
    >>> sheet_title(PerformanceTable("x", (), title="项目支出绩效目标表", department="某局"))
    '项目支出绩效目标表 — 某局'
    """
    title = table.title or "项目支出绩效目标表"
    return f"{title} — {table.department}" if table.department else title


def _put(ws: Any, fmt: Formats, row: int, values: list[object], widths: list[int], wrapped: tuple[int, ...],
         money: dict[int, str] | None, centre: frozenset[int]) -> None:
    """One table row: its height first (one that shows the wrapped text of ``wrapped`` whole —
    LibreOffice prints stored heights), then its cells; rows go top to bottom, so a streamed
    sheet (:data:`STREAM_INDICATORS`) can write each row once and forget it."""
    height = row_height(values, widths, wrapped)
    if height is not None:
        ws.set_row(row, height)
    write_row(ws, fmt, row, values, money, centre=centre)


def _bad(fmt: Formats) -> Any:
    return fmt.conditional(bg_color="#FFC7CE", font_color="#9C0006")


def _summary(ws: Any, fmt: Formats, table: PerformanceTable, findings: list[Finding]) -> dict[int, int]:
    """Project rows, then 合计 (SUM), 表中合计 (declared) and 差额; returns id(row) -> sheet row (1-based)."""
    rows = table.projects
    where: dict[int, int] = {}
    money = dict.fromkeys(range(3, 7), MONEY_FORMAT)
    widths = SUMMARY_WIDTHS
    first = HEADER_ROW + 2  # sheet row of the first project
    last = len(rows) + HEADER_ROW + 1  # sheet row of the last project
    total_row, declared_row, diff_row = last + 2, last + 3, last + 4
    subtotals = _subtotal_rows(table)
    print_setup(ws, fmt, title=sheet_title(table), widths=widths, columns=SUMMARY_HEADERS.index("来源位置"),
                last_row=diff_row + len(subtotals), header_row=HEADER_ROW)
    setup_table(ws, fmt, SUMMARY_HEADERS, len(rows), table_name="项目汇总表", widths=widths, number_formats=money,
                top=HEADER_ROW)
    _hide(ws, SUMMARY_HEADERS, widths)
    for i, (row, values) in enumerate(zip(rows, summary_rows(table, findings)), HEADER_ROW + 1):
        where[id(row)] = i + 1
        _put(ws, fmt, i, values, widths, (1, 9), money, SUMMARY_CENTRE)
    if rows:  # a project with findings stands out, and stays so after edits
        ws.conditional_format(first - 1, 8, last - 1, 8, {"type": "cell", "criteria": ">", "value": 0,
                                                          "format": fmt.conditional(font_color="#9C0006", bold=True)})
    grand = next((r for r in table.rows if r.kind == "total"), None)
    bold = fmt(wrap=False, bold=True)
    computed = [_sum([r.amount(key) for r in rows]) for key in MONEY_KEYS]
    declared = [grand.amount(key) if grand else None for key in MONEY_KEYS]
    for r, label in zip((total_row, declared_row, diff_row), TOTAL_LABELS):  # row by row (a streamed sheet)
        ws.write_string(r - 1, 1, label, bold)
        for col, (total, stated) in enumerate(zip(computed, declared), 3):
            letter = "DEFG"[col - 3]
            if r == total_row:
                write_formula(ws, fmt, r - 1, col, f"=SUM({letter}{first}:{letter}{last})" if rows else "=0", total,
                              MONEY_FORMAT, bold=True)
            elif r == declared_row and stated is not None:
                ws.write_number(r - 1, col, stated, fmt(MONEY_FORMAT, wrap=False, bold=True))
            elif r == diff_row:
                difference = (total - (stated or 0)).quantize(CENT, ROUND_HALF_UP)  # Excel's ROUND: half away from zero
                write_formula(ws, fmt, r - 1, col, f"=ROUND({letter}{total_row}-{letter}{declared_row},2)", difference,
                              MONEY_FORMAT, bold=True)
    ws.conditional_format(diff_row - 1, 3, diff_row - 1, 6, {"type": "cell", "criteria": "!=", "value": 0,
                                                              "format": _bad(fmt)})
    for sub_row, (sub, values) in enumerate(subtotals, diff_row + 2):  # the declared unit subtotals, findable again
        write_row(ws, fmt, sub_row - 1, values, money, wrap=False)
        where[id(sub)] = sub_row
    for row in table.rows:  # 合计 and subtotal findings link to the totals block
        if row.kind in ("total", "subtotal") and id(row) not in where:
            where[id(row)] = declared_row if row is grand else total_row
    return where


def detail_rows(table: PerformanceTable, keys: dict[int, str] | None = None) -> list[list[object]]:
    """The rows of ``绩效指标明细`` (without the header): what ``convert``, the macros and the UDFs write.

    ``keys`` (``id(row)`` → key, :func:`project_keys` of the whole table) when ``table`` is a part of
    it (the rows the user selected), so a project's key does not depend on the selection."""
    return list(_detail_values(table, keys))


def _detail_values(table: PerformanceTable, keys: dict[int, str] | None = None) -> Iterator[list[object]]:
    """:func:`detail_rows` one at a time (a streamed sheet never holds them all)."""
    keys = keys or project_keys(table)
    return (detail_row(row.name, ind, key=keys[id(row)]) for row in table.projects for ind in row.indicators)


def finding_rows(findings: list[Finding]) -> list[list[object]]:
    """The rows of ``校验结果`` (without the header and the link column): the rule by its Chinese
    name (:data:`RULE_TITLES`), its id in 规则编号."""
    return [
        [SEVERITY_NAMES[f.severity], RULE_TITLES.get(f.rule, f.rule), f.project, f.message, f.expected, f.found,
         f.difference, f.rule, f.location]
        for f in findings
    ]


def _print_detail(ws: Any, fmt: Formats, title: str, widths: list[int], headers: list[str], last_row: int) -> None:
    """A 明细 sheet prints two pages wide (the levels and 实施周期, then 年度 and 提示), each repeating
    the columns up to 序号 (项目名称, and 来源文件 in the merged book), side by side (left to right, then down)."""
    ws.print_across()
    print_setup(ws, fmt, title=title, widths=widths, columns=headers.index("提示") + 1, last_row=last_row,
                header_row=HEADER_ROW, repeat_columns=headers.index("序号") + 1, pages_wide=2,
                title_columns=headers.index("实施周期单位"))


def _detail(ws: Any, fmt: Formats, table: PerformanceTable) -> None:
    widths = DETAIL_WIDTHS
    count = table.indicator_count
    _print_detail(ws, fmt, sheet_title(table), widths, DETAIL_HEADERS, count + HEADER_ROW)
    setup_table(ws, fmt, DETAIL_HEADERS, count, table_name="绩效指标明细表", widths=widths, top=HEADER_ROW)
    _hide(ws, DETAIL_HEADERS, widths)
    wrapped = (0, 3, 5, 6, 7, 11, 12, 16, 17)
    body = Body(ws, fmt, HEADER_ROW + 1, len(DETAIL_HEADERS), centre=DETAIL_CENTRE)
    for values in _detail_values(table):
        body.row(values, row_height(values, widths, wrapped))


def _findings(ws: Any, fmt: Formats, findings: list[Finding], table: PerformanceTable, summary_at: dict[int, int]) -> None:
    money = dict.fromkeys(range(4, 7), MONEY_FORMAT)
    link = fmt(link=True)
    links = 0
    jump = FINDING_HEADERS.index("跳转")
    widths = [5, 12, 20, 47, 10, 10, 9, 14, 36, 6]
    last = len(findings) + HEADER_ROW
    printed = FINDING_HEADERS.index("规则编号") + 1
    print_setup(ws, fmt, title=sheet_title(table), widths=widths, columns=printed, last_row=last, header_row=HEADER_ROW)
    setup_table(ws, fmt, FINDING_HEADERS, len(findings), table_name="校验结果表", widths=widths, number_formats=money,
                top=HEADER_ROW)
    for i, (f, values) in enumerate(zip(findings, finding_rows(findings)), HEADER_ROW + 1):
        _put(ws, fmt, i, values, widths, (1, 2, 3, 7), money, frozenset({0}))
        row = table.rows[f.row_index] if f.row_index is not None else None
        target = summary_at.get(id(row)) if row is not None else None
        if not target:
            continue
        links += 1
        if links <= MAX_LINKS:
            ws.write_url(i, jump, f"internal:'{SHEETS[0]}'!B{target}", link, string="查看")
        else:  # Excel holds no more links in one sheet: the place as text
            ws.write_string(i, jump, f"{SHEETS[0]}!B{target}", fmt())
    if findings:  # error rows red, warnings yellow — by the 级别 cell, so they follow edits and sorting
        top = HEADER_ROW + 2
        for word, colour in (("错误", "#FFC7CE"), ("警告", "#FFF2CC")):
            ws.conditional_format(top - 1, 0, last, printed - 1, {
                "type": "formula", "criteria": f'=$A{top}="{word}"', "format": fmt.conditional(bg_color=colour)})


def _stats(ws: Any, fmt: Formats, book: Any, table: PerformanceTable) -> None:
    """Counts by 一级-二级 (columns A–D, charted) beside each project's quantitative share (F–I),
    written row by row."""
    levels = ((i.level1 or "（未注明）", i.level2 or "（未注明）") for r in table.projects for i in r.indicators)
    counts = sorted(Counter(levels).items())
    widths = [12, 16, 6, 22, 2, 36, 6, 8, 7]
    projects = table.projects
    last = max(len(counts), len(projects)) + HEADER_ROW
    print_setup(ws, fmt, title=sheet_title(table), widths=widths, columns=len(widths), last_row=last, header_row=HEADER_ROW)
    setup_table(ws, fmt, STATS_HEADERS, len(counts), table_name="指标分类统计", widths=widths, top=HEADER_ROW)
    ws.write_row(HEADER_ROW, 5, SHARE_HEADERS, fmt.header)
    share = fmt("0%")
    for r in range(HEADER_ROW + 1, last + 1):
        k = r - HEADER_ROW - 1
        if k < len(projects):
            row = projects[k]
            height = row_height([None] * 5 + [row.name], widths, (5,))
            if height is not None:
                ws.set_row(r, height)
        if k < len(counts):
            (l1, l2), n = counts[k]
            write_row(ws, fmt, r, [l1, l2, n, category_label(l1, l2)], centre=frozenset({2}))
        if k < len(projects):
            n = len(row.indicators)
            quantitative = sum(1 for i in row.indicators if (v := i.annual or i.period) is not None and v.kind == QUANTITATIVE)
            write_row(ws, fmt, r, [row.name, n, quantitative], col=5, centre=frozenset({6, 7}))
            ws.write_formula(r, 8, f"=IF(G{r + 1}=0,0,H{r + 1}/G{r + 1})", share, quantitative / n if n else 0)
    if not counts:  # no indicators: nothing to chart
        return
    chart = book.add_chart({"type": "bar"})
    chart.add_series({
        "name": [ws.name, HEADER_ROW, 2],
        "categories": [ws.name, HEADER_ROW + 1, 3, HEADER_ROW + len(counts), 3],  # 一级-二级: no name twice
        "values": [ws.name, HEADER_ROW + 1, 2, HEADER_ROW + len(counts), 2],
    })
    chart.set_title({"name": "各类指标数量"})
    chart.set_x_axis({"name": "指标数"})  # in a bar chart xlsxwriter's x axis is the value axis
    chart.set_y_axis({"reverse": True})  # categories top-down, in the table's order
    chart.set_legend({"none": True})
    chart.set_size({"width": 430, "height": 24 * len(counts) + 120})  # under the counts, as wide as they are
    ws.insert_chart(HEADER_ROW + len(counts) + 2, 0, chart)


STATS_HEADERS = ["一级指标", "二级指标", "指标数", "图中分类（一级-二级）"]
SHARE_HEADERS = ["项目名称", "指标数", "定量指标数", "定量占比"]


def category_label(level1: str, level2: str) -> str:
    """A chart category that names its 一级 too: the same 二级 name under two 一级 stays two bars.

    >>> category_label("效益指标", "服务对象满意度指标"), category_label("满意度指标", "服务对象满意度")
    ('效益-服务对象满意度', '满意度-服务对象满意度')
    """
    def short(name: str) -> str:
        return name[:-2] if name.endswith("指标") and len(name) > 2 else name

    return f"{short(level1)}-{short(level2)}"


def write_workbook(table: PerformanceTable, out: str | Path, findings: list[Finding] | None = None) -> Path:
    """Write the structured workbook of ``table`` to ``out`` (atomically) and return the path."""
    findings = check_table(table) if findings is None else findings
    if max(table.indicator_count, len(findings), len(table.projects) + 4) >= MAX_ROWS:
        raise XltoolsError(f"{out}: 超过 Excel 工作表的 {MAX_ROWS:,} 行上限 (more rows than an Excel sheet holds)")
    with atomic_path(out) as tmp:
        stream = table.indicator_count > STREAM_INDICATORS
        book = new_book(tmp, in_memory=table.indicator_count <= IN_MEMORY_INDICATORS, stream=stream)
        fmt = Formats(book, stream=stream)
        summary, detail, checks, stats = (book.add_worksheet(name, worksheet_class=BodySheet) for name in SHEETS)
        summary_at = _summary(summary, fmt, table, findings)
        _detail(detail, fmt, table)
        _findings(checks, fmt, findings, table, summary_at)
        _stats(stats, fmt, book, table)
        book.close()
    return Path(out)


#: The first column of every sheet of the merged workbook (``convert --merge``).
SOURCE_HEADER = "来源文件"


def write_merged(sources: list[tuple[str, dict[str, list[list[object]]]]], out: str | Path) -> Path:
    """``convert --merge``: every project and indicator of every input in one workbook (two sheets,
    项目汇总 and 绩效指标明细, each with 来源文件 first), printed like ``convert``'s sheets: the title
    row (``绩效目标表汇总（N 个文件）``, ``单位：万元``), page header and numbers, repeated header rows,
    technical columns hidden and off paper. ``sources``: ``(file, {"projects": rows, "indicators": rows})``
    with the rows of :func:`summary_rows` and :func:`detail_rows`."""
    title = f"绩效目标表汇总（{len(sources)} 个文件）"
    sheets = (("项目汇总", "projects", SUMMARY_HEADERS, SUMMARY_WIDTHS), ("绩效指标明细", "indicators", DETAIL_HEADERS,
                                                                        DETAIL_WIDTHS))
    with atomic_path(out) as tmp:
        book = new_book(tmp)
        fmt = Formats(book)
        for n, (name, key, own, own_widths) in enumerate(sheets, 1):
            ws = book.add_worksheet(name, worksheet_class=BodySheet)
            headers = [SOURCE_HEADER, *own]
            widths = [16, *own_widths]
            if key == "projects":  # room for 来源文件 on the page: a narrower 绩效目标 (wrapped, rows taller)
                widths[headers.index("绩效目标")] -= 14
            money = {c + 1: MONEY_FORMAT for c in range(3, 7)} if key == "projects" else None
            rows = [[source, *row] for source, parts in sources for row in parts.get(key, [])]
            last = len(rows) + HEADER_ROW
            if key == "projects":
                print_setup(ws, fmt, title=title, widths=widths, columns=headers.index("来源位置"), last_row=last,
                            header_row=HEADER_ROW)
                wrapped: tuple[int, ...] = (0, 2, 10)
            else:
                _print_detail(ws, fmt, title, widths, headers, last)
                wrapped = (0, 1, 4, 6, 7, 8, 12, 13, 17, 18)
            setup_table(ws, fmt, headers, len(rows), table_name=f"合并{n}", widths=widths, number_formats=money,
                        top=HEADER_ROW)
            _hide(ws, headers, widths)
            centre = frozenset(c + 1 for c in (SUMMARY_CENTRE if key == "projects" else DETAIL_CENTRE))
            body = Body(ws, fmt, HEADER_ROW + 1, len(headers), number_formats=money, centre=centre)
            for values in rows:
                body.row(values, row_height(values, widths, wrapped))
        book.close()
    return Path(out)
