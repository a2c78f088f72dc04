"""The rest of the year: 绩效运行监控 (监控表) and 绩效自评 (自评表) from the same targets.

* :func:`write_monitor` / :func:`write_selfeval` — one form per project, pre-filled from a
  :class:`~xltools.model.PerformanceTable`, with live formulas (:mod:`.write`);
* :func:`score` — a filled workbook (ours, or a published / exported 自评表) -> lights, scores, grades
  and findings computed in Python (:mod:`.read`, :mod:`.evaluate`, :mod:`xltools.scoring`);
* :func:`report_json` — the ``score --json`` document.

Rules come from a pack (:mod:`xltools.rulepacks`): named on the command line, else the one named on
the form, else ``central``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import PerformanceTable
from ..rulepacks import load_pack
from .evaluate import ProjectResult, YearlyFinding, evaluate

__all__ = ["ProjectResult", "ScoreReport", "YearlyFinding", "report_json", "score", "write_monitor", "write_selfeval"]


@dataclass(frozen=True, slots=True)
class ScoreReport:
    source: str
    projects: tuple[ProjectResult, ...]

    @property
    def findings(self) -> tuple[YearlyFinding, ...]:
        return tuple(f for p in self.projects for f in p.findings)


def write_monitor(table: PerformanceTable, path: str | Path, *, rules: str | None = None, month: int | None = None,
                  split: bool = False) -> list[Path]:
    """监控表 per project (see :func:`xltools.yearly.write.write_yearly`)."""
    from .write import write_yearly

    return write_yearly(table, path, "monitor", load_pack(rules), month=month, split=split)


def write_selfeval(table: PerformanceTable, path: str | Path, *, rules: str | None = None, split: bool = False) -> list[Path]:
    """自评表 per project."""
    from .write import write_yearly

    return write_yearly(table, path, "selfeval", load_pack(rules), split=split)


def score_rows(rows: list[Any], source: str = "", rules: str | None = None) -> ScoreReport:
    """:func:`score` on rows already read (an open workbook's sheets)."""
    from ..errors import InputError
    from .read import read_filled

    found = read_filled(rows, source)
    if not found:
        raise InputError(f"{source or '输入'}: 找不到已填写的监控表或自评表 (no filled 监控表/自评表 found)")
    return ScoreReport(source, tuple(evaluate(p, load_pack(rules or named)) for p, named in found))


def score(path: str | Path, rules: str | None = None) -> ScoreReport:
    """Read the filled forms of a workbook (or folder of ``--split`` workbooks) and compute them."""
    from ..io import read_rows

    p = Path(path)
    files = sorted(f for f in p.iterdir() if f.suffix.lower() in (".xlsx", ".xlsm") and not f.name.startswith((".", "~$"))) \
        if p.is_dir() else [p]
    rows = [r for f in files for r in read_rows(f)]
    return score_rows(rows, str(p), rules)


def _s(d: Decimal | None, places: str = "0.01") -> str | None:
    return None if d is None else str(d.quantize(Decimal(places)))


def report_json(report: ScoreReport) -> dict[str, Any]:
    """The ``xltools score --json`` document: numbers as strings (exact), each with the rule that made it."""
    projects = []
    for p in report.projects:
        rows = [{
            "name": r.row.name, "level1": r.row.level1, "level2": r.row.level2,
            "target": r.row.target.text if r.row.target else None, "actual": r.actual.raw, "actual_kind": r.actual.kind,
            "points": _s(r.score.points) if r.score else None, "score": _s(r.score.value) if r.score else None,
            "score_rule": r.score.rule if r.score else None, "light": r.light.color if r.light else None,
            "progress": _s(r.light.ratio, "0.0001") if r.light else None, "light_rule": r.light.rule if r.light else None,
        } for r in p.rows]
        projects.append({
            "name": p.name, "kind": p.kind, "rules": p.pack, "total": _s(p.total), "grade": p.grade, "light": p.light,
            "budget": {"rate": _s(p.budget_rate, "0.0001"), "score": _s(p.budget_score.value) if p.budget_score else None,
                       "score_rule": p.budget_score.rule if p.budget_score else None,
                       "light": p.budget_light.color if p.budget_light else None,
                       "light_rule": p.budget_light.rule if p.budget_light else None},
            "indicators": rows,
            "findings": [{"code": f.code, "severity": f.severity, "message": f.message, "location": f.location}
                         for f in p.findings],
        })
    return {"source": report.source, "projects": projects}
