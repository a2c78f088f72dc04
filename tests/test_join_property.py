"""The join property (issue 13): permutations, deletions, rows typed under the table and duplicated
project names applied to the 绩效指标明细 rows give the table you get by applying the same edits to
the model — a permutation changes nothing (order is by 序号), a deleted row loses its indicator, a
typed row is added at the end of its project (or, when its name is shared and it has no key, is
reported and left out), and projects of the same name never mix."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xltools.detail import CHECK_HEADER, DETAIL_HEADERS, KEY_HEADER, detail_row
from xltools.export.convert import SUMMARY_HEADERS, detail_rows, project_keys, summary_rows
from xltools.indicators import Indicator, ParsedCell, parse_indicators
from xltools.join import join_detail
from xltools.model import PerformanceTable, ProjectRow, SourceRow

POOL = [
    parse_indicators(t)[0] for t in (
        "1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。",
        "1、1-产出指标：12-质量指标：合格率；年度指标值：100%。",
        "1、2-效益指标：22-社会效益：服务水平；年度指标值：有所提升。",
        "1、3-满意度指标：31-服务对象满意度；满意度；年度指标值：≥90%。",
        "1、1-产出指标：13-时效指标：办结时间；年度指标值：咨询类工单2个工作日内办结。",
        "1、1-产出指标：11-数量指标：维护完成率；实施周期指标值：≥90%；年度指标值：≥90%。备注：以年终考核为准。",
    )
]
NAMES = ["公用经费", "培训项目", "运维费"]


def _fields(ind: Indicator) -> tuple[object, ...]:
    def v(x):  # type: ignore[no-untyped-def]
        return None if x is None else (x.kind, x.op, x.number, x.unit or None, x.note or None, x.raw)

    return (ind.level1_code, ind.level2_code, ind.name, v(ind.period), v(ind.annual), ind.remainder_text.rstrip("。"))


def _project(name: str, money: int, inds: list[int]) -> ProjectRow:
    indicators = tuple(replace(POOL[i], seq=n) for n, i in enumerate(inds, 1))
    return ProjectRow("project", name, Decimal(money), Decimal(money), None, None, "目标", ParsedCell("", "", indicators), "")


def _sheet(name: str, header: list[str], rows: list[list[object]]) -> list[SourceRow]:
    cells = [header, *rows]
    return [SourceRow(tuple(None if v is None else str(v) for v in r), f"t.xlsx!{name}", n, is_sheet=True)
            for n, r in enumerate(cells, 1)]


projects = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from([10, 20, 30]), st.lists(st.integers(0, len(POOL) - 1), max_size=4)),
    min_size=1, max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(projects, st.data())
def test_edits_to_the_detail_rows_are_edits_to_the_model(spec, data) -> None:  # type: ignore[no-untyped-def]
    table = PerformanceTable("t", tuple(_project(*p) for p in spec))
    rows = detail_rows(table)
    owner = [i for i, p in enumerate(table.projects) for _ in p.indicators]
    expected: list[list[Indicator]] = [list(p.indicators) for p in table.projects]
    # deletions
    deleted = data.draw(st.sets(st.integers(0, len(rows) - 1)) if rows else st.just(set()))
    for r in deleted:  # row r is indicator 序号 rows[r][1] of project owner[r]
        expected[owner[r]] = [i for i in expected[owner[r]] if i.seq != rows[r][1]]
    kept = [(r, owner[i]) for i, r in enumerate(rows) if i not in deleted]
    # a permutation: a sort or a shuffle of the sheet
    kept = data.draw(st.permutations(kept))
    sheet_rows = [r for r, _ in kept]
    # rows typed under the table: by name (no key, no 序号), or a copied row with its key
    findings_expected = 0
    keys = project_keys(table)
    for target, pool, with_key in data.draw(st.lists(st.tuples(st.integers(0, len(spec) - 1), st.integers(0, len(POOL) - 1),
                                                               st.booleans()), max_size=3)):
        project = table.projects[target]
        row = detail_row(project.name, POOL[pool])
        row[DETAIL_HEADERS.index("序号")] = row[DETAIL_HEADERS.index(CHECK_HEADER)] = None
        row[DETAIL_HEADERS.index(KEY_HEADER)] = keys[id(project)] if with_key else None
        sheet_rows.append(row)
        shared = sum(1 for p in table.projects if p.name == project.name) > 1
        if shared and not with_key:
            findings_expected += 1
        else:
            expected[target].append(POOL[pool])
    summary = _sheet("项目汇总", SUMMARY_HEADERS, summary_rows(table, []))
    joined = join_detail(_sheet("绩效指标明细", list(DETAIL_HEADERS), sheet_rows), summary)
    got = joined.table.projects
    assert [(p.name, p.total) for p in got] == [(p.name, p.total) for p in table.projects]
    assert [[_fields(i) for i in p.indicators] for p in got] == [[_fields(i) for i in e] for e in expected]
    assert [f.rule for f in joined.findings] == ["join_ambiguous"] * findings_expected
