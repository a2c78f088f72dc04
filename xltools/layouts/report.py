"""What a reader recognised where: the data of ``xltools inspect`` (plain frozen dataclasses).

Per sheet: the layout family, the row ranges of its parts, every header with its column
mapping (column letter -> field), the label cells used, the rows skipped and why, and — when
nothing was recognised — what was seen.  :meth:`Inspection.to_json` gives plain dicts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..findings import Finding, finding

__all__ = ["FAMILIES", "FIELD_NAMES", "HeaderUse", "Inspection", "LabelUse", "Part", "SheetInspection", "Skip"]

#: Layout families and what they are (Chinese, for ``inspect``).
FAMILIES = {
    "cell": "一行一个项目，绩效指标在一格（公开表）",
    "rows": "一行一个指标（预算系统导出）",
    "form": "每个项目一张表（申报表/批复表）",
    "department": "部门（单位）整体支出绩效目标表",
    "region": "区域（转移支付）绩效目标表",
    "self_eval": "绩效自评表",
    "none": "未识别",
}
#: Field names in Chinese (for messages).
FIELD_NAMES = {
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "value": "指标值", "period": "实施期指标值",
    "op": "计算符号", "value_unit": "计量单位", "direction": "指标方向", "weight": "权重/分值", "basis": "评分标准/依据",
    "description": "指标描述", "grade_good": "评价标准（良）", "grade_fair": "评价标准（中）", "grade_poor": "评价标准（差）",
    "actual": "实际完成值", "score": "得分", "reason": "偏差原因", "remark": "备注", "seq": "序号",
    "name": "项目名称", "indicators": "绩效指标", "total": "总计",
}


@dataclass(frozen=True, slots=True)
class Skip:
    """A row read past: its number, why, and its text."""

    row: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class LabelUse:
    """A label cell (``A2`` 项目名称) and the cell its value was taken from."""

    cell: str
    label: str
    field: str
    value_cell: str
    value: str


@dataclass(frozen=True, slots=True)
class HeaderUse:
    """A header over rows ``first``..``last``: column letter -> field; needed columns it lacks."""

    first: int
    last: int
    mapping: dict[str, str]
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Part:
    """One recognised part of a sheet: a form (one project) or a table; rows ``first``..``last``."""

    kind: str
    first: int
    last: int
    name: str = ""
    indicators: int = 0


@dataclass(frozen=True, slots=True)
class SheetInspection:
    sheet: str
    family: str
    first: int = 0
    last: int = 0
    parts: tuple[Part, ...] = ()
    headers: tuple[HeaderUse, ...] = ()
    labels: tuple[LabelUse, ...] = ()
    skipped: tuple[Skip, ...] = ()
    projects: int = 0
    indicators: int = 0
    seen: str = ""  # when nothing was recognised: what was looked for and what was seen

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m for h in self.headers for m in h.missing))


@dataclass(frozen=True, slots=True)
class Inspection:
    """Every sheet of a source, in order."""

    source: str
    sheets: tuple[SheetInspection, ...]
    unit: str = "万元"

    @property
    def findings(self) -> list[Finding]:
        """One ``column_missing`` finding per sheet whose header lacks a needed column."""
        out = []
        for s in self.sheets:
            for m in s.missing:
                out.append(finding("column_missing", f"{s.sheet}!{_first_header(s)}", None,
                                   column=FIELD_NAMES.get(m, m), sheet=s.sheet))
        return out

    def to_json(self) -> dict[str, Any]:
        """Plain dicts and lists (``json.dumps`` ready)."""
        sheets = []
        for s in self.sheets:
            d = asdict(s)
            d["family_name"] = FAMILIES.get(s.family, s.family)
            d["missing"] = list(s.missing)
            sheets.append(d)
        return {"source": self.source, "unit": self.unit, "sheets": sheets}


def _first_header(s: SheetInspection) -> int:
    return s.headers[0].first if s.headers else s.first
