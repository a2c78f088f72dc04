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


def test_main_job_sample_exists() -> None:
    path = quickstart_commands()[0].split()[-1]
    assert (ROOT / path).is_file()
