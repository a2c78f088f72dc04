"""The command line: ``xltools split`` on files and stdin, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SEED_TXT

JSON_KEYS = ["project", "seq", "level1_code", "level1", "level2_code", "level2", "name", "period", "annual", "warnings"]
VALUE_KEYS = ["raw", "kind", "op", "number", "unit", "note"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltools", *args], input=stdin, capture_output=True, text=True)


def test_stdin_cell_as_json_has_exactly_the_documented_keys() -> None:
    cell = "1、1-产出指标：11-数量指标：专家评审项目数量；实施周期指标值：≥100个（每年）；年度指标值：≥100个（每年）。"
    res = run("split", "-", "--json", stdin=cell)
    assert res.returncode == 0, res.stderr
    (rec,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert list(rec) == JSON_KEYS
    assert list(rec["annual"]) == VALUE_KEYS
    assert rec["project"] is None
    assert rec["annual"] == {"raw": "≥100个(每年)", "kind": "quantitative", "op": "≥", "number": 100, "unit": "个", "note": "每年"}


def test_readable_table_names_projects_and_warnings() -> None:
    res = run("split", str(SEED_TXT))
    assert res.returncode == 0
    assert "【区南部政务服务中心后勤保障费】 8 个指标" in res.stdout
    assert "属于“满意度指标”，却写在一级指标“2-效益指标”下" in res.stdout


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    res = run("split", str(tmp_path / "nope.txt"))
    assert res.returncode == 2
    assert res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1
    assert "nope.txt" in res.stderr and "文件不存在" in res.stderr


def test_text_without_header_is_one_line_and_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "notes.txt"
    f.write_text("这不是绩效目标表\n只是几行字\n", encoding="utf-8")
    res = run("split", str(f))
    assert res.returncode == 2
    assert "找不到表头" in res.stderr and "notes.txt" in res.stderr
    assert "Traceback" not in res.stderr


def test_random_bytes_named_xlsx_is_one_line_and_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "junk.xlsx"
    f.write_bytes(bytes(range(256)) * 4)
    res = run("split", str(f))
    assert res.returncode == 2
    assert "junk.xlsx" in res.stderr and "Traceback" not in res.stderr


def test_gb18030_text_dump_reads(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes(SEED_TXT.read_text(encoding="utf-8").encode("gb18030"))
    res = run("split", str(f), "--json")
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 200


def test_check_on_the_seed_reports_the_two_cent_gaps_and_exits_1() -> None:
    res = run("check", str(SEED_TXT))
    assert res.returncode == 1, res.stderr
    assert "41 个项目，200 个指标；合计：表中 4,693.61，计算 4,693.63" in res.stdout
    assert "合计 4,693.61 ≠ 全部项目之和 4,693.63（相差 0.02）" in res.stdout
    assert "项目名称只有编码“22202412003”" in res.stdout
    assert "共 2 个错误" in res.stdout


def test_check_json_document() -> None:
    res = run("check", str(SEED_TXT), "--json")
    doc = json.loads(res.stdout)
    assert list(doc) == ["unit", "projects", "indicators", "totals", "findings"]
    assert (doc["unit"], doc["projects"], doc["indicators"]) == ("万元", 41, 200)
    assert doc["totals"] == {"declared": "4693.61", "computed": "4693.63"}
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["found"], f["expected"], f["difference"]) for f in errors] == [
        ("grand_total_sum", "4693.61", "4693.63", "0.02"),
        ("subtotal_sum", "4693.61", "4693.63", "0.02"),
    ]
    assert {"rule", "severity", "message", "location", "expected", "found", "difference"} <= set(errors[0])


def test_check_tolerance_and_disable_change_the_exit_code() -> None:
    assert run("check", str(SEED_TXT), "--tolerance", "0.02").returncode == 0
    assert run("check", str(SEED_TXT), "--disable", "grand_total_sum,subtotal_sum").returncode == 0
    assert run("check", "--disable", "grand_total_sum", "--disable", "subtotal_sum", str(SEED_TXT)).returncode == 0
    bad = run("check", str(SEED_TXT), "--disable", "nonsense")
    assert bad.returncode == 2 and "nonsense" in bad.stderr and "Traceback" not in bad.stderr


def test_every_help_line_of_every_command_is_chinese_first() -> None:
    """``xltools CMD --help``: argparse's headings and every option's help start in Chinese (a WPS
    user reads them), English alongside."""
    import argparse
    import re

    from xltools.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert {"split", "check", "convert", "template", "join", "inspect", "monitor", "selfeval", "score", "rules"} <= set(commands)
    han = re.compile(r"[\u4e00-\u9fff]")
    for name, sub in commands.items():
        text = sub.format_help()
        for heading in ("用法 usage:", "选项 options:", "显示本帮助"):
            assert heading in text, (name, heading)
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue  # its text is translated by format_help (checked above)
            assert action.help and han.search(action.help[:12]), (name, action.dest, action.help)
