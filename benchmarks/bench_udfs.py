"""Time the worksheet functions on a 1,000-cell range, in Python (what a recalculation costs
xltools, without Excel's own marshalling).  Goal: ≤ 50 ms per call.

    python benchmarks/bench_udfs.py

Cells come from the seed (``workbooks/sample_seed.txt``) with the numbers varied, so a "cold"
call parses 1,000 distinct cells; the "warm" call repeats the same range (Excel recalculating
an unchanged sheet), which the caches answer.
"""

from __future__ import annotations

import platform
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xltools import cells  # noqa: E402
from xltools.io import read_rows  # noqa: E402
from xltools.table import read_table  # noqa: E402

GOAL_MS = 50.0


def corpus(n: int) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    table = read_table(read_rows(ROOT / "workbooks" / "sample_seed.txt"))
    seed_cells = [r.indicators.raw for r in table.projects if r.indicators.indicators]
    values = [i.annual.raw for r in table.projects for i in r.indicators if i.annual is not None]
    rnd = random.Random(7)

    def vary(text: str) -> str:
        return re.sub(r"\d+(?:\.\d+)?", lambda m: str(int(float(m.group()) * rnd.uniform(0.8, 1.2)) or 1), text)

    return ([[vary(rnd.choice(seed_cells))] for _ in range(n)],
            [[vary(rnd.choice(values))] for _ in range(n)],
            [[f"{rnd.uniform(1, 99999):,.2f}"] for _ in range(n)])


def clear_caches() -> None:
    from xltools import indicators, values

    for f in (cells._parsed, cells._value, indicators._parse_body, values._parse_canonical):
        f.cache_clear()


def timed(func, *args) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    func(*args)
    return (time.perf_counter() - t) * 1000


def main() -> int:
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    ind_cells, value_cells, money_cells = corpus(1000)
    rows = []
    for name, func, args in (
        ("XT_COUNT", cells.xt_count, (ind_cells,)),
        ("XT_CHECK", cells.xt_check, (ind_cells,)),
        ("XT_SPLIT", cells.xt_split, (ind_cells,)),
        ("XT_VALUE", cells.xt_value, (value_cells,)),
        ("XT_NUM", cells.xt_num, (money_cells,)),
    ):
        clear_caches()
        cold = timed(func, *args)
        warm = min(timed(func, *args) for _ in range(5))
        rows.append((name, cold, warm))
    print(f"{'1,000 cells':12} {'cold ms':>9} {'warm ms':>9}   goal ≤ {GOAL_MS:.0f} ms")
    for name, cold, warm in rows:
        print(f"{name:12} {cold:9.1f} {warm:9.1f}   {'ok' if cold <= GOAL_MS else 'cold over goal'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
