"""xltools.api, the one application layer: every door (single-file convert, batch convert, the
ribbon) gives the same result for the same input, and the application's rules hold whichever door
is used — no empty success, no output over an input, one line and a documented exit code."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_TXT, SEED_XLSX
from openpyxl import load_workbook

from xltools import api
from xltools.errors import InputError, OutputError, UsageError

EMPTY = "项目支出绩效目标表\n项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n合计\t0\t0\t\t\t\t\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltools", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd or ROOT)


def values(path: Path) -> dict[str, list[list[Any]]]:
    wb = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


# --- one result whichever door ---------------------------------------------------------------

def test_single_file_and_batch_convert_write_the_same_workbook(tmp_path: Path) -> None:
    one = tmp_path / "one.xlsx"
    assert run("convert", str(SEED_XLSX), "-o", str(one)).returncode == 0
    batch = run("convert", str(SEED_XLSX), str(SEED_TXT), "-o", str(tmp_path / "batch"), "--jobs", "1")
    assert batch.returncode == 0, batch.stderr
    (written,) = [p for p in (tmp_path / "batch").rglob("*.xlsx") if "sample_seed_xlsx" in p.name or p.stem == "sample_seed"]
    single, batched = values(one), values(written)
    assert single.keys() == batched.keys()
    for sheet in ("项目汇总", "绩效指标明细", "校验结果"):
        assert single[sheet] == batched[sheet], sheet


@pytest.mark.parametrize("how", ["single", "batch", "check", "split", "template"])
def test_a_table_without_projects_is_an_error_through_every_door(tmp_path: Path, how: str) -> None:
    """A header and a 合计 but no project: exit 2 and the same line, never an empty workbook with exit 0."""
    src = tmp_path / "empty.txt"
    src.write_text(EMPTY, encoding="utf-8")
    args = {
        "single": ["convert", str(src), "-o", str(tmp_path / "one.xlsx")],
        "batch": ["convert", str(src), "-o", str(tmp_path / "outdir"), "--jobs", "1"],
        "check": ["check", str(src)],
        "split": ["split", str(src), "--json"],
        "template": ["template", str(src), "-o", str(tmp_path / "forms.xlsx")],
    }[how]
    res = run(*args)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "表中没有项目行" in res.stderr + res.stdout
    assert not (tmp_path / "one.xlsx").exists() and not (tmp_path / "forms.xlsx").exists()
    assert not list((tmp_path / "outdir").rglob("*.xlsx")) if (tmp_path / "outdir").exists() else True


def test_load_table_reads_an_xltools_output_back_from_its_detail_sheet(tmp_path: Path) -> None:
    """`check` on a convert output checks the converted table (not 项目汇总's 合计 rows as new projects)."""
    out = tmp_path / "converted.xlsx"
    api.convert(SEED_XLSX, out)
    assert api.is_xltools_output(out) and not api.is_xltools_output(SEED_XLSX)
    again = api.load_table(out)
    original = api.load_table(SEED_XLSX)
    assert [p.name for p in again.projects] == [p.name for p in original.projects]
    assert again.indicator_count == original.indicator_count == 200


# --- inputs are never written ---------------------------------------------------------------------

@pytest.mark.parametrize("command", ["convert", "template", "join"])
def test_an_output_resolving_to_the_input_is_refused(tmp_path: Path, command: str) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    src = tmp_path / "seed.xlsx"
    if command == "join":
        api.convert(SEED_XLSX, src)
    else:
        src.write_bytes(SEED_XLSX.read_bytes())
    before = src.read_bytes()
    res = run(command, str(src), "-o", str(sub / ".." / "seed.xlsx"))
    assert res.returncode == 2 and "不能覆盖输入" in res.stderr, res.stderr
    assert src.read_bytes() == before


def test_refuse_overwrite_sees_through_links(tmp_path: Path) -> None:
    src = tmp_path / "a.xlsx"
    src.write_bytes(b"x")
    link = tmp_path / "b.xlsx"
    os.link(src, link)
    with pytest.raises(InputError, match="不能覆盖输入"):
        api.refuse_overwrite([src], [link])
    api.refuse_overwrite([src], [tmp_path / "c.xlsx"])  # another file is fine


def test_refuse_overwrite_resolves_dot_dot_and_ignores_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    src = tmp_path / "a.xlsx"
    for out in (tmp_path / "sub" / ".." / "a.xlsx", tmp_path / "." / "a.xlsx"):  # neither exists as a name of its own
        with pytest.raises(InputError, match="不能覆盖输入"):
            api.refuse_overwrite([src], [out])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="不能覆盖输入"):
        api.refuse_overwrite(["a.xlsx"], [src])  # relative and absolute spellings of one path
    api.refuse_overwrite(["-"], ["-"])  # standard input is no file to protect
    api.refuse_overwrite(["-", src], [tmp_path / "b.xlsx"])


def test_refuse_overwrite_does_not_refuse_when_the_files_cannot_be_compared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, other = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    src.write_bytes(b"a")
    other.write_bytes(b"b")

    def unreadable(a: object, b: object) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(api.os.path, "samefile", unreadable)
    api.refuse_overwrite([src], [other])  # two names, no proof they are one file: not refused
    with pytest.raises(InputError, match="不能覆盖输入"):
        api.refuse_overwrite([src], [tmp_path / "sub" / ".." / "a.xlsx"])  # the same path needs no comparison


