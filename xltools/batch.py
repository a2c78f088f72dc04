"""Batch conversion: files, folders and globs in; one output per input; a bad file never stops
the batch.  Workers are separate processes (``--jobs``); every output appears atomically;
inputs whose outputs are newer are skipped unless ``force``.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .errors import XltoolsError
from .io import INPUT_SUFFIXES

__all__ = ["INPUT_SUFFIXES", "FileResult", "collect_inputs", "convert_file", "output_plan", "run_batch", "write_csv"]



@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input."""

    source: str
    status: str  # "ok" | "skipped" | "failed"
    outputs: tuple[str, ...] = ()
    projects: int = 0
    indicators: int = 0
    findings: int = 0
    seconds: float = 0.0
    error: str | None = None
    exit: int = 0  # the failed file's exit code: 2 unreadable input, 4 output not writable, 3 internal
    merged: dict[str, list[list[Any]]] | None = field(default=None, compare=False, repr=False)


def collect_inputs(paths: Sequence[str]) -> tuple[list[tuple[Path, Path]], list[str]]:
    """``(file, root)`` pairs for every input (folders recursively, globs expanded) and the
    arguments that matched nothing.  Office lock files (``~$…``) and hidden files are skipped."""
    found: dict[Path, Path] = {}
    missing: list[str] = []
    for arg in paths:
        p = Path(arg)
        matches = [Path(m) for m in sorted(glob.glob(arg, recursive=True))] if glob.has_magic(arg) else [p]
        hits = 0
        for m in matches:
            if m.is_dir():
                for f in sorted(m.rglob("*")):
                    if _wanted(f):
                        found.setdefault(f, m)
                        hits += 1
            elif m.is_file() and (_wanted(m) or not glob.has_magic(arg)):
                found.setdefault(m, m.parent)
                hits += 1
        if not hits:
            missing.append(arg)
    return list(found.items()), missing


def _wanted(f: Path) -> bool:
    return f.is_file() and f.suffix.lower() in INPUT_SUFFIXES and not f.name.startswith(("~$", ".")) and not any(
        part.startswith(".") for part in f.parts[:-1] if part not in (".", "..")
    )


def output_plan(inputs: Sequence[tuple[Path, Path]], outdir: Path, fmt: str) -> list[list[Path]]:
    """The outputs of each input, mirrored under ``outdir`` by its path below its root;
    ``a.csv`` and ``a.xlsx`` in one folder become ``a_csv…`` and ``a_xlsx…``.

    >>> inputs = [(Path("in/a.csv"), Path("in")), (Path("in/x/b.xlsx"), Path("in"))]
    >>> [[p.as_posix() for p in o] for o in output_plan(inputs, Path("out"), "xlsx")]
    [['out/a.xlsx'], ['out/x/b.xlsx']]
    >>> same = [(Path("a/x.xlsx"), Path("a")), (Path("b/x.xlsx"), Path("b"))]  # never one output for two inputs
    >>> [[p.as_posix() for p in o] for o in output_plan(same, Path("out"), "xlsx")]
    [['out/x_xlsx.xlsx'], ['out/x_xlsx_b.xlsx']]
    """
    bases = []
    for src, root in inputs:
        rel = src.relative_to(root) if src.is_relative_to(root) else Path(src.name)
        bases.append(outdir / rel.parent / rel.stem)
    taken: dict[Path, int] = {}
    for b in bases:
        taken[b] = taken.get(b, 0) + 1
    plan = []
    used: set[Path] = set()
    for (src, _), base in zip(inputs, bases):
        if taken[base] > 1:
            base = base.with_name(f"{base.name}_{src.suffix.lower().lstrip('.')}")
        if base in used:  # the same name from another folder (a/x.xlsx b/x.xlsx): name the folder, then count
            named = base.with_name(f"{base.name}_{src.parent.name or 'input'}")
            n, base = 2, named
            while base in used:
                base, n = named.with_name(f"{named.name}({n})"), n + 1
        used.add(base)
        if fmt == "xlsx":
            plan.append([base.with_name(base.name + ".xlsx")])
        else:
            plan.append([base.with_name(f"{base.name}.projects.{fmt}"), base.with_name(f"{base.name}.indicators.{fmt}")])
    return plan


def _up_to_date(src: Path, outs: Sequence[Path]) -> bool:
    try:
        mtime = src.stat().st_mtime
        return all(o.exists() and o.stat().st_mtime >= mtime for o in outs)
    except OSError:
        return False


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """UTF-8 with BOM (Chinese Excel opens it right), formula-looking cells neutralised, atomic."""
    from .atomic import atomic_path
    from .export.injection import text_prefixed

    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for row in rows:
                w.writerow(["" if v is None else text_prefixed(v) for v in row])
    return path


def write_jsonl(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    from .atomic import atomic_path
    from .export.records import json_number

    def plain(v: object) -> object:
        from decimal import Decimal

        return json_number(v) if isinstance(v, Decimal) else v

    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps({h: plain(v) for h, v in zip(header, row)}, ensure_ascii=False) + "\n")
    return path


