"""The 监控表 and 自评表 print like the other outputs: every page carries the table's name, 单位：万元
and 第 N 页 共 M 页 (LibreOffice → PDF → pdftotext)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED_XLSX, need_soffice

from xltools import api
from xltools.yearly import write_monitor, write_selfeval


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [re.sub(r"\s+", "", p) for p in text.split("\f") if p.strip()]


@pytest.mark.parametrize("kind", ["monitor", "selfeval"])
def test_every_printed_page_has_name_unit_and_page_numbers(kind: str, tmp_path: Path) -> None:
    exe = need_soffice()
    table = api.load_table(SEED_XLSX)
    small = replace(table, rows=table.rows[:5])  # 合计, 小计 and three projects: a few pages
    writer = write_monitor if kind == "monitor" else write_selfeval
    (out,) = writer(small, tmp_path / f"{kind}.xlsx")
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    printed = pages(tmp_path / f"{kind}.pdf")
    name = "监控表" if kind == "monitor" else "自评表"
    assert len(printed) >= 2
    for n, page in enumerate(printed, 1):
        assert name in page and "单位：万元" in page, (n, page[:80])
        assert f"第{n}页共{len(printed)}页" in page, (n, page[-80:])
