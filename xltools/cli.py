"""The ``xltools`` command line: thin shells over the core.

Exit codes: 0 done; 1 done, but some input had problems that were reported; 2 the input
could not be read at all (one line on stderr says what and where); 3 an internal error (one
line; ``--debug`` shows the traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from .errors import XltoolsError

EXIT_OK, EXIT_PARTIAL, EXIT_UNREADABLE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _split_records(source: str) -> Iterator[tuple[str | None, Any]]:
    """(project, ParsedCell) pairs of a file, or of raw cell text on stdin for ``-``."""
    from .indicators import parse_indicators

    if source == "-":
        yield None, parse_indicators(sys.stdin.read())
        return
    from .io import read_rows
    from .table import read_table

    for row in read_table(read_rows(source), source=source).projects:
        yield row.name, row.indicators


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _print_table(out: TextIO, project: str | None, cell: Any) -> None:
    from .values import format_value

    if project is not None:
        out.write(f"\n【{project}】 {len(cell)} 个指标\n")
    for ind in cell:
        levels = "-".join(x for x in (ind.level1, ind.level2) if x)
        period = format_value(ind.period) if ind.period else ""
        annual = format_value(ind.annual) if ind.annual else ""
        out.write(f"  {ind.seq or '':>3}  {_pad(levels, 22)} {_pad(ind.name, 36)} {_pad(period, 14)} {annual}\n")
        for w in ind.warnings:
            out.write(f"       ! {w.message}\n")
    for w in cell.warnings:
        out.write(f"  ! {w.message}\n")


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


def _load_table(source: str) -> Any:
    from .io import read_rows
    from .table import read_table

    return read_table(read_rows(source), source=source)


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


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from decimal import Decimal, InvalidOperation

    from .checks import check_table
    from .errors import InputError
    from .totals import compute_totals

    try:
        tolerance = Decimal(args.tolerance)
    except InvalidOperation:
        raise InputError(f"--tolerance {args.tolerance!r}: 不是数字 (not a number)") from None
    table = _load_table(args.input)
    try:
        findings = check_table(table, tolerance=tolerance, disabled=args.disable or ())
    except ValueError as e:
        raise InputError(f"--disable: {e}") from None
    totals = compute_totals(table)
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
    return EXIT_PARTIAL if any(f.severity == "error" for f in findings) else EXIT_OK


def cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from .findings import RULES

    for rule in RULES.values():
        out.write(f"{rule.id:24} {rule.severity:8} {rule.description}\n")
    return EXIT_OK


def _refuse_overwrite(source: str, out: str) -> None:
    from pathlib import Path

    from .errors import InputError

    if source != "-" and Path(out).resolve() == Path(source).resolve():
        raise InputError(f"{out}: 输出文件不能覆盖输入文件 (the output must not replace the input)")


def _single_file(args: argparse.Namespace) -> bool:
    """``convert FILE -o OUT.xlsx``: one workbook, as before; anything else is a batch."""
    from pathlib import Path

    return (len(args.inputs) == 1 and Path(args.inputs[0]).is_file() and args.output.lower().endswith(".xlsx")
            and not Path(args.output).is_dir() and args.format == "xlsx" and not args.merge and not args.report)


def cmd_convert(args: argparse.Namespace, out: TextIO) -> int:
    if _single_file(args):
        from .checks import check_table, summary_line
        from .export.convert import write_workbook

        _refuse_overwrite(args.inputs[0], args.output)
        table = _load_table(args.inputs[0])
        findings = check_table(table)
        path = write_workbook(table, args.output, findings)
        out.write(f"{path}: {len(table.projects)} 个项目，{table.indicator_count} 个指标；{summary_line(findings)}\n")
        return EXIT_OK
    return _batch(args, out)


def _batch(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from . import batch
    from .errors import InputError

    inputs, missing = batch.collect_inputs(args.inputs)
    for arg in missing:
        print(f"xltools: 找不到输入 no input matches: {arg}", file=sys.stderr)
    outdir = Path(args.output)
    if outdir.suffix.lower() == ".xlsx" and not outdir.is_dir():
        raise InputError(f"{outdir}: 多个输入时 -o 是输出文件夹 (with several inputs, -o names a folder)")
    if any(outdir.resolve() == src.resolve() for src, _ in inputs):
        raise InputError(f"{outdir}: 输出不能覆盖输入 (the output must not replace an input)")
    if not inputs:
        return EXIT_UNREADABLE
    progress = batch.Progress(len(inputs), sys.stderr)
    results = batch.run_batch(inputs, outdir, fmt=args.format, jobs=args.jobs, force=args.force,
                              merge=bool(args.merge), progress=progress.update)
    batch.summary_table(results, out)
    if args.merge:
        batch.write_merged([r for r in results if r.status == "ok"], Path(args.merge))
        out.write(f"合并 merged: {args.merge}\n")
    if args.report:
        batch.write_report(results, Path(args.report))
    return batch.exit_code(results) if not missing else max(batch.exit_code(results), EXIT_PARTIAL)


def _sheet_rows(source: str, sheet: str) -> list[Any]:
    from .io import read_rows

    return [r for r in read_rows(source) if r.where.endswith("!" + sheet)]


def cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    from .errors import InputError
    from .forms import load_spec, write_blank, write_forms

    spec = load_spec(args.spec)
    if args.blank:
        if args.input:
            raise InputError("--blank 与输入文件不能同时使用 (--blank takes no input file)")
        paths = [write_blank(args.output, spec)]
    else:
        if not args.input:
            raise InputError("请给出输入文件，或使用 --blank (give an input file, or --blank)")
        _refuse_overwrite(args.input, args.output)
        paths = write_forms(_load_table(args.input), args.output, spec, split=args.split)
    for path in paths:
        out.write(f"{path}\n")
    return EXIT_OK


def cmd_join(args: argparse.Namespace, out: TextIO) -> int:
    from .export.published import write_published
    from .join import table_from_convert

    _refuse_overwrite(args.input, args.output)
    from pathlib import Path

    detail = [] if Path(args.input).is_dir() else _sheet_rows(args.input, "绩效指标明细")
    if detail:
        table = table_from_convert(detail, _sheet_rows(args.input, "项目汇总"), source=args.input)
    else:
        from .forms import read_forms

        table = read_forms(args.input)
    path = write_published(table, args.output)
    out.write(f"{path}: {len(table.projects)} 个项目，{table.indicator_count} 个指标\n")
    return EXIT_OK


def _addin(argv: list[str]) -> int:
    from .addin import addin_main

    return addin_main(argv)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="xltools",
        description="拆分、校验项目支出绩效目标表 — split and check 项目支出绩效目标表 (performance target tables)",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the Python traceback on errors")
    p.add_argument("--debug", action="store_true", help="show the Python traceback on errors")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("split", parents=[common], help="拆分绩效指标 split every 绩效指标 cell into indicators")
    s.add_argument("input", help="seed-layout text dump (.txt), workbook (.xlsx/.xlsm), or - for cell text on stdin")
    s.add_argument("--json", action="store_true", help="one JSON object per indicator (JSON Lines)")
    s.add_argument("--strict", action="store_true", help="exit 1 when any cell has warnings")
    s.set_defaults(func=cmd_split)
    c = sub.add_parser("check", parents=[common], help="合计校验 reconcile the money and check every project")
    c.add_argument("input", help="text dump (.txt), .csv, .xls, .xlsx or .xlsm")
    c.add_argument("--json", action="store_true", help="one JSON object: unit, counts, totals, findings")
    c.add_argument("--tolerance", default="0", help="rounding tolerance in the table's unit (default 0: to the cent)")
    c.add_argument("--disable", nargs="+", metavar="RULE", help="switch rules off (see `xltools rules`)")
    c.set_defaults(func=cmd_check)
    v = sub.add_parser("convert", parents=[common],
                       help="生成结构化工作簿 write the structured workbook (项目汇总/绩效指标明细/校验结果/统计)")
    v.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders (recursive) or globs: .txt .csv .xls .xlsx .xlsm")
    v.add_argument("-o", "--output", required=True, help="OUT.xlsx for one file; the output folder for a batch")
    v.add_argument("--format", choices=("xlsx", "csv", "jsonl"), default="xlsx",
                   help="xlsx: the structured workbook; csv (UTF-8 with BOM) / jsonl: project and indicator tables")
    v.add_argument("--jobs", type=int, default=None, help="parallel processes (default: the CPU count)")
    v.add_argument("--merge", metavar="ALL.xlsx", help="also one workbook with every project and indicator and a source column")
    v.add_argument("--report", metavar="report.jsonl", help="one JSON line per input: status, counts, seconds, error")
    v.add_argument("--force", action="store_true", help="convert even when the output is newer than the input")
    v.set_defaults(func=cmd_convert)
    t = sub.add_parser("template", parents=[common],
                       help="生成申报表 the standard 项目支出绩效目标申报表: blank, or one filled form per project")
    t.add_argument("input", nargs="?", help="the table to fill forms from (text dump, .csv, .xls, .xlsx)")
    t.add_argument("-o", "--output", required=True, help="the workbook to write (with --split: a folder, one file per project)")
    t.add_argument("--blank", action="store_true", help="an empty form with its dropdowns")
    t.add_argument("--split", action="store_true", help="one workbook per project")
    t.add_argument("--spec", default="standard", help="template spec: a name in xltools/data/templates or a JSON path")
    t.set_defaults(func=cmd_template)
    j = sub.add_parser("join", parents=[common],
                       help="合并指标 from 绩效指标明细 (or filled 申报表 forms) back to the published text")
    j.add_argument("input",
                   help="a workbook written by `xltools convert` (edited or not), or filled 申报表 forms (workbook or folder)")
    j.add_argument("-o", "--output", required=True, help="the published-layout workbook to write (.xlsx)")
    j.set_defaults(func=cmd_join)
    a = sub.add_parser("addin", parents=[common], help="Excel 加载项 build or install the ribbon add-in xltools.xlam")
    a.add_argument("addin_args", nargs=argparse.REMAINDER, help="build [-o PATH] | install [PATH]")
    a.set_defaults(func=lambda args, out: _addin(args.addin_args))
    r = sub.add_parser("rules", parents=[common], help="列出校验规则 list the check rules")
    r.set_defaults(func=cmd_rules)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
