"""The ``xltools`` command line: thin shells over the core.

Exit codes: 0 done; 1 done, but some input had problems that were reported; 2 the input
could not be read at all, or the options cannot work (one line on stderr says what and where);
3 an internal error (one line; ``--debug`` shows the traceback); 4 an output cannot be written
(open in Excel/WPS, read-only); 130 interrupted (Ctrl+C); 143 terminated (SIGTERM).  Every
decision is :mod:`xltools.api`'s: this module turns arguments into calls and results into text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from .cliparse import Parser
from .errors import XltoolsError

EXIT_OK, EXIT_PARTIAL, EXIT_UNREADABLE, EXIT_INTERNAL, EXIT_OUTPUT, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 3, 4, 130, 143


def _split_records(source: str) -> Iterator[tuple[str | None, Any]]:
    """(project, ParsedCell) pairs of a file, or of raw cell text on stdin for ``-``."""
    from .indicators import parse_indicators

    if source == "-":
        yield None, parse_indicators(sys.stdin.read())
        return
    from .api import load_table

    for row in load_table(source).projects:
        yield row.name, row.indicators


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


#: Screen widths (CJK counts two) of split's columns; longer texts are shortened with "…" (``--json`` keeps them whole).
_COLUMNS = (("序号", 4), ("一级-二级指标", 24), ("三级指标", 34), ("实施周期指标值", 16), ("年度指标值", 16))
_WARNING_WIDTH = 120


def _fit(text: str, width: int) -> str:
    """``text`` padded or shortened to ``width`` screen columns.

    >>> _fit("一二三四五", 6), _fit("ab", 4)
    ('一二… ', 'ab  ')
    """
    if _width(text) <= width:
        return _pad(text, width)
    out, used = "", 0
    for c in text:
        if used + _width(c) > width - 1:
            break
        out, used = out + c, used + _width(c)
    return _pad(out + "…", width)


def _print_table(out: TextIO, project: str | None, cell: Any) -> None:
    from .values import format_value

    if project is not None:
        out.write(f"\n【{project}】 {len(cell)} 个指标\n")
    if len(cell):
        out.write("  " + " ".join(_fit(h, w) for h, w in _COLUMNS).rstrip() + "\n")
    for ind in cell:
        levels = "-".join(x for x in (ind.level1, ind.level2) if x)
        values = {slot: format_value(v) if (v := getattr(ind, slot)) else "" for slot in ("period", "annual")}
        texts = (str(ind.seq or ""), levels, ind.name, values["period"], values["annual"])
        out.write("  " + " ".join(_fit(t, w) for t, (_, w) in zip(texts, _COLUMNS)).rstrip() + "\n")
        seen: set[str] = set()
        for w in ind.warnings:  # once each, tied to the value it is about
            if w.message in seen:
                continue
            seen.add(w.message)
            slots = [label for slot, label in (("period", "实施周期"), ("annual", "年度"))
                     if (v := getattr(ind, slot)) and getattr(w, "code", None) in getattr(v, "warnings", ())]
            where = "、".join(slots) + "指标值" if slots else ""
            value = values["annual"] if slots == ["年度"] else values["period"] if slots else ""
            about = f"{where}“{_fit(value, 24).rstrip()}”：" if slots else ""
            out.write(f"       ! {_fit(about + w.message, _WARNING_WIDTH).rstrip()}\n")
    for w in dict.fromkeys(x.message for x in cell.warnings):
        out.write(f"  ! {_fit(w, _WARNING_WIDTH).rstrip()}\n")


def cmd_split(args: argparse.Namespace, out: TextIO) -> int:
    from .export.records import indicator_json

    problems = 0
    for project, cell in _split_records(args.input):
        problems += bool(cell.all_warnings)
        if args.json:
            out.write("".join(indicator_json(ind, project) + "\n" for ind in cell))
        else:
            _print_table(out, project, cell)
    return EXIT_OK if not args.strict or not problems else EXIT_PARTIAL


def _money_json(amount: Any) -> str | None:
    from .money import CENT

    return None if amount is None else str(amount.quantize(CENT))


_SEVERITY_LABEL = {"error": "✗ 错误", "warning": "! 警告", "info": "· 提示"}


def _print_findings(out: TextIO, table: Any, totals: Any, findings: list[Any]) -> None:
    from .checks import summary_line
    from .money import format_money

    head = " — ".join(x for x in (table.title, table.department) if x)
    out.write(f"{head or table.source}（单位：{table.unit}）\n")
    out.write(f"{len(table.projects)} 个项目，{table.indicator_count} 个指标；")
    out.write(f"合计：表中 {format_money(totals.declared) or '无'}，计算 {format_money(totals.computed)}\n")
    groups: dict[str, list[Any]] = {}
    for f in findings:
        groups.setdefault(f.project or "（全表）", []).append(f)
    for project, items in groups.items():
        out.write(f"\n【{project}】\n")
        for f in items:
            out.write(f"  {_SEVERITY_LABEL[f.severity]}  {f.message}  [{f.rule} @ {f.location}]\n")
    out.write(f"\n共 {summary_line(findings)}\n")


def _tolerance(text: str) -> Any:
    from decimal import Decimal, InvalidOperation

    from .errors import UsageError

    try:
        return Decimal(text)
    except InvalidOperation as e:
        raise UsageError(f"--tolerance {text!r}: 不是数字 (not a number)") from e


def _rule_ids(values: list[str] | None) -> list[str]:
    """``--disable a --disable b`` or ``--disable a,b``."""
    return [x.strip() for v in values or () for x in v.split(",") if x.strip()]


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from .api import check_file

    checked = check_file(args.input, tolerance=_tolerance(args.tolerance), disabled=_rule_ids(args.disable))
    table, findings, totals = checked.table, list(checked.findings), checked.totals
    if args.json:
        doc = {
            "unit": table.unit,
            "projects": len(table.projects),
            "indicators": table.indicator_count,
            "totals": {"declared": _money_json(totals.declared), "computed": _money_json(totals.computed)},
            "findings": [
                {
                    "rule": f.rule, "severity": f.severity, "message": f.message, "location": f.location,
                    "project": f.project, "expected": _money_json(f.expected), "found": _money_json(f.found),
                    "difference": _money_json(f.difference),
                }
                for f in findings
            ],
        }
        out.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    else:
        _print_findings(out, table, totals, findings)
    return EXIT_PARTIAL if checked.has_errors else EXIT_OK


def cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    from .io import read_rows
    from .table import inspect_rows

    inspection = inspect_rows(read_rows(args.input), source=args.input)
    doc = inspection.to_json()
    if args.json:
        out.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    else:
        _print_inspection(out, doc)
    return EXIT_OK if any(s.family != "none" for s in inspection.sheets) else EXIT_UNREADABLE


def _print_inspection(out: TextIO, doc: dict[str, Any]) -> None:
    """``xltools inspect`` for people: per sheet the layout, ranges, header columns, label cells and skipped rows."""
    from .layouts.report import FIELD_NAMES
    out.write(f"{doc['source']}（金额单位：{doc['unit']}）\n")
    for s in doc["sheets"]:
        out.write(f"\n【{s['sheet']}】 {s['family_name']}，第 {s['first']}–{s['last']} 行；"
                  f"{s['projects']} 个项目，{s['indicators']} 个指标\n")
        if s["seen"]:
            out.write(f"  未识别：{s['seen']}\n")
        for p in s["parts"]:
            out.write(f"  · 第 {p['first']}–{p['last']} 行  {p['kind']}  {p['name']}（{p['indicators']} 个指标）\n")
        for h in s["headers"]:
            cols = "，".join(f"{col}={field}" for col, field in h["mapping"].items())
            out.write(f"  表头 第 {h['first']}–{h['last']} 行：{cols}\n")
            if h["missing"]:
                out.write(f"    缺少列：{'、'.join(FIELD_NAMES.get(m, m) for m in h['missing'])}\n")
        for lab in s["labels"]:
            out.write(f"  标签 {lab['cell']}“{lab['label']}” → {lab['field']} = {lab['value_cell']}“{lab['value']}”\n")
        for k in s["skipped"]:
            out.write(f"  跳过 第 {k['row']} 行：{k['reason']}  {k['text'][:40]}\n")


def cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from .export.convert import RULE_TITLES, SEVERITY_NAMES
    from .findings import RULES

    out.write(f"{_fit('规则编号 id', 24)} {_fit('级别', 6)} {_fit('名称', 20)} 说明 (English)\n")
    for rule in RULES.values():
        title = RULE_TITLES.get(rule.id, rule.id)
        out.write(f"{_fit(rule.id, 24)} {_fit(SEVERITY_NAMES[rule.severity], 6)} {_fit(title, 20)} {rule.description}\n")
    return EXIT_OK


def _single_file(args: argparse.Namespace) -> bool:
    """``convert FILE -o OUT.xlsx``: one workbook, as before; anything else is a batch."""
    from pathlib import Path

    return (len(args.inputs) == 1 and Path(args.inputs[0]).is_file() and args.output.lower().endswith(".xlsx")
            and not Path(args.output).is_dir() and args.format == "xlsx" and not args.merge and not args.report)


def cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    if _single_file(args):
        from .api import convert
        from .checks import summary_line

        checked, path = convert(args.inputs[0], args.output, force=args.force)
        table, findings = checked.table, list(checked.findings)
        out.write(f"{path}: {len(table.projects)} 个项目，{table.indicator_count} 个指标；{summary_line(findings)}\n")
        return EXIT_OK
    return _batch(args, out)


def _batch(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from . import batch
    from .api import refuse_overwrite
    from .errors import InputError, UsageError

    inputs, missing = batch.collect_inputs(args.inputs)
    if not inputs and missing:
        raise InputError(f"{missing[0]}: 文件不存在，请检查路径 (file not found: check the path)")
    for arg in missing:
        print(f"xltools: 找不到输入 no input matches: {arg}", file=sys.stderr)
    outdir = Path(args.output)
    if outdir.suffix.lower() in (".xlsx", ".xlsm", ".csv", ".jsonl", ".json", ".txt") and not outdir.is_dir():
        raise UsageError(f"{outdir}: 批量转换（多个输入、文件夹或 --format csv/jsonl）时 -o 是输出文件夹，不是文件 "
                         "(for a batch, -o names a folder)")
    plan = batch.output_plan(inputs, outdir, args.format)
    refuse_overwrite([src for src, _ in inputs], [outdir, *(o for outs in plan for o in outs),
                                                  *(Path(p) for p in (args.merge, args.report) if p)])
    if not inputs:
        return EXIT_UNREADABLE
    progress = batch.Progress(len(inputs), sys.stderr)
    try:
        results = batch.run_batch(inputs, outdir, fmt=args.format, jobs=args.jobs, force=args.force,
                                  merge=bool(args.merge), progress=progress.update)
    finally:  # an interrupted bar ends its line before the message
        progress.close()
    batch.summary_table(results, out)
    if args.merge:
        batch.write_merged([r for r in results if r.status == "ok"], Path(args.merge))
        out.write(f"合并 merged: {args.merge}\n")
    if args.report:
        batch.write_report(results, Path(args.report))
    return batch.exit_code(results) if not missing else max(batch.exit_code(results), EXIT_PARTIAL)


def cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    from .api import blank_form, forms
    from .errors import UsageError

    if args.blank:
        if args.input:
            raise UsageError("--blank 与输入文件不能同时使用 (--blank takes no input file)")
        paths = [blank_form(args.output, spec=args.spec)]
    else:
        if not args.input:
            raise UsageError("请给出输入文件，或使用 --blank (give an input file, or --blank)")
        paths = forms(args.input, args.output, spec=args.spec, split=args.split, force=args.force)
    for path in paths:
        out.write(f"{path}\n")
    return EXIT_OK


def cmd_join(args: argparse.Namespace, out: TextIO) -> int:
    from .api import join

    joined, path = join(args.input, args.output, force=args.force)
    table = joined.table
    for f in joined.findings:
        out.write(f"  {_SEVERITY_LABEL[f.severity]}  {f.message}  [{f.rule} @ {f.location}]\n")
    out.write(f"{path}: {len(table.projects)} 个项目，{table.indicator_count} 个指标\n")
    return EXIT_OK


def _addin(argv: list[str]) -> int:
    from .addin import addin_main

    return addin_main(argv)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="xltools",
        description="拆分、校验项目支出绩效目标表 — split and check 项目支出绩效目标表 (performance target tables)",
    )
    common = Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="出错时显示程序内部信息 show the Python traceback on errors")
    p.add_argument("--debug", action="store_true", help="出错时显示程序内部信息 show the Python traceback on errors")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("split", parents=[common], help="拆分绩效指标 split every 绩效指标 cell into indicators")
    s.add_argument("input", help="输入：文本(.txt)、工作簿(.xlsx/.xlsm)，或 - 从标准输入读一格文字 (- for stdin)")
    s.add_argument("--json", action="store_true", help="每个指标一行 JSON（完整文字）one JSON object per indicator")
    s.add_argument("--strict", action="store_true", help="有提示时退出码为 1 exit 1 when any cell has warnings")
    s.set_defaults(func=cmd_split)
    c = sub.add_parser("check", parents=[common], help="合计校验 reconcile the money and check every project")
    c.add_argument("input", help="输入表格 .txt .csv .xls .xlsx .xlsm")
    c.add_argument("--json", action="store_true", help="输出一个 JSON：单位、数量、合计、问题 one JSON object")
    c.add_argument("--tolerance", default="0", help="允许的尾差（默认 0：精确到分）rounding tolerance, ≥ 0")
    c.add_argument("--disable", action="append", metavar="RULE",
                   help="关闭规则 switch a rule off (repeat, or RULE1,RULE2; see `xltools rules`)")
    c.set_defaults(func=cmd_check)
    v = sub.add_parser("convert", parents=[common],
                       help="生成结构化工作簿 write the structured workbook (项目汇总/绩效指标明细/校验结果/统计)")
    v.add_argument("inputs", nargs="+", metavar="PATH", help="文件、文件夹（含子文件夹）或通配符 files, folders or globs")
    v.add_argument("-o", "--output", required=True, help="输出：一个文件时为 .xlsx，批量时为文件夹 (OUT.xlsx, or a folder)")
    v.add_argument("--format", choices=("xlsx", "csv", "jsonl"), default="xlsx",
                   help="xlsx 结构化工作簿；csv（Excel 可直接打开）/ jsonl：项目表和指标表")
    v.add_argument("--jobs", type=int, default=None, help="并行进程数（默认：CPU 个数）parallel processes")
    v.add_argument("--merge", metavar="ALL.xlsx", help="另外生成一个汇总全部项目和指标的工作簿 also one merged workbook")
    v.add_argument("--report", metavar="report.jsonl", help="每个文件一行 JSON 报告 one JSON line per input")
    v.add_argument("--force", action="store_true",
                   help="全部重新转换，并覆盖修改过的输出 convert even when up to date, replacing an edited output")
    v.set_defaults(func=cmd_convert)
    t = sub.add_parser("template", parents=[common],
                       help="生成申报表 the standard 项目支出绩效目标申报表: blank, or one filled form per project")
    t.add_argument("input", nargs="?", help="用来填写申报表的绩效目标表 the table to fill forms from")
    t.add_argument("-o", "--output", required=True, help="输出工作簿（加 --split 时为文件夹）the workbook (or folder) to write")
    t.add_argument("--blank", action="store_true", help="空白申报表（带下拉选项）an empty form with its dropdowns")
    t.add_argument("--split", action="store_true", help="每个项目一个文件 one workbook per project")
    t.add_argument("--force", action="store_true", help="覆盖已存在且修改过的输出 replace an existing, edited output")
    t.add_argument("--spec", default="standard", help="申报表格式：xltools/data/templates 中的名称或 JSON 文件 template spec")
    t.set_defaults(func=cmd_template)
    j = sub.add_parser("join", parents=[common],
                       help="合并指标 from 绩效指标明细 (or filled 申报表 forms) back to the published text")
    j.add_argument("input",
                   help="由 xltools convert 生成的工作簿（可修改过），或填好的申报表（工作簿或文件夹）")
    j.add_argument("-o", "--output", required=True, help="输出的公开表格式工作簿 (.xlsx) the published-layout workbook")
    j.add_argument("--force", action="store_true", help="覆盖已存在且修改过的输出 replace an existing, edited output")
    j.set_defaults(func=cmd_join)
    a = sub.add_parser("addin", parents=[common], help="Excel 加载项 build or install the ribbon add-in xltools.xlam")
    a.add_argument("addin_args", nargs=argparse.REMAINDER,
                   help="子命令：build 生成加载项、install 安装、bundle 打包离线安装包 "
                        "build [-o PATH] | install [PATH] | bundle [-o ZIP]")
    a.set_defaults(func=lambda args, out: _addin(args.addin_args))
    n = sub.add_parser("inspect", parents=[common],
                       help="识别情况 what was recognised where: layout, header columns, label cells, skipped rows")
    n.add_argument("input", help="任何 xltools 能读的表格 any table xltools reads")
    n.add_argument("--json", action="store_true", help="输出一个 JSON one JSON object")
    n.set_defaults(func=cmd_inspect)
    from .cli_yearly import add_commands

    add_commands(sub, common)  # monitor / selfeval / score: the rest of the year
    r = sub.add_parser("rules", parents=[common], help="列出校验规则 list the check rules")
    r.set_defaults(func=cmd_rules)
    return p


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every ``atomic_path`` removes its temporary file."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    args = build_parser().parse_args(argv)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args, sys.stdout))
    except XltoolsError as e:
        if args.debug:
            raise
        print(f"xltools: 错误 error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("xltools: 已中断，未写完的文件已删除 (interrupted; no partial output was left)", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("xltools: 已终止，未写完的文件已删除 (terminated; no partial output was left)", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:
        if args.debug:
            raise
        print(f"xltools: 内部错误 internal error: {type(e).__name__}: {e} — 请加 --debug 重试并报告 "
              "(run again with --debug and report it)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
