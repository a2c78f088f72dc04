"""Benchmark ``xltools convert`` against the floor (``floor_convert.py``), and ``--jobs``.

Usage::

    python benchmarks/bench_convert.py                # 10,000 projects (~50,000 indicators)
    python benchmarks/bench_convert.py --repeat 5 --projects 2000
    python benchmarks/bench_convert.py --folder       # 200 seed-sized workbooks, --jobs 1 vs --jobs 2
    python benchmarks/bench_convert.py --profile      # plus cProfile of the in-process convert

Generates the inputs with ``gen_workbooks.py`` if they are missing (in a child process), then
times, best of ``--repeat`` wall-clock runs each, taken in turn (interpreter start-up included)::

    python -m xltools convert BIG.xlsx -o benchmarks/out/convert_xltools.xlsx
    python benchmarks/floor_convert.py BIG.xlsx benchmarks/out/convert_floor.xlsx

and the floor again with ``--in-memory`` (xlsxwriter keeping the cells in memory with shared
strings, as xltools must to write Excel Tables: faster than ``constant_memory``), and prints
all three, the ratios xltools/floor against the goal (≤ 1.5×, issue #12) and the peak RSS of every run.
Each run is a fresh child waited for with ``os.wait4``, whose ``ru_maxrss`` is that child's own
peak (``RUSAGE_CHILDREN`` would be the largest of all children so far).  Linux counts into it the
memory of the process that started the child (at ``exec``), so this script stays small itself:
it imports neither xltools nor the writers, and prints its own peak as the measuring floor.
One extra untimed step counts the cells of both outputs, sheet by sheet, so the comparison is
seen to be fair.  ``--folder`` times ``xltools convert FOLDER -o OUTDIR --jobs 1`` and
``--jobs 2`` (the output folder is emptied before every run) and prints the speed-up (goal
close to 2× on 2 CPUs) beside what two pure-CPU processes gain on the machine (its ceiling).
The ``xltools`` timed is the one ``python -m xltools`` imports; set ``PYTHONPATH`` to time
another copy (say a ``git archive HEAD`` snapshot).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
GOAL = 1.5  # issue #12 raised it from 2×
RSS_GOAL_MIB = 400  # ≤ 400 MB on 10,000 projects (issue #12)
COUNT_CELLS = """
import json, sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
print(json.dumps({n: sum(1 for row in wb.get_sheet_by_name(n).to_python() for v in row if v != "")
                  for n in wb.sheet_names}, ensure_ascii=False))
