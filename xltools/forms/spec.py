"""The 申报表 layout as data: ``xltools/data/templates/<name>.json`` -> a frozen :class:`TemplateSpec`.

A spec names the title, every label and input cell (merged ranges in A1 notation), the
绩效指标 block (its header row, columns, how many rows a blank form has), column widths, row
heights, styles, page setup, the dropdown lists and which indicator frameworks feed the 一级 /
二级 dropdowns.  A province's variant is a new JSON file (``load_spec("path/to/guangdong.json")``),
not new code.  Pure: no openpyxl here.

>>> spec = load_spec()
>>> spec.title, spec.field("total").formula, spec.block.header_rows, spec.block.first_row
('项目支出绩效目标申报表', '=SUM({fiscal},{special},{other})', 2, 13)
>>> [c.key for c in spec.block.columns][:4]
['level1', 'level2', 'name', 'period.op']
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._vocab import FRAMEWORKS
from ..errors import InputError
from ..export.names import display_width

__all__ = [
    "BlockSpec",
    "CellSpec",
    "ColumnSpec",
    "PageSpec",
    "StyleSpec",
    "TemplateSpec",
    "ValidationSpec",
    "bounds",
    "col_index",
    "col_letter",
    "level_lists",
    "load_spec",
    "text_height",
]

SPEC_DIR = Path(__file__).parent.parent / "data" / "templates"
_RANGE = re.compile(r"^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$")


def col_index(letters: str) -> int:
    """``A`` → 1, ``AA`` → 27.

    >>> col_index("A"), col_index("J"), col_index("AA")
    (1, 10, 27)
    """
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letter(n: int) -> str:
    """1 → ``A``, 27 → ``AA``.

    >>> col_letter(1), col_letter(10), col_letter(27)
    ('A', 'J', 'AA')
    """
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def bounds(ref: str) -> tuple[int, int, int, int]:
    """``"C3:J3"`` → ``(min_col, min_row, max_col, max_row)``, 1-based.

    >>> bounds("C3:J3"), bounds("F5")
    ((3, 3, 10, 3), (6, 5, 6, 5))
    """
    m = _RANGE.match(ref)
    if not m:
        raise ValueError(f"not an A1 range: {ref!r}")
    c1, r1 = col_index(m.group(1)), int(m.group(2))
    c2, r2 = (col_index(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
    return min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """A named cell style: alignment, font, border, number format and the locked flag."""

    align: str = "center"
    valign: str = "center"
    wrap: bool = True
    bold: bool = False
    size: float | None = None
    border: bool = True
    locked: bool = True
    number_format: str = "General"
    rotation: int = 0  # 255: characters stacked top to bottom (a narrow vertical label)


@dataclass(frozen=True, slots=True)
class CellSpec:
    """A label (``text``) or an input (``field``, found again through its ``label``) over ``range``."""

    range: str
    style: str
    text: str | None = None
    field: str | None = None
    label: str | None = None
    formula: str | None = None

    @property
    def top_left(self) -> tuple[int, int]:
        c1, r1, _, _ = bounds(self.range)
        return c1, r1


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of the 绩效指标 block; ``key`` is ``level1``, ``name``, ``annual.number``…"""

    key: str
    column: str
    header: str
    style: str = "cell"
    group: str | None = None
    validation: str | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """The 绩效指标 block: a label column, header row(s), then one row per indicator."""

    label: str
    label_column: str
    label_style: str
    header_row: int
    header_style: str
    rows: int
    columns: tuple[ColumnSpec, ...]

    @property
    def header_rows(self) -> int:
        return 2 if any(c.group for c in self.columns) else 1

    @property
    def first_row(self) -> int:
        return self.header_row + self.header_rows

    @property
    def last_visible_column(self) -> int:
        return max(col_index(c.column) for c in self.columns if not c.hidden)


@dataclass(frozen=True, slots=True)
class ValidationSpec:
    """A dropdown: ``source`` is ``level1``, ``level2`` (dependent on ``depends_on``) or a list name."""

    source: str
    error_style: str = "stop"
    prompt: str | None = None
    depends_on: str | None = None


