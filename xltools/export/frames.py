"""A table as pandas DataFrames: one row per project, and one row per indicator (long format,
each indicator with its project's columns).  Money stays ``Decimal`` (object columns)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from ..indicators import Indicator
from ..model import MONEY_KEYS
from ..values import TargetValue

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..model import PerformanceTable, ProjectRow

__all__ = ["INDICATOR_COLUMNS", "PROJECT_COLUMNS", "Frames", "to_frames"]

PROJECT_COLUMNS = ["source", "location", "kind", "unit_name", "project", *MONEY_KEYS,
                   "money_unit", "goal", "indicator_count", "indicators_text"]
VALUE_PARTS = ["raw", "kind", "op", "number", "unit", "note"]
INDICATOR_COLUMNS = (
    ["source", "location", "unit_name", "project", "seq", "level1_code", "level1", "level2_code", "level2", "name"]
    + [f"period_{p}" for p in VALUE_PARTS]
    + [f"annual_{p}" for p in VALUE_PARTS]
    + ["inferred", "warnings", "remainder", "extra"]
)


class Frames(NamedTuple):
    projects: pd.DataFrame
    indicators: pd.DataFrame


def project_record(table: PerformanceTable, row: ProjectRow) -> dict[str, Any]:
    return {
        "source": table.source, "location": row.location, "kind": row.kind, "unit_name": row.unit_name,
        "project": row.name, "total": row.total, "fiscal": row.fiscal, "special": row.special, "other": row.other,
        "money_unit": table.unit, "goal": row.goal, "indicator_count": len(row.indicators),
        "indicators_text": row.indicators.text,
    }


def _value_parts(prefix: str, value: TargetValue | None) -> dict[str, Any]:
    return {f"{prefix}_{p}": (getattr(value, p) if value is not None else None) for p in VALUE_PARTS}


def indicator_record(table: PerformanceTable, row: ProjectRow, ind: Indicator) -> dict[str, Any]:
    return {
        "source": table.source, "location": row.where("indicators"), "unit_name": row.unit_name, "project": row.name,
        "seq": ind.seq, "level1_code": ind.level1_code, "level1": ind.level1, "level2_code": ind.level2_code,
        "level2": ind.level2, "name": ind.name,
        **_value_parts("period", ind.period), **_value_parts("annual", ind.annual),
        "inferred": ",".join(sorted(ind.inferred)),
        "warnings": "；".join(w.message for w in ind.warnings),
        "remainder": ind.remainder_text,
        "extra": "；".join(f"{k}:{v}" for k, v in ind.extra),
    }


def to_frames(table: PerformanceTable) -> Frames:
    import pandas as pd

    projects = [project_record(table, r) for r in table.rows]
    indicators = [indicator_record(table, r, i) for r in table.projects for i in r.indicators]
    return Frames(
        pd.DataFrame(projects, columns=PROJECT_COLUMNS),
        pd.DataFrame(indicators, columns=INDICATOR_COLUMNS),
    )
