"""The commands in the user guide work as written: every fenced ``xltools …`` line parses with
today's command line, and those on files a reader has (the bundled sample under the guide's file
names, and what earlier commands wrote) run in a scratch folder without an internal error."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from xltools.cli import build_parser

GUIDE = ROOT / "docs" / "用户指南.md"
SAMPLE = ROOT / "workbooks" / "sample_seed.xlsx"
#: What the guide calls the reader's table; the bundled sample stands in for it.
INPUTS = {"绩效目标表.xlsx": SAMPLE}
#: Commands that need Windows, the network or a filled form: parsed only.
PARSE_ONLY = ("addin", "score")


def guide_commands() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith("xltools ")]


def test_the_guide_shows_every_command_and_button() -> None:
    commands = {c.split()[1] for c in guide_commands()}
    assert {"split", "check", "rules", "convert", "join", "template", "inspect", "monitor", "selfeval", "score",
            "addin"} <= commands
    text = GUIDE.read_text(encoding="utf-8")
    for button in ("拆分指标", "合并指标", "合计校验", "生成申报表", "空白模板", "生成监控表", "生成自评表", "计算得分", "帮助"):
        assert f"**{button}**" in text, button
    for function in ("XT_SPLIT", "XT_VALUE", "XT_NUM", "XT_CHECK", "XT_JOIN", "XT_COUNT", "XT_SCORE", "XT_LIGHT"):
        assert function in text, function
    for code in ("0", "1", "2", "3", "4", "130", "143"):
        assert f"\n| {code} |" in text, code
    for picture in re.findall(r"\]\(([^)]+\.png)\)", text):
        assert (GUIDE.parent / picture).is_file(), picture


@pytest.mark.parametrize("command", guide_commands())
def test_each_guide_command_parses(command: str) -> None:
    args = shlex.split(command)[1:]
    if args[0] == "addin":  # its own sub-parser (build / install / bundle)
        from xltools.addin.build import addin_main

        assert args[1] in ("build", "install", "bundle")
        with pytest.raises(SystemExit) as done:
            addin_main([args[1], "--help"])
        assert done.value.code == 0
        return
    build_parser().parse_args(args)


def test_the_guide_commands_run_on_the_sample(tmp_path: Path) -> None:
    for name, source in INPUTS.items():
        shutil.copyfile(source, tmp_path / name)
    folder = tmp_path / "各单位"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "甲单位.xlsx")
    ran = 0
    for command in guide_commands():
        args = shlex.split(command)[1:]
        inputs = [a for a in args[1:] if (not a.startswith("-") and "." in a) or a == "各单位"]
        if args[0] in PARSE_ONLY or (inputs and not (tmp_path / inputs[0]).exists()):
            continue
        res = subprocess.run([sys.executable, "-m", "xltools", *args], cwd=tmp_path, capture_output=True, text=True,
                             timeout=120)
        assert res.returncode in (0, 1), (command, res.returncode, res.stderr)  # 1: the sample has errors to report
        assert "Traceback" not in res.stderr, command
        ran += 1
    assert ran >= 12
    assert (tmp_path / "结果.xlsx").is_file() and (tmp_path / "发布.xlsx").is_file()