@dataclass(frozen=True, slots=True)
class PageSpec:
    paper: str = "A4"
    orientation: str = "portrait"
    fit_to_width: bool = True
    margins_cm: tuple[tuple[str, float], ...] = ()
    center_horizontally: bool = True


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """A whole 申报表 layout (see the module docstring and ``data/templates/standard.json``)."""

    id: str
    title: str
    sources: tuple[str, ...]
    sheet_name: str
    lists_sheet: str
    frameworks: tuple[str, ...] | None
    font_name: str
    font_size: float
    columns: tuple[tuple[str, float], ...]
    row_heights: tuple[tuple[int, float], ...]
    line_height: float
    min_row_height: float
    page: PageSpec
    styles: Mapping[str, StyleSpec]
    cells: tuple[CellSpec, ...]
    block: BlockSpec
    validations: Mapping[str, ValidationSpec]
    lists: Mapping[str, tuple[str, ...]]

    def field(self, key: str) -> CellSpec:
        for cell in self.cells:
            if cell.field == key:
                return cell
        raise KeyError(key)

    @property
    def fields(self) -> tuple[CellSpec, ...]:
        return tuple(c for c in self.cells if c.field)

    def label_cell(self, text: str) -> CellSpec | None:
        return next((c for c in self.cells if c.text == text), None)


def _build(data: dict[str, Any]) -> TemplateSpec:
    block = dict(data["block"])
    block["columns"] = tuple(ColumnSpec(**c) for c in block["columns"])
    page = dict(data.get("page", {}))
    page["margins_cm"] = tuple(page.get("margins_cm", {}).items())
    frameworks = data.get("frameworks")
    return TemplateSpec(
        id=data["id"],
        title=data["title"],
        sources=tuple(data.get("sources", ())),
        sheet_name=data["sheet_name"],
        lists_sheet=data["lists_sheet"],
        frameworks=tuple(frameworks) if frameworks else None,
        font_name=data["font"]["name"],
        font_size=float(data["font"]["size"]),
        columns=tuple((k, float(v)) for k, v in data["columns"].items()),
        row_heights=tuple((int(k), float(v)) for k, v in data.get("row_heights", {}).items()),
        line_height=float(data.get("line_height", 15)),
        min_row_height=float(data.get("min_row_height", 20)),
        page=PageSpec(**page),
        styles={k: StyleSpec(**v) for k, v in data["styles"].items()},
        cells=tuple(CellSpec(**c) for c in data["cells"]),
        block=BlockSpec(**block),
        validations={k: ValidationSpec(**v) for k, v in data.get("validations", {}).items()},
        lists={k: tuple(v) for k, v in data.get("lists", {}).items()},
    )


def load_spec(name_or_path: str | Path = "standard") -> TemplateSpec:
    """A bundled spec by name (``"standard"``) or a JSON file by path.

    Raises :class:`~xltools.errors.InputError` when the file is missing or not a valid spec.

    >>> load_spec("no-such-spec")
    Traceback (most recent call last):
    ...
    xltools.errors.InputError: no-such-spec: 找不到申报表模板 (template spec not found)
    """
    p = Path(name_or_path)
    if p.suffix.lower() != ".json":
        p = SPEC_DIR / f"{name_or_path}.json"
    if not p.is_file():
        raise InputError(f"{name_or_path}: 找不到申报表模板 (template spec not found)")
    try:
        return _build(json.loads(p.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(f"{p}: 申报表模板格式错误 (invalid template spec): {e}") from e


def level_lists(frameworks: tuple[str, ...] | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """``[(一级 name, (二级 names…)), …]`` from the indicator frameworks, 一级 names merged.

    >>> [name for name, _ in level_lists(("classic", "core2021"))]
    ['产出指标', '效益指标', '满意度指标', '成本指标']
    >>> dict(level_lists(("classic", "core2021")))["成本指标"]
    ('经济成本指标', '社会成本指标', '生态环境成本指标', '负作用成本指标')
    """
    merged: dict[str, list[str]] = {}
    for fw in FRAMEWORKS:
        if frameworks is not None and fw.id not in frameworks:
            continue
        for l1 in fw.level1:
            names = merged.setdefault(l1.name, [])
            names += [l2.name for l2 in l1.children if l2.name not in names]
    return [(k, tuple(v)) for k, v in merged.items()]


def text_height(spec: TemplateSpec, value: object, width: float) -> float:
    """Points a wrapped cell ``width`` characters wide needs for ``value`` (0 when empty).

    >>> spec = load_spec()
    >>> text_height(spec, "", 10), text_height(spec, "满意", 10), text_height(spec, "为" * 20, 11)
    (0.0, 21.0, 66.0)
    """
    if value is None or value == "":
        return 0.0
    text = f"{value:,.2f}" if isinstance(value, (int, float)) else str(value)
    usable = max(width - 1.0, 1.0)
    lines = sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))
    return lines * spec.line_height + 6
