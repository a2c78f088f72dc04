"""The output side of safety: interrupted runs leave no partial file, writes never land outside
the chosen folder, unexpected errors are one line (the traceback only with --debug)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from conftest import SEED_TXT, SEED_XLSX

from xltools.forms import write_forms
from xltools.io import read_rows
from xltools.table import read_table


def test_sigint_during_a_batch_leaves_only_complete_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"t{i:02}.xlsx").write_bytes(SEED_XLSX.read_bytes())
    out = tmp_path / "out"
    # The child gets the default SIGINT handling whatever the runner's is (a runner started with SIGINT
    # ignored, as `nohup` or some CI agents do, would pass SIG_IGN on and Ctrl+C would do nothing).
    proc = subprocess.Popen([sys.executable, "-m", "xltools", "convert", str(src), "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.glob("*.xlsx"))):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "已中断" in err and "interrupted" in err
    assert "Traceback" not in err
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    written = list(out.glob("*.xlsx"))
    assert 0 < len(written) < 40
    for f in written:
        with zipfile.ZipFile(f) as z:
            assert z.testzip() is None


def test_split_templates_never_write_outside_the_folder(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    names = ["../../逃逸", "..\\..\\windows", "/etc/passwd", "CON", "NUL.txt", "a:b*c?\"<>|", "." , ".."]
    lines = ["项目名称\t总计\t绩效指标"] + [f"{n}\t1\t1、产出指标:数量指标:x:5" for n in names]
    hostile.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "forms"
    written = write_forms(read_table(read_rows(hostile)), out, split=True)
    assert len(written) == len(names)
    for f in written:
        assert f.resolve().parent == out.resolve()
        assert f.stem.upper() not in {"CON", "NUL", "PRN", "AUX"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forms", "hostile.txt"]


def test_batch_outputs_stay_under_the_output_folder(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "seed.txt").write_bytes(SEED_TXT.read_bytes())
    res = subprocess.run([sys.executable, "-m", "xltools", "convert", "a/b/../b/seed.txt", "-o", "out", "--format", "csv"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "out").rglob("*")) == [
        "out/seed.indicators.csv", "out/seed.projects.csv"]


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(tmp_path: Path) -> None:
    code = ("import sys, xltools.cli as c, xltools.checks as k\n"
            "def boom(*a, **kw): raise RuntimeError('boom')\n"
            "k.check_table = boom\n"
            "sys.exit(c.main(sys.argv[1:]))\n")
    res = subprocess.run([sys.executable, "-c", code, "check", str(SEED_TXT)], capture_output=True, text=True)
    assert res.returncode == 3
    assert res.stderr.strip().splitlines() == [
        "xltools: 内部错误 internal error: RuntimeError: boom — 请加 --debug 重试并报告 (run again with --debug and report it)"]
    debug = subprocess.run([sys.executable, "-c", code, "check", str(SEED_TXT), "--debug"], capture_output=True, text=True)
    assert "Traceback" in debug.stderr
