"""The table model: what every reader produces and every writer consumes.

Every reader yields :class:`SourceRow` (cells as text, and where they came from); the table
reader turns them into a :class:`PerformanceTable`, which is a sequence of :class:`ProjectRow` (projects, placeholders, unit
subtotals and the 合计) with the money unit and where it came from.  Money is ``Decimal``;
:data:`MONEY_KEYS` names the four money columns everywhere (readers, checks, writers, forms).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, overload

from .values import VALUE_WARNINGS, TargetValue

__all__ = [
    "FIELDS",
    "MONEY_KEYS",
    "MONEY_LABELS",
    "MONEY_SOURCES",
    "WARNINGS",
    "CheckedCell",
    "Indicator",
    "ParseWarning",
    "ParsedCell",
    "PerformanceTable",
    "ProjectRow",
    "SourceRow",
    "column_letter",
]

#: The money columns, in the published order: 总计 / 财政拨款 / 财政专户拨款 / 其他资金.
MONEY_KEYS = ("total", "fiscal", "special", "other")
#: The sources that make up the total (总计 = 财政拨款 + 财政专户拨款 + 其他资金).
MONEY_SOURCES = MONEY_KEYS[1:]
#: Their Chinese column names, as the published layout and every output spell them.
MONEY_LABELS = {"total": "总计", "fiscal": "财政拨款", "special": "财政专户拨款", "other": "其他资金"}


# --- indicators: what a 绩效指标 cell holds -------------------------------------------------

#: Warning codes and their Chinese messages (shown to finance staff as they are).
WARNINGS: dict[str, str] = {
    "empty": "绩效指标为空",
    "placeholder": "绩效指标为“{text}”，没有具体指标",
    "lead_text": "第一个指标前有未识别的文字：{text}",
    "remainder": "未识别的文字：{text}",
    "no_level": "缺少一级、二级指标",
    "no_name": "缺少三级指标名称",
    "no_value": "缺少指标值",
    "extra_value": "多余的指标值：{text}",
    "l1_unknown": "一级指标“{name}”不在指标体系中",
    "l2_unknown": "二级指标“{name}”不在指标体系中",
    "l1_code_mismatch": "一级指标代码“{code}”与名称“{name}”不符（体系中为“{expected}”）",
    "l2_code_mismatch": "二级指标代码“{code}”与名称“{name}”不符（体系中为“{expected}”）",
    "l2_parent_mismatch": "二级指标“{level2}”属于“{parent}”，却写在一级指标“{level1}”下",
    "seq_gap": "序号不连续：{prev} 之后是 {seq}",
    **VALUE_WARNINGS,
}


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A warning code (see :data:`WARNINGS`) and its Chinese message."""

    code: str
    message: str

    @classmethod
    def of(cls, key: str, /, **fmt: object) -> ParseWarning:
        return cls(key, WARNINGS[key].format(**fmt))

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


FIELDS = ("seq", "level1_code", "level1", "level2_code", "level2", "name", "period", "annual")


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator (三级指标) with its levels and values.

    ``raw`` is the item as it stands in the normalised cell; ``inferred`` names the fields that
    were not written but filled from the framework (a code from its name or the reverse);
    ``remainder`` holds text no field took; ``layout`` is the item's punctuation and labels
    with ``{field}`` placeholders (see :func:`format_indicator`); ``extra`` keeps columns of a
    one-row-per-indicator export that have no field here (权重, 指标方向性).
    """

    seq: int | None
    level1_code: str | None
    level1: str | None
    level2_code: str | None
    level2: str | None
    name: str
    period: TargetValue | None
    annual: TargetValue | None
    raw: str = ""
    warnings: tuple[ParseWarning, ...] = ()
    inferred: frozenset[str] = frozenset()
    remainder: tuple[str, ...] = ()
    layout: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def remainder_text(self) -> str:
        return "".join(self.remainder)


@dataclass(frozen=True, slots=True)
class ParsedCell(Sequence[Indicator]):
    """What :func:`parse_indicators` returns: a sequence of indicators plus the cell's
    original ``raw`` text, its canonical ``text``, text before the first item (``lead``) and
    cell-level ``warnings``."""

    raw: str
    text: str
    indicators: tuple[Indicator, ...] = ()
    lead: str = ""
    warnings: tuple[ParseWarning, ...] = ()

    @overload
    def __getitem__(self, i: int) -> Indicator: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Indicator]: ...
    def __getitem__(self, i: int | slice) -> Indicator | Sequence[Indicator]:
        return self.indicators[i]

    def __len__(self) -> int:
        return len(self.indicators)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    @property
    def remainder(self) -> str:
        """All text no field took: the lead and every item's remainder."""
        return self.lead + "".join(i.remainder_text for i in self.indicators)

    @property
    def all_warnings(self) -> tuple[ParseWarning, ...]:
        return self.warnings + tuple(w for i in self.indicators for w in i.warnings)

    @property
    def filled(self) -> bool:
        """Whether the cell says anything (a row with 绩效指标 text is filled in)."""
        return bool(self.text)


