"""Batch conversion: folders, globs, a bad file among good ones, formats, skip/force, merge, report."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED_TXT, SEED_XLSX
from openpyxl import Workbook, load_workbook

from xltools.batch import FileResult, collect_inputs, convert_file, exit_code, output_plan
from xltools.export.injection import text_prefixed as neutralise


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltools", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.xlsx").write_bytes(SEED_XLSX.read_bytes())
    (d / "sub" / "seed.txt").write_bytes(SEED_TXT.read_bytes())
    (d / "corrupt.xlsx").write_bytes(SEED_XLSX.read_bytes()[:3000])  # a truncated zip
    wb = Workbook()
    wb.active.append(["会议纪要", "没有表格"])
    wb.save(d / "notes.xlsx")  # a workbook that is not a table
    (d / "~$good.xlsx").write_bytes(b"lock")  # Excel's lock file: not an input
    (d / "readme.md").write_text("not an input")
    return d


def test_a_bad_file_never_stops_the_batch(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run("convert", str(mixed), "-o", str(out), "--jobs", "2", "--report", str(tmp_path / "r.jsonl"))
    assert res.returncode == 1, res.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["good.xlsx", "sub/seed.xlsx"]
    report = {Path(r["source"]).name: r for r in map(json.loads, (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines())}
    assert set(report) == {"good.xlsx", "seed.txt", "corrupt.xlsx", "notes.xlsx"}
    assert (report["good.xlsx"]["status"], report["good.xlsx"]["projects"], report["good.xlsx"]["indicators"]) == ("ok", 41, 200)
    assert report["corrupt.xlsx"]["status"] == "failed" and "corrupt.xlsx" in report["corrupt.xlsx"]["error"]
    assert report["notes.xlsx"]["status"] == "failed" and "找不到表头" in report["notes.xlsx"]["error"]
    assert "2 个文件失败 failed" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr
    assert load_workbook(out / "good.xlsx").sheetnames == ["项目汇总", "绩效指标明细", "校验结果", "统计"]


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_bytes(b"\xff\xfe\x00\x00garbage")
    res = run("convert", str(tmp_path / "bad.csv"), str(tmp_path / "missing*.xlsx"), "-o", str(tmp_path / "out"))
    assert res.returncode == 2
    assert "no input matches" in res.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.xlsx"))


def test_rerun_skips_up_to_date_outputs_unless_forced(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("convert", str(mixed / "good.xlsx"), str(mixed / "sub"), "-o", str(out), "--jobs", "1")
    first = (out / "good.xlsx").stat().st_mtime_ns
    again = run("convert", str(mixed / "good.xlsx"), str(mixed / "sub"), "-o", str(out), "--jobs", "1")
    assert again.returncode == 0
    assert again.stdout.count("跳过 skipped") == 2
    assert (out / "good.xlsx").stat().st_mtime_ns == first
    time.sleep(0.01)
    forced = run("convert", str(mixed / "good.xlsx"), "-o", str(out), "--force", "--format", "xlsx", "--jobs", "1")
    assert forced.returncode == 0 and "跳过 skipped" not in forced.stdout
    assert (out / "good.xlsx").stat().st_mtime_ns > first  # written again


def test_csv_is_utf8_with_bom_and_neutralises_formulas(tmp_path: Path) -> None:
    src = tmp_path / "evil.txt"
    src.write_text("项目名称\t总计\t绩效指标\n=HYPERLINK(\"http://x\")\t1\t1、产出指标:数量指标:+cmd|' /C calc'!A0;年度指标值:5\n", encoding="utf-8")
    res = run("convert", str(src), "-o", str(tmp_path / "out"), "--format", "csv")
    assert res.returncode == 0, res.stderr
    projects = (tmp_path / "out" / "evil.projects.csv").read_bytes()
    assert projects.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader((tmp_path / "out" / "evil.projects.csv").open(encoding="utf-8-sig")))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")"
    detail = list(csv.reader((tmp_path / "out" / "evil.indicators.csv").open(encoding="utf-8-sig")))
    assert detail[1][6].startswith("'+cmd")


def test_jsonl_and_merge(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run("convert", str(mixed / "good.xlsx"), str(mixed / "sub" / "seed.txt"), "-o", str(out), "--format", "jsonl",
              "--merge", str(tmp_path / "all.xlsx"), "--jobs", "2")
    assert res.returncode == 0, res.stderr
    lines = (out / "good.indicators.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200 and json.loads(lines[0])["三级指标"] == "大厅线路、设施等维护完成率"
    merged = load_workbook(tmp_path / "all.xlsx")
    detail = merged["绩效指标明细"]
    assert detail["A1"].value == "绩效目标表汇总（2 个文件）"  # the printed title row, then the header row
    assert detail["A2"].value == "来源文件" and detail["B2"].value == "项目名称"
    assert detail.max_row == 402
    assert {detail.cell(r, 1).value for r in range(3, 403)} == {str(mixed / "good.xlsx"), str(mixed / "sub" / "seed.txt")}
    assert merged["项目汇总"].print_title_rows == "$1:$2"


def test_jobs_give_the_same_results_as_one_process(mixed: Path, tmp_path: Path) -> None:
    one = run("convert", str(mixed), "-o", str(tmp_path / "one"), "--jobs", "1", "--format", "jsonl")
    two = run("convert", str(mixed), "-o", str(tmp_path / "two"), "--jobs", "2", "--format", "jsonl")
    assert one.returncode == two.returncode == 1
    written = sorted(f.relative_to(tmp_path / "one") for f in (tmp_path / "one").rglob("*.jsonl"))
    assert len(written) >= 4 and written == sorted(f.relative_to(tmp_path / "two") for f in (tmp_path / "two").rglob("*.jsonl"))
    for f in written:
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes()


def test_progress_is_plain_lines_when_not_a_terminal(mixed: Path, tmp_path: Path) -> None:
    res = run("convert", str(mixed), "-o", str(tmp_path / "out"), "--jobs", "1")
    lines = [line for line in res.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == 4 and lines[-1].startswith("[4/4]")


def test_output_plan_and_inputs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for name in ("a/x.csv", "a/x.xlsx", "a/.hidden.xlsx", "a/~$x.xlsx"):
        (tmp_path / name).write_text("")
    inputs, missing = collect_inputs([str(tmp_path / "a"), str(tmp_path / "nothing*.xls")])
    assert [p.name for p, _ in inputs] == ["x.csv", "x.xlsx"]
    assert missing == [str(tmp_path / "nothing*.xls")]
    plan = output_plan(inputs, tmp_path / "out", "csv")
    assert [p.name for outs in plan for p in outs] == ["x_csv.projects.csv", "x_csv.indicators.csv",
                                                        "x_xlsx.projects.csv", "x_xlsx.indicators.csv"]


@pytest.mark.parametrize(("value", "expected"), [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
                                                 ("\t=1", "'\t=1"), ("正常运转", "正常运转"), (12, 12), (None, None)])
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_cwd_relative_globs(mixed: Path, tmp_path: Path) -> None:
    res = run("convert", "in/*.xlsx", "-o", "out", cwd=tmp_path)
    assert res.returncode == 1  # good.xlsx converts, corrupt and notes fail
    assert (tmp_path / "out" / "good.xlsx").exists()
    assert os.path.exists(tmp_path / "out") and not list((tmp_path / "out").glob("*.tmp"))


def test_hidden_folders_are_skipped_but_dot_dot_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a/x.csv", "a/.git/y.csv", "a/sub/.cache/z.csv", "a/sub/w.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    inputs, _ = collect_inputs([str(tmp_path / "a" / ".." / "a")])
    assert sorted(p.name for p, _ in inputs) == ["w.txt", "x.csv"]
    monkeypatch.chdir(tmp_path / "a")
    inputs, _ = collect_inputs(["."])
    assert sorted(p.name for p, _ in inputs) == ["w.txt", "x.csv"]
    inputs, _ = collect_inputs(["./.git/y.csv"])  # named explicitly: taken
    assert [p.name for p, _ in inputs] == ["y.csv"]


TINY = "项目名称\t总计\t绩效指标\n甲\t1\t1、产出指标:数量指标:完成数:5个\n"


@pytest.mark.parametrize(("fmt", "outputs", "age", "status"), [
    ("xlsx", 1, 0, "skipped"),     # written in the same instant as the input: up to date
    ("xlsx", 1, 5, "skipped"),     # newer than the input
    ("xlsx", 1, -5, "ok"),         # older than the input: converted again
    ("xlsx", 0, 0, "ok"),          # missing
    ("csv", 2, 0, "skipped"),
    ("csv", 1, 0, "ok"),           # one of the two outputs missing
])
def test_an_output_is_up_to_date_when_no_older_than_its_input(
    tmp_path: Path, fmt: str, outputs: int, age: int, status: str
) -> None:
    src = tmp_path / "t.txt"
    src.write_text(TINY, encoding="utf-8")
    (outs,) = output_plan([(src, tmp_path)], tmp_path / "out", fmt)
    (tmp_path / "out").mkdir()
    now = src.stat().st_mtime
    for out in outs[:outputs]:
        out.write_bytes(b"old")
        os.utime(out, (now + age, now + age))
    result = convert_file(str(src), [str(o) for o in outs], fmt, False, False)
    assert result.status == status, result
    assert ((outs[0].read_bytes() == b"old") if outputs else not outs[0].exists()) == (status == "skipped")
    forced = convert_file(str(src), [str(o) for o in outs], fmt, True, False)
    assert forced.status == "ok" and outs[0].read_bytes() != b"old"


def test_a_missing_input_is_not_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"old")
    result = convert_file(str(tmp_path / "gone.txt"), [str(out)], "xlsx", False, False)
    assert (result.status, result.exit) == ("failed", 2) and out.read_bytes() == b"old"
    assert exit_code([result]) == 2


def test_an_unexpected_error_is_exit_3_and_stops_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xltools.api

    src = tmp_path / "t.txt"
    src.write_text(TINY, encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(xltools.api, "check", broken)
    result = convert_file(str(src), [str(tmp_path / "t.xlsx")], "xlsx", False, False)
    assert (result.status, result.exit, result.error) == ("failed", 3, f"{src}: RuntimeError: boom")
    assert exit_code([result]) == 3
    ok = FileResult("b.txt", "ok")
    assert exit_code([result, ok]) == 1 and exit_code([ok]) == 0 and exit_code([]) == 2
    unreadable = FileResult("c.txt", "failed", exit=2)
    assert exit_code([result, unreadable]) == 3 and exit_code([unreadable, FileResult("d", "failed", exit=4)]) == 4
