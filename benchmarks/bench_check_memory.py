"""Peak memory and time of ``xltools check`` on a big CSV: read a row at a time (what the command
does for a ``.csv`` of ``STREAM_BYTES`` or more) against reading the table whole.

Usage::

    python benchmarks/bench_check_memory.py                    # 26,500 projects (~20 MB of GB18030 CSV)
    python benchmarks/bench_check_memory.py --projects 262000  # ~200 MB

Makes the CSV with ``bench_readers.py``'s generator (the seed's projects repeated with varied names
and numbers; ``benchmarks/out/check_N.csv``, kept for the next run), then runs each way once in a
fresh child, timed with ``os.wait4`` (its own peak RSS), and checks both printed the same findings.
Memory read whole grows with the text (about 7 bytes per byte of CSV); a row at a time with the
projects and findings only (each 绩效指标 cell checked and let go, ``xltools.checks.let_go``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RUN = """
import sys
from xltools.api import check_file
from xltools.cli import _print_findings
c = check_file(sys.argv[1], stream_bytes=int(sys.argv[2]))
_print_findings(sys.stdout, c.table, c.totals, list(c.findings))
"""


def run(path: Path, stream_bytes: int) -> tuple[float, float, bytes]:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", RUN, str(path), str(stream_bytes)], stdout=out, cwd=OUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            sys.exit(f"bench_check_memory: the check of {path} failed")
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, out.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=26_500)
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    path = OUT / f"check_{args.projects}.csv"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        import bench_readers

        bench_readers.write_csv(bench_readers.build_rows(args.projects), path)
    size = path.stat().st_size
    print(f"input: {path} ({size / 1e6:.1f} MB, {args.projects:,} projects)")
    whole = run(path, 10**18)
    by_row = run(path, 0)
    for label, (seconds, peak, _) in (("read whole", whole), ("a row at a time", by_row)):
        print(f"  {label:16} {seconds:7.2f} s   peak RSS {peak:7.0f} MiB   {peak * 2**20 / size:5.2f} bytes per input byte")
    print("  same findings printed: " + ("yes" if whole[2] == by_row[2] else "NO"))
    return 0 if whole[2] == by_row[2] else 1


if __name__ == "__main__":
    sys.exit(main())
