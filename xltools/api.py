"""The application: what each command does, decided once.

Every door into xltools — the command line (:mod:`xltools.cli`), folder runs
(:mod:`xltools.batch`), the ribbon buttons (:mod:`xltools.excel.macros`) — calls these
functions, so the same input gives the same result whichever door it came through:

* :func:`load_table` — a file (or rows already read) to a :class:`PerformanceTable`; a table
  with no project is an error, never an empty success; a workbook xltools wrote itself is read
  back from its 绩效指标明细, not taken for a table to convert;
* :func:`check` — the findings and totals of a table;
* :func:`convert` — the structured workbook (项目汇总 / 绩效指标明细 / 校验结果 / 统计);
* :func:`join` — 绩效指标明细 or filled 申报表 back to the published layout;
* :func:`forms` / :func:`blank_form` — the 申报表;
* :func:`refuse_overwrite` — no planned output may land on an input.

Shells only turn arguments into calls and results into text, message boxes or exit codes.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, UsageError
from .findings import RULES, Finding

if TYPE_CHECKING:  # pragma: no cover
    from .join import Joined
from .model import PerformanceTable, SourceRow
from .totals import Totals

__all__ = [
    "Checked", "blank_form", "check", "check_file", "convert", "forms", "is_xltools_output", "join", "join_table", "joined_table",
    "load_table", "published_rows", "refuse_overwrite", "refuse_replacing",
]

#: The sheets of a workbook written by ``xltools convert`` that ``join`` (and :func:`load_table`) read back.
DETAIL_SHEET, SUMMARY_SHEET = "绩效指标明细", "项目汇总"


@dataclass(frozen=True, slots=True)
class Checked:
    """A table with its findings (check order: money per row, then each project) and its totals."""

    table: PerformanceTable
    findings: tuple[Finding, ...]
    totals: Totals

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def is_xltools_output(path: Path) -> bool:
    """A workbook ``xltools convert`` wrote: creator ``xltools`` in its document properties and a
    ``绩效指标明细`` sheet.  Such a file is read back through that sheet (:func:`load_table`), so
    ``check`` or a second ``convert`` over a folder of results never takes them for new tables."""
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml") if "docProps/core.xml" in z.namelist() else b""
            app = z.read("docProps/app.xml") if "docProps/app.xml" in z.namelist() else b""
            book = z.read("xl/workbook.xml") if "xl/workbook.xml" in z.namelist() else b""
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    made_by_us = b">xltools<" in core or b">xltools<" in app
    return made_by_us and DETAIL_SHEET.encode() in book and SUMMARY_SHEET.encode() in book


def _sheet(rows: Sequence[SourceRow], name: str) -> list[SourceRow]:
    return [r for r in rows if r.where == name or r.where.endswith("!" + name)]


def load_table(source: str | Path | Iterable[SourceRow], *, name: str = "") -> PerformanceTable:
    """The table of a file or of rows already read (``name`` says where they came from).

    Raises :class:`InputError` (exit 2) when the input cannot be read, or holds no project:
    a file in which nothing is recognised is an error, never an empty success.
    """
    from .io import read_rows
    from .table import read_table

    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(source)
        rows = read_rows(path)
        if path.suffix.lower() in (".xlsx", ".xlsm") and is_xltools_output(path):
            from .join import table_from_convert

            table = table_from_convert(_sheet(rows, DETAIL_SHEET), _sheet(rows, SUMMARY_SHEET), source=name)
            return _not_empty(table, name)
    else:
        rows = list(source)
    return _not_empty(read_table(rows, source=name), name)


def _not_empty(table: PerformanceTable, name: str) -> PerformanceTable:
    if not table.projects:
        raise InputError(f"{name or '输入'}: 表中没有项目行（只有表头、合计或小计），请确认选对了文件和工作表 "
                         "(no project rows: only a header, totals or subtotals; check the file and sheet)")
    return table


def check(table: PerformanceTable, *, tolerance: Decimal = Decimal(0), disabled: Iterable[str] = ()) -> Checked:
    """Reconcile the money and check every project; ``disabled`` rule ids are left out."""
    from .checks import check_table
    from .totals import compute_totals

    off = _options(tolerance, disabled)
    return Checked(table, tuple(check_table(table, tolerance=tolerance, disabled=off)), compute_totals(table))


def _options(tolerance: Decimal, disabled: Iterable[str]) -> tuple[str, ...]:
    off = tuple(disabled)
    unknown = sorted(set(off) - set(RULES))
    if unknown:
        raise UsageError(f"--disable {' '.join(unknown)}: 没有这条规则，用 xltools rules 查看全部规则 "
                         "(unknown rule id; `xltools rules` lists them)")
    if not tolerance.is_finite() or tolerance < 0:
        raise UsageError(f"--tolerance {tolerance}: 应为不小于 0 的数 (must be a number ≥ 0)")
    return off


#: A ``.csv`` at least this big is checked a row at a time (:func:`check_file`).
STREAM_BYTES = 8_000_000


def check_file(source: str | Path, *, tolerance: Decimal = Decimal(0), disabled: Iterable[str] = (),
               stream_bytes: int = STREAM_BYTES) -> Checked:
    """``xltools check FILE``: :func:`check` of :func:`load_table`.  A ``.csv`` of ``stream_bytes``
    or more is read a row at a time instead, each project checked as soon as it is complete and
    kept only as its counts and findings (:func:`xltools.checks.let_go`): the same findings and
    totals, with memory that follows the findings and the projects' names and money, not the
    file.  Whatever cannot be read so (forms, a unit stated below the rows it governs, another
    encoding) is read whole.  ``Checked.table`` is then for counting only: its cells are empty."""
    off = _options(tolerance, disabled)
    path = Path(source)
    if path.suffix.lower() == ".csv" and path.is_file() and path.stat().st_size >= stream_bytes:
        from .checks import let_go
        from .io import stream_rows
        from .layouts.published import Unsettled
        from .table import read_table_stream

        rows = stream_rows(path)
        try:
            table = read_table_stream(rows, source=str(source), settle=let_go) if rows is not None else None
        except Unsettled:
            table = None
        if table is not None:
            return check(_not_empty(table, str(source)), tolerance=tolerance, disabled=off)
    return check(load_table(source), tolerance=tolerance, disabled=off)


def refuse_overwrite(inputs: Iterable[str | Path], outputs: Iterable[str | Path]) -> None:
    """Raise :class:`InputError` when a planned output is an input (after resolving ``..``, links
    and, where both exist, the same file under another name).  Inputs are never written."""
    ins = [Path(p) for p in inputs if str(p) != "-"]
    for out in map(Path, outputs):
        for src in ins:
            same = out.resolve() == src.resolve()
            if not same and out.exists() and src.exists():
                try:
                    same = os.path.samefile(out, src)
                except OSError:
                    same = False
            if same:
                raise InputError(f"{out}: 输出文件不能覆盖输入文件 {src}，请换一个输出位置 "
                                 "(the output must not replace an input: choose another output path)")


def _core_properties(path: Path) -> dict[str, str]:
    import re

    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, KeyError):
        return {}
    return {m.group(1): m.group(2) for m in re.finditer(r"<(?:dc|cp):(creator|lastModifiedBy)>([^<]*)<", core)}


def refuse_replacing(output: str | Path, *, force: bool = False) -> None:
    """An existing output is replaced only when xltools wrote it and no one has saved it since
    (Excel, WPS and LibreOffice record who saved last); anything else — an edited result, someone's
    own workbook — is kept unless ``force``.  Raises :class:`InputError`.
    """
    path = Path(output)
    if force or not path.exists() or path.is_dir():
        return
    props = _core_properties(path)
    if props.get("creator") == "xltools" and props.get("lastModifiedBy", "xltools") in ("", "xltools"):
        return
    edited = "是 xltools 生成后又被修改保存过的文件" if props.get("creator") == "xltools" else "已存在，且不是 xltools 生成的文件"
    raise InputError(f"{path}: 输出文件{edited}，为免丢失修改未覆盖；请换一个输出文件名，或加 --force 覆盖 "
                     "(the output exists and was edited or is not xltools': choose another name, or add --force)")


def convert(source: str | Path, output: str | Path, *, force: bool = False) -> tuple[Checked, Path]:
    """``xltools convert FILE -o OUT.xlsx``: the structured workbook, written atomically."""
    from .export.convert import write_workbook

    refuse_overwrite([source], [output])
    refuse_replacing(output, force=force)
    checked = check(load_table(source))
    return checked, write_workbook(checked.table, output, list(checked.findings))


def join(source: str | Path, output: str | Path, *, force: bool = False) -> tuple[Joined, Path]:
    """``xltools join``: a converted workbook (its 绩效指标明细, edited, sorted or not) or filled
    申报表 (a workbook or a folder of them) back to the published layout; the findings say what
    could not be placed and which edits won."""
    from .export.published import write_published

    refuse_overwrite([source], [output])
    refuse_replacing(output, force=force)
    joined = join_table(source)
    return joined, write_published(joined.table, output)


def join_table(source: str | Path) -> Joined:
    """What :func:`join` publishes, without writing it: from a workbook with a 绩效指标明细
    sheet, or from filled 申报表 (a workbook or a folder of them)."""
    from .io import read_rows
    from .join import Joined

    path = Path(source)
    if not path.is_dir():
        rows = read_rows(path)
        if _sheet(rows, DETAIL_SHEET):
            return joined_table(rows, name=str(source))
    from .forms import read_forms

    return Joined(read_forms(path), ())


def joined_table(rows: Sequence[SourceRow], *, name: str = "") -> Joined:
    """The projects of the 绩效指标明细 sheet among ``rows``, placed by their 项目键, with money
    and goals from the 项目汇总 sheet written by ``convert``, or else from the table on the
    workbook's other sheets (the ribbon's 拆分指标 writes only 绩效指标明细 beside the user's table)."""
    from .join import join_detail

    detail, summary = _sheet(rows, DETAIL_SHEET), _sheet(rows, SUMMARY_SHEET)
    if summary:
        return join_detail(detail, summary, source=name)
    own = {DETAIL_SHEET, SUMMARY_SHEET, "校验结果", "统计", "绩效指标（合并）"}
    others = [r for r in rows if r.where.rsplit("!", 1)[-1] not in own]
    try:
        table = load_table(others, name=name) if others else None
    except InputError:
        table = None
    return join_detail(detail, table if table is not None else (), source=name)


