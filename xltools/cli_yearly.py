"""``xltools monitor`` / ``selfeval`` / ``score``: thin shells over :mod:`xltools.yearly`.

``cli.py`` calls :func:`add_commands` once; each command returns the exit code of
:mod:`xltools.cli` (0 done; 1 done with findings of severity ``warning``; 2 unreadable input).
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

__all__ = ["add_commands"]

_SEVERITY = {"warning": "! 警告", "info": "· 提示", "error": "✗ 错误"}


def _table(source: str) -> Any:
    from .io import read_rows
    from .table import read_table

    return read_table(read_rows(source), source=source)


def _refuse_overwrite(source: str, out: str) -> None:
    from pathlib import Path

    from .errors import InputError

    if Path(out).resolve() == Path(source).resolve():
        raise InputError(f"{out}: 输出文件不能覆盖输入文件 (the output must not replace the input)")


def cmd_monitor(args: argparse.Namespace, out: TextIO) -> int:
    from .yearly import write_monitor

    _refuse_overwrite(args.input, args.output)
    for path in write_monitor(_table(args.input), args.output, rules=args.rules, month=args.month, split=args.split):
        out.write(f"{path}\n")
    return 0


def cmd_selfeval(args: argparse.Namespace, out: TextIO) -> int:
    from .yearly import write_selfeval

    _refuse_overwrite(args.input, args.output)
    for path in write_selfeval(_table(args.input), args.output, rules=args.rules, split=args.split):
        out.write(f"{path}\n")
    return 0


def _print(report: Any, out: TextIO) -> None:
    for p in report.projects:
        if p.kind == "monitor":
            budget = p.budget_light.color if p.budget_light else ""
            out.write(f"\n【{p.name}】 监控  项目预警 {p.light or '—'}  预算执行 {budget or '—'}  （规则 {p.pack}）\n")
            for r in p.rows:
                ratio = f"{r.light.ratio:.0%}" if r.light and r.light.ratio is not None else ""
                out.write(f"  {(r.light.color if r.light else '') or '·'}  {r.row.name}  {r.actual.raw}  {ratio}\n")
        else:
            rate = f"{p.budget_rate:.2%}" if p.budget_rate is not None else "—"
            bscore = p.budget_score.value if p.budget_score and p.budget_score.value is not None else 0
            out.write(f"\n【{p.name}】 自评  总分 {p.total if p.total is not None else '—'}  {p.grade or ''}"
                      f"  执行率 {rate} 得分 {bscore:.2f}  （规则 {p.pack}）\n")
            for r in p.rows:
                value = "" if r.score is None or r.score.value is None else f"{r.score.value:.2f}"
                points = "" if r.score is None else f"{r.score.points}"
                out.write(f"  {value:>6} / {points:<6} {r.row.name}  {r.actual.raw}\n")
        for f in p.findings:
            out.write(f"  {_SEVERITY.get(f.severity, f.severity)}  {f.message}  [{f.code} @ {f.location}]\n")


def cmd_score(args: argparse.Namespace, out: TextIO) -> int:
    from .yearly import report_json, score

    report = score(args.input, rules=args.rules)
    if args.json:
        out.write(json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n")
    else:
        _print(report, out)
        out.write(f"\n共 {len(report.projects)} 个项目，{len(report.findings)} 条提示\n")
    return 1 if any(f.severity in ("warning", "error") for f in report.findings) else 0


def _rules_help() -> str:
    from .rulepacks import pack_names

    return (f"评分规则：{' / '.join(pack_names())} 或 JSON 文件路径；逗号后可覆盖单项（如 central,less=linear）"
            " rule pack name or JSON path, overrides after commas")


#: The help texts of the yearly commands (Chinese first, English alongside).
HELP = {
    "monitor": "生成监控表：每个项目一张绩效运行监控表，预警灯为公式 one 绩效运行监控表 per project, lights as live formulas",
    "selfeval": "生成自评表：每个项目一张绩效自评表，得分为公式 one 绩效自评表 per project, scores as live formulas",
    "score": "计算得分：读取填好的监控表/自评表，给出预警灯、得分、等级和问题 lights, scores, grades and findings",
    "targets": "绩效目标表：文本(.txt)、.csv、.xls、.xlsx，或填好的申报表 the targets",
    "output": "输出工作簿（加 --split 时为文件夹）the workbook (or folder) to write",
    "month": "监控月份：监控 1 至 N 月（默认取评分规则的设定，中央为 7）the month N of 1-N月",
    "split": "每个项目一个文件 one workbook per project",
    "filled": "填好的监控表/自评表工作簿（或 --split 生成的文件夹），也可以是公开的自评表 a filled workbook or folder",
    "json": "输出一个 JSON，每个数字附带计算它的规则 one JSON document, every number with its rule",
    "form_pack": "；默认用表上写明的规则 default: the pack named on the form",
}


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``monitor``, ``selfeval`` and ``score`` to the ``xltools`` subparsers."""
    m = sub.add_parser("monitor", parents=[common], help=HELP["monitor"])
    m.add_argument("input", help=HELP["targets"])
    m.add_argument("-o", "--output", required=True, help=HELP["output"])
    m.add_argument("--month", type=int, default=None, help=HELP["month"])
    m.add_argument("--rules", default=None, help=_rules_help())
    m.add_argument("--split", action="store_true", help=HELP["split"])
    m.set_defaults(func=lambda args, out: cmd_monitor(args, out))
    s = sub.add_parser("selfeval", parents=[common], help=HELP["selfeval"])
    s.add_argument("input", help=HELP["targets"])
    s.add_argument("-o", "--output", required=True, help=HELP["output"])
    s.add_argument("--rules", default=None, help=_rules_help())
    s.add_argument("--split", action="store_true", help=HELP["split"])
    s.set_defaults(func=lambda args, out: cmd_selfeval(args, out))
    c = sub.add_parser("score", parents=[common], help=HELP["score"])
    c.add_argument("input", help=HELP["filled"])
    c.add_argument("--json", action="store_true", help=HELP["json"])
    c.add_argument("--rules", default=None, help=_rules_help() + HELP["form_pack"])
    c.set_defaults(func=lambda args, out: cmd_score(args, out))