"""


def default_big(n_projects: int) -> Path:  # as gen_workbooks.default_big, without importing it
    name = f"workbook_{n_projects // 1000}k" if n_projects % 1000 == 0 else f"workbook_{n_projects}"
    return OUT / f"{name}.xlsx"


def own_peak_mib() -> float:
    with contextlib.suppress(OSError, StopIteration):
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    return 0.0


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one fresh run of ``cmd``; stops the benchmark if it failed."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=HERE)  # not cwd: -m would import ./xltools
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):  # 1: done, with findings or some files failed
            err.seek(0)
            sys.exit(f"bench_convert: `{' '.join(cmd)}` failed ({proc.returncode}):\n{err.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def best_of(cmd: list[str], repeat: int, before: list[Path] | None = None) -> tuple[float, list[float]]:
    """Best wall time of ``repeat`` runs and the peak RSS of each run; ``before``: paths removed first."""
    times, peaks = [], []
    for _ in range(repeat):
        for path in before or []:
            shutil.rmtree(path, ignore_errors=True)
        seconds, peak = timed(cmd)
        times.append(seconds)
        peaks.append(peak)
    return min(times), peaks


def interleaved(cmds: list[list[str]], repeat: int) -> list[tuple[float, list[float]]]:
    """:func:`best_of` for several commands, run in turn (a, b, c, a, b, c, …) so that a slow
    spell of a shared machine does not fall on one command only."""
    runs: list[list[tuple[float, float]]] = [[] for _ in cmds]
    for _ in range(repeat):
        for cmd, done in zip(cmds, runs):
            done.append(timed(cmd))
    return [(min(t for t, _ in done), [p for _, p in done]) for done in runs]


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def ensure(path: Path, gen_args: list[str]) -> None:
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "gen_workbooks.py"), *gen_args], check=True, cwd=HERE)


def header(inputs: str) -> None:
    print(f"machine: {platform.platform()}, {cpu_model()}, {os.cpu_count()} CPUs")
    print(f"python:  {sys.version.split()[0]} ({platform.python_implementation()}) {sys.executable}")
    print(f"input:   {inputs}")
    where = subprocess.run([sys.executable, "-c", "import xltools; print(xltools.__file__)"],
                           capture_output=True, text=True, cwd=HERE)
    print(f"xltools: {Path(where.stdout.strip()).parent} (set PYTHONPATH to time another copy)")


def peaks_text(peaks: list[float]) -> str:
    return ", ".join(f"{p:.0f}" for p in peaks) + " MiB"


def cell_counts(path: Path) -> dict[str, int]:
    import json

    done = subprocess.run([sys.executable, "-c", COUNT_CELLS, str(path)], capture_output=True, text=True, check=True)
    counts: dict[str, int] = json.loads(done.stdout)
    return counts


def bench_big(args: argparse.Namespace) -> int:
    big = Path(args.workbook) if args.workbook else default_big(args.projects)
    if not args.workbook:
        ensure(big, ["--only", "big", "--projects", str(args.projects)])
    ours_out, floor_out = OUT / "convert_xltools.xlsx", OUT / "convert_floor.xlsx"
    xltools = [sys.executable, "-m", "xltools", "convert", str(big), "-o", str(ours_out)]
    floor = [sys.executable, str(HERE / "floor_convert.py"), str(big), str(floor_out)]
    floor_mem = [*floor, "--in-memory"]
    header(f"{big} ({big.stat().st_size / 1e6:.1f} MB)")

    startup, _ = best_of([sys.executable, "-c", "pass"], args.repeat)
    (t_x, rss_x), (t_f, rss_f), (t_m, rss_m) = interleaved([xltools, floor, floor_mem], args.repeat)
    print(f"\nbest of {args.repeat}, wall clock incl. start-up (bare `python -c pass`: {startup:.3f} s)")
    print(f"  {'':30} {'seconds':>8}   peak RSS of each run")
    print(f"  {'xltools convert':30} {t_x:8.2f}   {peaks_text(rss_x)}")
    print(f"  {'floor_convert.py':30} {t_f:8.2f}   {peaks_text(rss_f)}")
    print(f"  {'floor_convert.py --in-memory':30} {t_m:8.2f}   {peaks_text(rss_m)}")
    for label, t in (("floor", t_f), ("floor --in-memory", t_m)):
        ratio = t_x / t
        verdict = "meets the goal" if ratio <= GOAL else "ABOVE the goal"
        print(f"  ratio xltools/{label:17}  {ratio:7.2f}×  (goal ≤ {GOAL:g}×: {verdict})")
    peak = max(rss_x)
    verdict = "ok" if peak <= RSS_GOAL_MIB else "ABOVE"
    print(f"  peak RSS xltools               {peak:8.0f} MiB (goal ≤ {RSS_GOAL_MIB} MiB: {verdict})")
    print(f"  (this script's own peak, which a child's figure may include: {own_peak_mib():.0f} MiB)")

    ours, theirs = cell_counts(ours_out), cell_counts(floor_out)
    print("\nnon-empty cells written (read back with python-calamine):")
    for sheet in dict.fromkeys([*ours, *theirs]):
        print(f"  {sheet:10} xltools {ours.get(sheet, 0):>9,}   floor {theirs.get(sheet, 0):>9,}")
    print(f"  {'total':10} xltools {sum(ours.values()):>9,}   floor {sum(theirs.values()):>9,}")

    if args.profile:
        profile(big, ours_out)
    return 0


SPIN = "s = 0\nfor i in range(10_000_000): s += i"  # about a second of pure CPU


def parallel_ceiling(repeat: int) -> float:
    """What 2 processes get done together against one after the other, on pure CPU work:
    the most ``--jobs 2`` can gain on this machine (2.0 on two free cores; less on hyper-threads
    or a shared VM)."""
    spin = [sys.executable, "-c", SPIN]
    serial, parallel = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(2):
            subprocess.run(spin, check=True)
        serial.append(time.perf_counter() - start)
        start = time.perf_counter()
        procs = [subprocess.Popen(spin) for _ in range(2)]
        for proc in procs:
            proc.wait()
        parallel.append(time.perf_counter() - start)
    return min(serial) / min(parallel)


def bench_folder(args: argparse.Namespace) -> int:
    folder = Path(args.workbook) if args.workbook else OUT / f"folder_{args.files}"
    if not args.workbook:
        ensure(folder, ["--only", "folder", "--files", str(args.files)])
    files = sorted(folder.glob("*.xlsx"))
    header(f"{folder}/ ({len(files)} workbooks)")
    help_text = subprocess.run([sys.executable, "-m", "xltools", "convert", "--help"], capture_output=True, text=True, cwd=HERE)
    if "--jobs" not in help_text.stdout:
        print("\n`xltools convert` has no --jobs option yet (xltools/cli.py, xltools/batch.py): nothing to time.")
        return 2
    results = {}
    for jobs in (1, 2):
        outdir = OUT / f"folder_converted_j{jobs}"
        cmd = [sys.executable, "-m", "xltools", "convert", str(folder), "-o", str(outdir), "--jobs", str(jobs)]
        results[jobs] = best_of(cmd, args.repeat, before=[outdir])
    print(f"\nbest of {args.repeat}, wall clock incl. start-up; output folder emptied before each run")
    print(f"  {'':24} {'seconds':>8} {'files/s':>8}   peak RSS of each run (largest process)")
    for jobs, (seconds, peaks) in results.items():
        print(f"  {f'--jobs {jobs}':24} {seconds:8.2f} {len(files) / seconds:8.1f}   {peaks_text(peaks)}")
    speedup = results[1][0] / results[2][0]
    print(f"  speed-up --jobs 2        {speedup:8.2f}×  (goal close to 2× on {os.cpu_count()} CPUs)")
    ceiling = parallel_ceiling(args.repeat)
    print(f"  this machine's ceiling   {ceiling:8.2f}×  (2 processes of pure-CPU Python together vs one after the other)")
    return 0


def profile(big: Path, out: Path, top: int = 30) -> None:
    import cProfile
    import io
    import pstats

    from xltools.cli import main as xltools_main

    prof = cProfile.Profile()
    with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null):
        prof.runcall(xltools_main, ["convert", str(big), "-o", str(out)])
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(top)
    print(f"\ncProfile of in-process `xltools convert {big.name}`, top {top} by cumulative time:")
    print(text.getvalue())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="benchmark xltools convert against the floor, and --jobs")
    p.add_argument("--projects", type=int, default=10_000, help="projects of the big workbook (default 10000)")
    p.add_argument("--files", type=int, default=200, help="workbooks in the folder (--folder; default 200)")
    p.add_argument("--workbook", help="time this workbook (or, with --folder, this folder) instead of a generated one")
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each command; the best counts")
    p.add_argument("--folder", action="store_true", help="time a folder with --jobs 1 and --jobs 2 instead")
    p.add_argument("--profile", action="store_true", help="also cProfile the in-process convert (top 30)")
    args = p.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    return bench_folder(args) if args.folder else bench_big(args)


if __name__ == "__main__":
    sys.exit(main())
