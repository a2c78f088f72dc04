"""Benchmark ``xltools split --json`` against the floor (``floor_split.py``) on a generated corpus.

Usage::

    python benchmarks/bench_split.py                 # 10,000 projects (~50,000 indicators)
    python benchmarks/bench_split.py --projects 2000 --repeat 5
    python benchmarks/bench_split.py --profile       # plus cProfile of the in-process split

Generates the corpus with ``gen_corpus.py`` if it is missing, then times, best of ``--repeat``
wall-clock runs each (interpreter start-up included, output to /dev/null)::

    python -m xltools split CORPUS --json
    python benchmarks/floor_split.py CORPUS

and prints indicators/second and the ratio xltools/floor against the goal (≤ 1.5×, issue #12).  One extra
untimed run of each checks that both print the same number of records and how many agree.
The ``xltools`` timed is the one ``python -m xltools`` imports: to time a snapshot (say
``git archive HEAD | tar -x -C /tmp/xlt``), run with ``PYTHONPATH=/tmp/xlt``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import subprocess
import sys
import time
from pathlib import Path

import gen_corpus

HERE = Path(__file__).resolve().parent
GOAL = 1.5  # issue #12 (was 2.5)


def run(cmd: list[str], stdout: int) -> subprocess.CompletedProcess[bytes]:
    """Run ``cmd``; stop the benchmark if it failed (exit 1 = done with warnings is fine)."""
    done = subprocess.run(cmd, stdout=stdout, check=False, cwd=HERE)  # not cwd: `-m` would import ./xltools
    if done.returncode not in (0, 1):
        sys.exit(f"bench_split: `{' '.join(cmd)}` failed with exit code {done.returncode}")
    return done


def best_of(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(cmd, subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def records(cmd: list[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in run(cmd, subprocess.PIPE).stdout.decode("utf-8").splitlines()]


def agreement(ours: list[dict[str, object]], floor: list[dict[str, object]]) -> tuple[int, int]:
    """(records equal on project/seq/levels/name/raw values, records equal on everything but warnings)."""

    def text(r: dict[str, object]) -> tuple[object, ...]:
        raws = tuple(v.get("raw") if isinstance(v, dict) else v for v in (r["period"], r["annual"]))
        return tuple(r[k] for k in ("project", "seq", "level1_code", "level1", "level2_code", "level2", "name")) + raws

    same_text = same_all = 0
    for a, b in zip(ours, floor):
        if text(a) == text(b):
            same_text += 1
            same_all += a["period"] == b["period"] and a["annual"] == b["annual"]
    return same_text, same_all


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def profile(corpus: Path, top: int = 25) -> None:
    from xltools.cli import main as xltools_main

    prof = cProfile.Profile()
    with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null):
        prof.runcall(xltools_main, ["split", str(corpus), "--json"])
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(top)
    print(f"\ncProfile of in-process `xltools split {corpus.name} --json`, top {top} by cumulative time:")
    print(text.getvalue())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="benchmark xltools split --json against the floor")
    p.add_argument("--projects", type=int, default=10_000)
    p.add_argument("--corpus", help="corpus file (default benchmarks/out/corpus_<N>.txt, generated if missing)")
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each command; the best counts")
    p.add_argument("--profile", action="store_true", help="also cProfile the in-process split (top 25)")
    args = p.parse_args(argv)

    corpus = Path(args.corpus) if args.corpus else gen_corpus.default_corpus(args.projects)
    if not corpus.exists():
        gen_corpus.main(["--projects", str(args.projects), "-o", str(corpus)])

    xltools = [sys.executable, "-m", "xltools", "split", str(corpus), "--json"]
    floor = [sys.executable, str(HERE / "floor_split.py"), str(corpus)]
    print(f"machine: {platform.platform()}, {cpu_model()}, {os.cpu_count()} CPUs")
    print(f"python:  {sys.version.split()[0]} ({platform.python_implementation()}) {sys.executable}")
    print(f"corpus:  {corpus} ({corpus.stat().st_size / 1e6:.1f} MB)")
    where = run([sys.executable, "-c", "import xltools; print(xltools.__file__)"], subprocess.PIPE).stdout.decode()
    print(f"xltools: {Path(where.strip()).parent} (set PYTHONPATH to time another copy)")

    ours, theirs = records(xltools), records(floor)
    same_text, same_all = agreement(ours, theirs)
    n = len(ours)
    print(f"indicators: xltools {n}, floor {len(theirs)} ({'same count' if n == len(theirs) else 'COUNT DIFFERS'})")
    if not n:
        sys.exit("bench_split: xltools printed no records")
    print(
        f"floor agrees with xltools on levels/name/raw values in {same_text}/{n} records, "
        f"on every value field too in {same_all}/{n} (warnings not compared)"
    )

    startup = best_of([sys.executable, "-c", "pass"], args.repeat)
    t_x, t_f = best_of(xltools, args.repeat), best_of(floor, args.repeat)
    print(f"\nbest of {args.repeat}, wall clock incl. start-up (bare `python -c pass`: {startup:.3f} s)")
    print(f"  xltools split --json  {t_x:7.3f} s  {n / t_x:10,.0f} indicators/s")
    print(f"  floor_split.py        {t_f:7.3f} s  {n / t_f:10,.0f} indicators/s")
    ratio = t_x / t_f
    verdict = "meets the goal" if ratio <= GOAL else "ABOVE the goal"
    print(f"  ratio xltools/floor   {ratio:7.2f}×  (goal ≤ {GOAL}×: {verdict})")

    if args.profile:
        profile(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