def convert_file(src: str, outs_: Sequence[str], fmt: str, force: bool, merge: bool) -> FileResult:
    """Convert one input (runs in a worker process) through :mod:`xltools.api`; never raises."""
    from .api import check, load_table
    from .detail import DETAIL_HEADERS
    from .export.convert import SUMMARY_HEADERS, detail_rows, summary_rows, write_workbook

    start = time.perf_counter()
    path = Path(src)
    outs = [Path(o) for o in outs_]
    if not force and not merge and _up_to_date(path, outs):
        return FileResult(src, "skipped", tuple(map(str, outs)), seconds=time.perf_counter() - start)
    try:
        checked = check(load_table(path, name=src))
        table, findings = checked.table, list(checked.findings)
        if fmt == "xlsx":
            write_workbook(table, outs[0], findings)
        else:
            writer = write_csv if fmt == "csv" else write_jsonl
            writer(outs[0], SUMMARY_HEADERS, summary_rows(table, findings))
            writer(outs[1], DETAIL_HEADERS, detail_rows(table))
        merged = {"projects": summary_rows(table, findings), "indicators": detail_rows(table)} if merge else None
        return FileResult(src, "ok", tuple(map(str, outs)), len(table.projects), table.indicator_count, len(findings),
                          time.perf_counter() - start, merged=merged)
    except XltoolsError as e:
        return FileResult(src, "failed", seconds=time.perf_counter() - start, error=str(e), exit=e.exit_code)
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch
        return FileResult(src, "failed", seconds=time.perf_counter() - start, error=f"{src}: {type(e).__name__}: {e}",
                          exit=3)


class Progress:
    """Files done, indicators, rate and ETA: a tqdm bar on a terminal, plain lines otherwise (a log,
    a pipe, CI).  :meth:`close` ends the bar's line."""

    def __init__(self, total: int, stream: TextIO, *, tty: bool | None = None) -> None:
        self.total, self.stream, self.done, self.indicators = total, stream, 0, 0
        self.tty = stream.isatty() if tty is None else tty
        self.bar: Any = None
        if self.tty:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="文件", desc="转换", dynamic_ncols=True, leave=True,
                            bar_format="{desc} {bar} {n_fmt}/{total_fmt} 个文件{postfix} · {rate_fmt} · 剩余 {remaining}")
            self.bar.set_postfix_str("0 个指标", refresh=False)

    def update(self, result: FileResult) -> None:
        self.done += 1
        self.indicators += result.indicators
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.indicators:,} 个指标", refresh=False)
            self.bar.update(1)
            if self.done == self.total:
                self.close()
            return
        label = {"ok": "完成", "skipped": "跳过", "failed": "失败"}[result.status]
        self.stream.write(f"[{self.done}/{self.total}] {label} {result.source}"
                          f"{'' if result.status != 'failed' else ' — ' + str(result.error)}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def run_batch(
    inputs: Sequence[tuple[Path, Path]],
    outdir: Path,
    *,
    fmt: str = "xlsx",
    jobs: int | None = None,
    force: bool = False,
    merge: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Convert every input; results in input order."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    plan = output_plan(inputs, outdir, fmt)
    tasks = [(str(src), [str(o) for o in outs], fmt, force, merge) for (src, _), outs in zip(inputs, plan)]
    results: dict[str, FileResult] = {}
    if jobs == 1 or len(tasks) == 1:
        for t in tasks:
            results[t[0]] = r = convert_file(*t)
            if progress:
                progress(r)
    else:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)))
        try:
            futures = {pool.submit(convert_file, *t): t[0] for t in tasks}
            for fut in as_completed(futures):
                results[futures[fut]] = r = fut.result()
                if progress:
                    progress(r)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # running files finish (atomically); queued ones never start
            raise
        pool.shutdown()
    return [results[t[0]] for t in tasks]


def summary_table(results: Sequence[FileResult], stream: TextIO) -> None:
    from .export.names import display_width

    def pad(text: str, width: int) -> str:
        return text + " " * max(0, width - display_width(text))

    names = [r.source for r in results]
    width = min(max([display_width(n) for n in names] + [4]), 60)
    stream.write(f"\n{pad('文件 file', width)}  {'项目':>6} {'指标':>7} {'问题':>6} {'秒':>7}  状态\n")
    for r in results:
        status = {"ok": "完成 ok", "skipped": "跳过 skipped (已是最新)", "failed": "失败 failed"}[r.status]
        stream.write(f"{pad(r.source, width)}  {r.projects:>6} {r.indicators:>7} {r.findings:>6} {r.seconds:>7.2f}  {status}\n")
    failed = [r for r in results if r.status == "failed"]
    if failed:
        stream.write(f"\n{len(failed)} 个文件失败 failed:\n")
        for r in failed:
            stream.write(f"  {r.error}\n")


def write_report(results: Sequence[FileResult], path: Path) -> None:
    from .atomic import atomic_path

    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8") as f:
            for r in results:
                rec = asdict(r)
                rec.pop("merged", None)
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def write_merged(results: Sequence[FileResult], path: Path) -> Path:
    """Every project and indicator of every converted input in one workbook, with a 来源文件 column
    (:func:`xltools.export.convert.write_merged`: xlsxwriter, printed like ``convert``'s sheets)."""
    from .export.convert import write_merged as write

    return write([(res.source, res.merged or {}) for res in results], path)


def exit_code(results: Sequence[FileResult]) -> int:
    """0 all converted (or up to date), 1 some failed; when all failed, their exit code (2 none
    could be read, 4 no output could be written — the worst when they differ)."""
    failed = [r for r in results if r.status == "failed"]
    if not results:
        return 2
    if len(failed) == len(results):
        return max(r.exit or 2 for r in failed)
    return 1 if failed else 0
