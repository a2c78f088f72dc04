"""监控表 / 自评表 workbooks: written from the seed and from a per-project form, filled in, recalculated by
LibreOffice and read back by ``score`` — the sheet and Python must give the same numbers, cell by cell."""

from __future__ import annotations

import argparse
import io
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_XLSX, soffice_csv

from xltools.errors import InputError
from xltools.io import read_rows
from xltools.table import read_table
from xltools.yearly import report_json, score, write_monitor, write_selfeval
from xltools.yearly.layout import BUDGET_ROW, FIRST_ROW

REAL_001 = ROOT / "tests" / "data" / "real" / "001_湖南_湘潭雾炮车申报表.xlsx"
TIERS = ["达成", "部分达成", "未达成", "不适用", None, "正常运转"]
POSSIBLE = ["确定能", "有可能", "完全不可能", None]


@pytest.fixture(scope="module")
def seed() -> Any:
    return read_table(read_rows(SEED_XLSX), source=str(SEED_XLSX))


def _forms(wb: Any) -> list[Any]:
    return [ws for ws in wb.worksheets if ws.title not in ("汇总", "_xt_lists")]


def _fill(path: Path, out: Path, *, monitor: bool, seed_no: int = 7) -> Path:
    """Type actuals into every form the way a clerk would (numbers, 98% as 0.98, tiers, 不适用, blanks)."""
    from openpyxl import load_workbook

    rng = random.Random(seed_no)
    wb = load_workbook(path)
    for ws in _forms(wb):
        budget = ws[f"C{BUDGET_ROW}"].value or 0
        ws[f"D{BUDGET_ROW}" if monitor else f"E{BUDGET_ROW}"] = round(budget * rng.uniform(0.2, 1.1), 2) if budget else None
        r = FIRST_ROW
        while ws[f"A{r}"].value is None or not str(ws[f"A{r}"].value).startswith(("总分", "项目预警")):
            how = ws[f"M{r}" if monitor else f"L{r}"].value
            target = ws[f"K{r}"].value
            if how == "qual" or target is None:
                ws[f"E{r}"] = rng.choice(TIERS)
            elif rng.random() < 0.1:
                ws[f"E{r}"] = rng.choice(["不适用", None])
            else:
                ws[f"E{r}"] = round(float(target) * rng.uniform(0.3, 1.5), 4)
            if monitor:
                ws[f"J{r}"] = rng.choice(POSSIBLE)
            r += 1
    wb.save(out)
    return out


