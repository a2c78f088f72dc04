"""Cost of every ribbon button on a big workbook, through xlwings' remote Book (the engine of xlwings
Server / Lite; in desktop Excel each recorded action is one COM round trip instead).

    python benchmarks/bench_buttons.py                 # 500 projects (goal of issue 14)
    python benchmarks/bench_buttons.py --projects 2000

For each button: the Excel actions it emits (total, per sheet it writes, by kind) and the seconds of
Python before Excel sees anything (best of ``--repeat`` runs).  Goals for 生成申报表
(``build_templates``): ≤ 40 actions per form and ≤ 10 s for 500 projects.  The workbook is
``gen_workbooks.py``'s table (``gen_corpus.py`` rows laid out like the published seed), written to
``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import collections
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402
import gen_workbooks  # noqa: E402
from xlremote import Replay, book_payload, remote_book  # noqa: E402  (sets the noncommercial key, benchmarks only)

from xltools.excel import macros  # noqa: E402

GOAL_ACTIONS_PER_FORM = 40
GOAL_SECONDS = 10.0
SHEET_FUNCS = {"addSheet", "copySheet"}


def run(button: Callable[..., Any], payload: dict[str, Any]) -> tuple[float, list[dict[str, Any]]]:
    book = remote_book(payload)
    start = time.perf_counter()
    button(book)
    return time.perf_counter() - start, book.json()["actions"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--projects", type=int, default=500)
    p.add_argument("--repeat", type=int, default=1, help="runs per button; the best time is shown")
    args = p.parse_args(argv)
    path = gen_workbooks.OUT / f"buttons_{args.projects}.xlsx"
    if not path.is_file():
        gen_workbooks.big_workbook(args.projects, gen_corpus.seed_path(None), path)
    payload = book_payload(path)
    print(f"{path.name}: {args.projects} projects; Python {platform.python_version()} on {platform.machine()}")
    _, split_actions = run(macros.split_indicators, payload)
    after_split = Replay(payload, split_actions).payload(payload)  # 合并指标 needs 绩效指标明细
    buttons: list[tuple[str, Callable[..., Any], dict[str, Any]]] = [
        ("拆分指标 split_indicators", macros.split_indicators, payload),
        ("合计校验 check_workbook", macros.check_workbook, payload),
        ("生成申报表 build_templates", macros.build_templates, payload),
        ("空白模板 blank_template", macros.blank_template, payload),
        ("合并指标 join_indicators", macros.join_indicators, after_split),
        ("帮助 show_help", macros.show_help, payload),
    ]
    failed = False
    print(f"{'button':28} {'actions':>8} {'sheets':>6} {'per sheet':>9} {'seconds':>8}  top actions")
    for label, button, data in buttons:
        best, actions = min((run(button, data) for _ in range(args.repeat)), key=lambda r: r[0])
        Replay(data, actions)  # every action is one the replay knows (it raises on an unknown one)
        sheets = sum(a["func"] in SHEET_FUNCS for a in actions)
        per = len(actions) / sheets if sheets else float(len(actions))
        top = ", ".join(f"{f} {n}" for f, n in collections.Counter(a["func"] for a in actions).most_common(5))
        print(f"{label:28} {len(actions):8} {sheets:6} {per:9.1f} {best:8.2f}  {top}")
        if button is macros.build_templates:
            forms = sheets - 1  # the hidden lists sheet
            per_form = len(actions) / forms
            ok = per_form <= GOAL_ACTIONS_PER_FORM and (args.projects > 500 or best <= GOAL_SECONDS)
            failed |= not ok
            print(f"{'':28} {per_form:.1f} actions per form (goal ≤ {GOAL_ACTIONS_PER_FORM}), "
                  f"{best:.1f} s (goal ≤ {GOAL_SECONDS:.0f} s for 500): {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