@dataclass(frozen=True, slots=True)
class CheckedCell(ParsedCell):
    """A 绩效指标 cell already checked and let go: how many indicators it held and what
    :func:`xltools.checks.content_findings` found in them, without the text or the indicators.

    ``xltools check`` of a big text file reads its rows one at a time and keeps each project only
    in this form (:func:`xltools.api.check_file`), so memory follows the findings, not the
    input.  Such a table is for the check's counts and findings only: its cells are empty.
    """

    held: int = 0  # indicators
    findings: tuple[Any, ...] = ()  # Finding (xltools.findings imports this module)

    def __len__(self) -> int:
        return self.held

    @property
    def filled(self) -> bool:
        return True


# --- rows and tables --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of a source: its cells (text, or ``None`` for an empty cell) and its location.

    ``where`` is the file (text dumps, CSV) or ``"file!Sheet"`` (workbooks); ``row`` the 1-based
    line, record or sheet row; ``line`` the text line a CSV record starts on when that differs
    from ``row`` (a quoted cell spans several lines).  ``hidden``: a worksheet row hidden in Excel
    (by hand or by a filter) — read like any other, and counted so the user is told.
    :meth:`cell` names one cell for a message.

    >>> SourceRow(("a", None), "t.xlsx!Sheet1", 5, is_sheet=True).cell(1)
    't.xlsx!Sheet1!B5'
    >>> SourceRow(("a",), "seed.txt", 12).cell(0)
    'seed.txt:12 (第1列)'
    >>> SourceRow(("a",), "t.csv", 3, line=7).location
    't.csv:3 (文本第7行起)'
    """

    cells: tuple[str | None, ...]
    where: str
    row: int
    is_sheet: bool = False
    line: int | None = None
    hidden: bool = False

    def cell(self, col: int) -> str:
        if self.is_sheet:
            return f"{self.where}!{column_letter(col)}{self.row}"
        return f"{self.location} (第{col + 1}列)"

    @property
    def location(self) -> str:
        if self.is_sheet:
            return f"{self.where}!{self.row}"
        return f"{self.where}:{self.row}" + (f" (文本第{self.line}行起)" if self.line else "")


def column_letter(col: int) -> str:
    """0 → ``A``, 26 → ``AA``.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One data row: a project, a placeholder, a unit subtotal or the grand total (合计).

    Money is ``Decimal`` (``None`` for an empty cell); a cell that is not an amount is listed
    in ``money_errors`` as ``(key, text)``.  ``cells`` names the location of every mapped cell.

    Where the row belongs, for reconciliation (set by the table reader; the defaults describe a
    single table read by position):

    * ``table_index``: which table of the source (0, 1, …: one per sheet, and a new one where a
      sheet starts another table under its own title or 合计); each table's 合计 is checked
      against that table's projects only.
    * ``block``: the unit block — on a subtotal, its own block number; on a project, the number
      of the subtotal it belongs to (before or after it); ``None``: in no block.  When no row of a
      table has a block, a subtotal's block is the projects that follow it.
    * ``columns_missing``: needed columns its table's header lacks (``"indicators"``: the
      绩效指标 column) — one ``column_missing`` finding for the table says so, instead of a
      ``no_indicators`` per project.
    """

    kind: str
    name: str
    total: Decimal | None
    fiscal: Decimal | None
    special: Decimal | None
    other: Decimal | None
    goal: str
    indicators: ParsedCell
    location: str
    cells: dict[str, str] = field(default_factory=dict, compare=False)
    money_errors: tuple[tuple[str, str], ...] = ()
    unit_name: str | None = None
    source: SourceRow | None = field(default=None, compare=False, repr=False)
    columns: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    table_index: int = 0
    block: int | None = None
    columns_missing: tuple[str, ...] = ()

    def amount(self, key: str) -> Decimal | None:
        value: Decimal | None = getattr(self, key)
        return value

    def where(self, key: str) -> str:
        """Location of one cell of the row (``seed.txt:12 (第7列)``, ``a.xlsx!Sheet1!G12``)."""
        if key in self.cells:
            return self.cells[key]
        if self.source is not None and key in self.columns:
            return self.source.cell(self.columns[key])
        return self.location


@dataclass(frozen=True, slots=True)
class PerformanceTable:
    """A whole 绩效目标表: rows in order, the money unit as stated, where it came from."""

    source: str
    rows: tuple[ProjectRow, ...]
    unit: str = "万元"
    unit_stated: bool = False
    layout: str = "cell"  # "cell": one row per project; "rows": one row per indicator
    title: str | None = None
    department: str | None = None
    #: rows hidden in Excel that were read like the others: ``(sheet, row number)`` (reported, never dropped)
    hidden_rows: tuple[tuple[str, int], ...] = ()

    @property
    def projects(self) -> tuple[ProjectRow, ...]:
        """Projects and placeholders (a placeholder is a project whose content is 略)."""
        return tuple(r for r in self.rows if r.kind in ("project", "placeholder"))

    @property
    def indicator_count(self) -> int:
        return sum(len(r.indicators) for r in self.projects)