def _num(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _no_errors(sheets: dict[str, list[list[str]]]) -> None:
    bad = [(name, v) for name, rows in sheets.items() for row in rows for v in row
           if v.startswith(("#", "Err:")) and v not in ("#",)]
    assert not bad, bad[:5]


def test_selfeval_recalculated_by_libreoffice_equals_score(seed: Any, tmp_path: Path) -> None:
    blank = write_selfeval(seed, tmp_path / "自评表.xlsx")[0]
    filled = _fill(blank, tmp_path / "filled.xlsx", monitor=False)
    sheets = soffice_csv(filled, tmp_path / "csv")
    _no_errors(sheets)
    report = score(filled)
    assert len(report.projects) == len(seed.projects)
    titles = [t for t in sheets if t not in ("汇总", "_xt_lists")]
    summary = sheets["汇总"][2:]
    compared = 0
    for p, line in zip(report.projects, summary):
        assert line[1] == p.name
        grid = next(sheets[t] for t in titles if sheets[t][2][1] == p.name)
        for i, r in enumerate(p.rows):
            cell = grid[FIRST_ROW - 1 + i][6]
            if r.score is None or r.score.value is None:
                assert cell == ""
            else:
                assert abs(float(cell) - float(r.score.value)) < 1e-6, (p.name, r.row.name, cell, r.score)
                compared += 1
        total_row = grid[FIRST_ROW - 1 + max(1, len(p.rows))]
        assert (_num(total_row[6]) is None) == (p.total is None)
        if p.total is not None:
            assert abs(float(total_row[6]) - float(p.total)) <= 0.01 and total_row[7] == p.grade
            assert line[5:7] == [total_row[6], p.grade]
        assert abs(float(grid[BUDGET_ROW - 1][7]) - float(p.budget_score.value)) < 1e-6
    assert compared > 100


def test_monitor_recalculated_by_libreoffice_equals_score(seed: Any, tmp_path: Path) -> None:
    blank = write_monitor(seed, tmp_path / "监控表.xlsx", rules="hubei", month=6)[0]
    filled = _fill(blank, tmp_path / "filled.xlsx", monitor=True)
    sheets = soffice_csv(filled, tmp_path / "csv")
    _no_errors(sheets)
    report = score(filled)
    lit = 0
    for p in report.projects:
        grid = next(g for t, g in sheets.items() if t not in ("汇总", "_xt_lists") and g[2][1] == p.name)
        assert grid[1][1] == "6" and p.pack == "hubei"
        assert grid[BUDGET_ROW - 1][6] == (p.budget_light.color if p.budget_light else "")
        for i, r in enumerate(p.rows):
            assert grid[FIRST_ROW - 1 + i][7] == (r.light.color if r.light else ""), (p.name, r.row.name)
            lit += bool(r.light and r.light.color)
        assert grid[FIRST_ROW - 1 + max(1, len(p.rows))][7] == p.light
    assert lit > 100
    assert {r.light.color for p in report.projects for r in p.rows if r.light} >= {"红", "黄", "绿"}


def test_blank_forms_from_a_per_project_form_have_no_error_cells(tmp_path: Path) -> None:
    table = read_table(read_rows(REAL_001), source=str(REAL_001))
    paths = write_monitor(table, tmp_path / "m", split=True) + write_selfeval(table, tmp_path / "s", split=True)
    assert [p.name for p in paths] == ["雾炮车降尘抑尘服务.xlsx"] * 2
    sheets = soffice_csv(paths[1], tmp_path / "csv")
    _no_errors(sheets)
    grid = sheets["雾炮车降尘抑尘服务"]
    assert grid[FIRST_ROW - 1][:4] == ["产出指标", "数量指标", "雾炮车降尘抑尘服务配备车辆数", "10辆"]
    report = score(tmp_path / "s")
    assert [p.name for p in report.projects] == ["雾炮车降尘抑尘服务"] and report.projects[0].total is None


def test_written_forms_are_protected_with_inputs_unlocked_and_dropdowns(seed: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(write_monitor(seed, tmp_path / "m.xlsx")[0])
    ws = _forms(wb)[0]
    assert ws.protection.sheet and wb["_xt_lists"].sheet_state == "hidden"
    assert not ws[f"E{FIRST_ROW}"].protection.locked and ws[f"H{FIRST_ROW}"].protection.locked
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert {"xt_reasons", "xt_possible"} <= lists
    assert ws[f"H{FIRST_ROW}"].value.startswith("=") and ws.conditional_formatting
    assert set(wb.defined_names) >= {"xt_na", "xt_tiers", "xt_reasons", "xt_possible", "xt_qual"}


def _cli(argv: list[str]) -> tuple[int, str]:
    from xltools.cli_yearly import add_commands

    parser = argparse.ArgumentParser()
    common = argparse.ArgumentParser(add_help=False)
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub, common)
    args = parser.parse_args(argv)
    out = io.StringIO()
    return int(args.func(args, out)), out.getvalue()


def test_cli_commands(tmp_path: Path) -> None:
    code, text = _cli(["selfeval", str(REAL_001), "-o", str(tmp_path / "s.xlsx"), "--rules", "sichuan"])
    assert code == 0 and text.strip().endswith("s.xlsx")
    code, text = _cli(["monitor", str(REAL_001), "-o", str(tmp_path / "m.xlsx"), "--month", "5"])
    assert code == 0
    code, text = _cli(["score", str(tmp_path / "s.xlsx"), "--json"])
    doc = __import__("json").loads(text)
    assert doc["projects"][0]["rules"] == "sichuan" and doc["projects"][0]["indicators"][0]["points"] == "12.86"
    code, text = _cli(["score", str(ROOT / "tests/data/real/011_云南_永德明朗中学自评表.xlsx")])
    assert code == 1 and "99.80" in text and "score_differs" in text
    with pytest.raises(InputError):
        _cli(["selfeval", str(REAL_001), "-o", str(REAL_001)])
    with pytest.raises(InputError):
        _cli(["monitor", str(REAL_001), "-o", str(tmp_path / "x.xlsx"), "--month", "13"])
    with pytest.raises(InputError):
        _cli(["score", str(SEED_XLSX)])


def test_score_json_says_which_rule_made_each_number(tmp_path: Path) -> None:
    doc = report_json(score(ROOT / "tests/data/real/020_山东_历城文化馆自评表.xlsx"))
    p = doc["projects"][0]
    assert p["total"] == "100.00" and p["grade"] == "优" and p["budget"]["score_rule"] == "central:budget.rate"
    assert {r["score_rule"] for r in p["indicators"]} == {"central:more.ratio"}


def test_ribbon_buttons_on_an_open_workbook() -> None:
    from xlremote import Replay, book_payload, remote_book

    from xltools.excel.macros_yearly import build_selfeval, result_rows, score_workbook

    payload = book_payload(REAL_001)
    book = remote_book(payload)
    message = build_selfeval(book)
    replay = Replay(payload, book.json()["actions"])
    assert "自评表" in (message or "") and "汇总" in replay.names and "_xt_lists" in replay.hidden
    book2 = remote_book(book_payload(ROOT / "tests/data/real/011_云南_永德明朗中学自评表.xlsx"))
    assert "1 个项目" in (score_workbook(book2) or "")
    grid = Replay(book_payload(ROOT / "tests/data/real/011_云南_永德明朗中学自评表.xlsx"), book2.json()["actions"]).grid("评分结果")
    assert grid[0][:3] == ["项目", "类型", "指标"] and any(row[6] == "score_differs" for row in grid)
    assert result_rows(score(ROOT / "tests/data/real/020_山东_历城文化馆自评表.xlsx"))[1][5] == 12.5


@pytest.mark.parametrize("junk", [None, "", 0, "——", "😴", "x" * 40_000, float("nan"), True])
def test_udfs_answer_junk_with_text(junk: Any) -> None:
    from xltools.excel.cells_yearly import xt_light, xt_score

    for value in (xt_score(junk, junk, junk), xt_score("≥90%", junk, 10, junk if isinstance(junk, str) else None),
                  xt_light(junk, junk, junk), xt_light("≥90%", junk, 7)):
        assert isinstance(value, (str, float))
    assert xt_score("≥90%", 0.45, 10) == 5.0 and xt_score("≥90%", "不适用", 10) == ""
    assert Decimal(str(xt_score("≤5天", 6, 10, "central,less=linear"))) == Decimal("8.0")
