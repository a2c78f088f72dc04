"""The README's Quickstart has exactly two commands, and CI runs the second one verbatim."""

from __future__ import annotations

import re

from conftest import ROOT


def quickstart_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def test_quickstart_has_exactly_two_one_line_commands() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "xltools" in commands[0] and "workbooks/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart_commands()[1] in ci.splitlines()
    assert "python3 -m venv .venv" in ci and ". .venv/bin/activate" in ci  # in a fresh venv, as the README says


def test_the_readme_is_short_and_links_the_guides() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text) < 8000
    for doc in ("docs/用户指南.md", "docs/reference.md", "docs/developing.md"):
        assert f"]({doc})" in text and (ROOT / doc).is_file(), doc
    for picture in __import__("re").findall(r"\]\((docs/[^)]+\.png)\)", text):
        assert (ROOT / picture).is_file(), picture


def test_main_job_runs_on_the_bundled_sample(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shlex
    import subprocess
    import sys

    first = quickstart_commands()[0]
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && ")  # Debian's Python refuses pip outside a venv
    job = first.split("&&")[-1].strip()
    args = shlex.split(job)
    assert args[:3] == ["python3", "-m", "xltools"]
    sample = next(a for a in args if a.startswith("workbooks/"))
    assert (ROOT / sample).is_file()
    out = tmp_path / "converted.xlsx"
    args[args.index("-o") + 1] = str(out)
    res = subprocess.run([sys.executable, *args[1:]], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert out.is_file() and "41 个项目，200 个指标" in res.stdout


def test_bundled_samples_are_what_the_build_command_writes_today(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    res = subprocess.run([sys.executable, str(ROOT / "workbooks" / "build_samples.py"), str(tmp_path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    for built in sorted(tmp_path.glob("*.xlsx")):
        assert built.read_bytes() == (ROOT / "workbooks" / built.name).read_bytes(), (
            f"workbooks/{built.name} is stale: run `python workbooks/build_samples.py`")
