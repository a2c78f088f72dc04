"""The ``xltools`` command line: thin shells over the core.

Exit codes: 0 done; 1 done, but some input had problems that were reported; 2 the input
could not be read at all (one line on stderr says what and where); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from .errors import XltoolsError

EXIT_OK, EXIT_PARTIAL, EXIT_UNREADABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


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
    from .records import indicator_record

    problems = 0
    for project, cell in _split_records(args.input):
        problems += bool(cell.all_warnings)
        if args.json:
            for ind in cell:
                out.write(json.dumps(indicator_record(ind, project), ensure_ascii=False) + "\n")
        else:
            _print_table(out, project, cell)
    return EXIT_OK if not args.strict or not problems else EXIT_PARTIAL


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="xltools",
        description="拆分、校验项目支出绩效目标表 — split and check 项目支出绩效目标表 (performance target tables)",
    )
    p.add_argument("--debug", action="store_true", help="show the Python traceback on errors")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("split", help="拆分绩效指标 split every 绩效指标 cell into indicators")
    s.add_argument("input", help="seed-layout text dump (.txt), workbook (.xlsx/.xlsm), or - for cell text on stdin")
    s.add_argument("--json", action="store_true", help="one JSON object per indicator (JSON Lines)")
    s.add_argument("--strict", action="store_true", help="exit 1 when any cell has warnings")
    s.set_defaults(func=cmd_split)
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
        print("xltools: 已中断 interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
