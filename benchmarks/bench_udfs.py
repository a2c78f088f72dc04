"""Time the worksheet functions on a 1,000-cell range, in Python (what a recalculation costs
xltools, without Excel's own marshalling).  Goal: ≤ 50 ms per call.

    python benchmarks/bench_udfs.py

Three ranges of 绩效指标 cells, each of 1,000 distinct cells:

* ``published``: cells of the seed (``workbooks/sample_seed.txt``) with the numbers in their
  values varied — what a sheet of published tables holds (the goal is for this range);
* ``layouts``: the verbatim cells of ``tests/test_indicators_variants.py`` (other tables' layouts: no
  codes, ``①``, one line per item, dashes, pipes …), values varied — the general grammar;
* ``scrambled``: seed cells with *every* number varied, item numbers and level codes included,
  so items repeat numbers and merge, codes contradict names — broken cells, the worst case.

``benchmarks/instructions.sh`` counts the instructions of one cold call instead (valgrind).

"cold" clears every cache first (a workbook's first calculation): best of 7 runs, judged against the
goal (as ``timeit`` advises: other processes only ever add time), and their median (on a shared VM
it moves by up to ~25 % between runs of this script); "warm" repeats the same range (Excel
recalculating an unchanged sheet) and the caches answer, best of 5.
"""

from __future__ import annotations

import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from xltools import indicators, values  # noqa: E402
from xltools.excel import cells  # noqa: E402
from xltools.io import read_rows  # noqa: E402
from xltools.table import read_table  # noqa: E402

GOAL_MS = 50.0
CELLS = 1000
NUMBER = re.compile(r"\d+(?:\.\d+)?")
VALUE_PART = re.compile(r"(指标值[:：]|[≥≤<>]|不低于|达到)([^;；。\n]*)")

Grid = list[list[str]]


def seed_cells() -> list[str]:
    table = read_table(read_rows(ROOT / "workbooks" / "sample_seed.txt"))
    return [r.indicators.raw for r in table.projects if r.indicators.indicators]


def layout_cells() -> list[str]:
    import test_indicators_variants as test_variants  # the verbatim strings of the table-driven tests

    groups = ("NUMBERING", "LEVELS", "SEPARATORS", "LABELS", "SATISFACTION", "CONTRADICTING", "FOUND_ONLINE", "DIRTY")
    out = []
    for group in groups:
        for param in getattr(test_variants, group):
            case = param.values[0]
            out.append(case if isinstance(case, str) else case.text)
    return out


def distinct(texts: list[str], vary: Callable[[str], str], rnd: random.Random) -> Grid:
    """``CELLS`` distinct cells, each a varied copy of one of ``texts``."""
    seen: set[str] = set()
    out: Grid = []
    while len(out) < CELLS:
        text = vary(rnd.choice(texts))
        if text not in seen:
            seen.add(text)
            out.append([text])
    return out


def corpora() -> tuple[dict[str, Grid], Grid, Grid]:
    rnd = random.Random(7)

    def scale(m: re.Match[str]) -> str:
        return str(int(float(m.group()) * rnd.uniform(0.8, 1.2)) or 1)

    def vary_values(text: str) -> str:
        return VALUE_PART.sub(lambda m: m.group(1) + NUMBER.sub(scale, m.group(2)), text)

    def vary_all(text: str) -> str:
        return NUMBER.sub(scale, text)

    seed = seed_cells()
    indicator_ranges = {
        "published": distinct(seed, vary_values, rnd),
        "layouts": distinct(layout_cells(), vary_values, rnd),
        "scrambled": distinct(seed, vary_all, rnd),
    }
    value_texts = [i.annual.raw for t in seed for i in indicators.parse_indicators(t) if i.annual is not None]
    value_cells = distinct(value_texts, vary_all, rnd)
    money_cells = [[f"{rnd.uniform(1, 99999):,.2f}"] for _ in range(CELLS)]
    return indicator_ranges, value_cells, money_cells


def clear_caches() -> None:
    for module in (cells, indicators, values):
        for obj in vars(module).values():
            if hasattr(obj, "cache_clear"):
                obj.cache_clear()


def timed(func: Callable[..., Any], *args: Any) -> float:
    t = time.perf_counter()
    func(*args)
    return (time.perf_counter() - t) * 1000


def measure(func: Callable[..., Any], grid: Grid) -> tuple[float, float, float]:
    colds = []
    for _ in range(7):
        clear_caches()
        colds.append(timed(func, grid))
    warm = min(timed(func, grid) for _ in range(5))
    return min(colds), statistics.median(colds), warm


FUNCS = {"XT_COUNT": cells.xt_count, "XT_CHECK": cells.xt_check, "XT_SPLIT": cells.xt_split}


def one_call(range_name: str, func_name: str) -> int:
    """``--call RANGE FUNC``: one cold call and nothing else (``none``: no call), for counting its
    instructions with valgrind (``benchmarks/instructions.sh``), which wall-clock noise does not move."""
    ranges, _, _ = corpora()
    clear_caches()
    if func_name != "none":
        FUNCS[func_name](ranges[range_name])
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--call"]:
        return one_call(*sys.argv[2:4])
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    ranges, value_cells, money_cells = corpora()
    print(f"{CELLS:,} cells, ms{'':14} {'cold best':>9} {'median':>7} {'warm':>6}   goal ≤ {GOAL_MS:.0f} ms cold")

    def report(name: str, func: Callable[..., Any], grid: Grid) -> None:
        best, median, warm = measure(func, grid)
        verdict = "ok" if best <= GOAL_MS else "over goal"  # the best run: other processes only ever add time
        print(f"  {name:26} {best:9.1f} {median:7.1f} {warm:6.1f}   {verdict}")

    for label, grid in ranges.items():
        count = sum(len(indicators.parse_indicators(row[0])) for row in grid)
        print(f"{label} ({count:,} indicators)")
        for name, func in FUNCS.items():
            report(name, func, grid)
    print("values and amounts")
    report("XT_VALUE", cells.xt_value, value_cells)
    report("XT_NUM", cells.xt_num, money_cells)
    return 0


if __name__ == "__main__":
    sys.exit(main())