def test_template_split_never_replaces_an_input_named_like_a_project(tmp_path: Path) -> None:
    """A project called 预算表 and an input 预算表.xlsx in the output folder: refused before any form is written."""
    wb = load_workbook(SEED_XLSX)
    ws = wb.active
    for row in ws.iter_rows():
        if row[0].value == "区南部政务服务中心后勤保障费":
            row[0].value = "预算表"
    src = tmp_path / "预算表.xlsx"
    wb.save(src)
    before = src.read_bytes()
    res = run("template", str(src), "-o", str(tmp_path), "--split")
    assert res.returncode == 2 and "不能覆盖输入" in res.stderr, res.stderr
    assert src.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["预算表.xlsx"]


@pytest.mark.parametrize("args,message", [
    (["template", "{src}", "-o", "{tmp}/申报表.xlsx", "--split"], "-o 是文件夹"),
    (["template", "{src}", "-o", "{tmp}/申报表"], ".xlsx 文件"),
    (["convert", "{src}", "{src}", "-o", "{tmp}/结果.csv", "--format", "csv"], "输出文件夹"),
    (["check", "{src}", "--tolerance", "NaN"], "不小于 0"),
    (["check", "{src}", "--tolerance", "-1"], "不小于 0"),
    (["check", "{src}", "--tolerance", "abc"], "不是数字"),
    (["check", "{src}", "--disable", "nonsense"], "没有这条规则"),
    (["convert", "{src}"], "用法错误"),
])
def test_path_and_option_traps_are_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    res = run(*[a.format(src=SEED_TXT, tmp=tmp_path) for a in args])
    assert res.returncode == 2, res.stdout + res.stderr
    assert message in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert not (tmp_path / "申报表.xlsx").exists() and not (tmp_path / "结果.csv").exists()


def test_a_missing_input_is_one_line(tmp_path: Path) -> None:
    res = run("convert", str(tmp_path / "nothing.xlsx"), "-o", str(tmp_path / "out.xlsx"))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "文件不存在" in res.stderr, res.stderr


# --- outputs that cannot be written, and being stopped ------------------------------------------------

@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")  # type: ignore[attr-defined]
def test_an_unwritable_output_is_one_chinese_line_and_exit_4(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    res = run("convert", str(SEED_TXT), "-o", str(locked / "out.xlsx"))
    assert res.returncode == 4 and "文件被占用或没有写入权限" in res.stderr


def test_a_replace_that_fails_is_an_output_error_and_leaves_no_temporary_file(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What Windows does when the target is open in Excel: os.replace raises PermissionError."""
    from xltools import atomic

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OutputError, match="文件被占用或没有写入权限"):
        api.convert(SEED_TXT, tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []
    assert OutputError.exit_code == 4 and UsageError.exit_code == 2


def test_sigterm_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM (a closed terminal, a killed job) ends like Ctrl+C: no `.name.*.xlsx.tmp` left, exit 143."""
    big = tmp_path / "big.txt"
    lines = SEED_TXT.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if "1、" in ln)
    body = [ln for ln in lines[start:] if "1、" in ln]
    big.write_text("\n".join(lines[:start] + body * 400) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "xltools", "convert", str(big), "-o", str(tmp_path / "out.xlsx")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail(f"convert ended before a temporary file appeared: {proc.returncode} {proc.communicate()}")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert not list(tmp_path.glob(".out.*")) and not (tmp_path / "out.xlsx").exists()


# --- outputs that already exist ---------------------------------------------------------------

def test_an_edited_output_is_kept_unless_force(tmp_path: Path) -> None:
    """Our own untouched output is replaced; once someone saved it (lastModifiedBy), or when it is not
    ours at all, it is kept and the user is told — `--force` replaces it."""
    out = tmp_path / "结果.xlsx"
    api.convert(SEED_XLSX, out)
    api.convert(SEED_XLSX, out)  # ours, untouched: replaced
    wb = load_workbook(out)
    wb.properties.lastModifiedBy = "张三"  # what Excel/WPS record when a person saves
    wb.save(out)
    before = out.read_bytes()
    res = run("convert", str(SEED_XLSX), "-o", str(out))
    assert res.returncode == 2 and "被修改保存过" in res.stderr and out.read_bytes() == before, res.stderr
    theirs = tmp_path / "他人的表.xlsx"
    from openpyxl import Workbook

    Workbook().save(theirs)  # creator "openpyxl": not ours
    with pytest.raises(InputError, match="不是 xltools 生成"):
        api.convert(SEED_XLSX, theirs)
    api.convert(SEED_XLSX, out, force=True)
    assert api.is_xltools_output(out)


def test_two_inputs_with_one_name_in_two_folders_get_two_outputs(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(SEED_TXT.read_bytes())
    res = run("convert", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), "-o", str(tmp_path / "out"),
              "--jobs", "1")
    assert res.returncode == 0, res.stderr
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == 2


def test_a_word_document_named_xlsx_says_what_it_is(tmp_path: Path) -> None:
    import zipfile

    fake = tmp_path / "绩效目标表.xlsx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    res = run("check", str(fake))
    assert res.returncode == 2 and "Word 文档" in res.stderr and "修复" not in res.stderr, res.stderr