def published_rows(table: PerformanceTable) -> list[list[object]]:
    """The published layout as rows (header, 合计, subtotals, projects) — what ``join`` writes and
    what the ribbon's 合并指标 puts on its sheet: :func:`xltools.export.published.published_rows`."""
    from .export.published import published_rows as rows

    return rows(table)


def forms(source: str | Path | PerformanceTable, output: str | Path, *, spec: str | Path = "standard",
          split: bool = False, force: bool = False) -> list[Path]:
    """``xltools template INPUT``: one filled 申报表 per project (sheets of one workbook, or files)."""
    from .forms import form_files, load_spec, write_forms

    out = Path(output)
    if split and out.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise UsageError(f"{out}: 加 --split 时 -o 是文件夹（每个项目一个文件），不是 .xlsx 文件 "
                         "(with --split, -o names a folder, one workbook per project)")
    if not split and out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: -o 应是 .xlsx 文件；要每个项目一个文件请加 --split "
                         "(-o must name an .xlsx workbook; add --split for one file per project)")
    table = source if isinstance(source, PerformanceTable) else load_table(source)
    planned = form_files(table, out) if split else [out]
    if not isinstance(source, PerformanceTable):
        refuse_overwrite([source], planned)
    for path in planned:
        refuse_replacing(path, force=force)
    return write_forms(table, out, load_spec(spec), split=split)


def blank_form(output: str | Path, *, spec: str | Path = "standard") -> Path:
    """``xltools template --blank``: the empty 申报表 with its dropdowns."""
    from .forms import load_spec, write_blank

    return write_blank(output, load_spec(spec))
