"""Text of the 绩效指标 cell no field took reaches the 申报表 as a 备注 (issue 13): a note on the
standard form, a cell on a spec with a 备注 field — and from there back into the published cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from openpyxl import load_workbook

from xltools.forms import load_spec, read_forms, write_forms
from xltools.forms.fill import REMARK_FIELD, project_cells
from xltools.forms.spec import SPEC_DIR
from xltools.io import read_rows
from xltools.join import publish_text
from xltools.table import read_table

TABLE = """单位：万元
项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标
培训项目\t20\t20\t\t\t完成培训\t1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。备注：以上指标以年终考核结果为准，未尽事项另行通知。
运维项目\t10\t10\t\t\t系统运行\t1、1-产出指标：12-质量指标：系统可用率；年度指标值：≥99%。
"""
REMARK = "备注:以上指标以年终考核结果为准,未尽事项另行通知。"


@pytest.fixture()
def table(tmp_path: Path):  # type: ignore[no-untyped-def]
    src = tmp_path / "t.txt"
    src.write_text(TABLE, encoding="utf-8")
    return read_table(read_rows(src))


def test_the_remainder_is_the_forms_remark(table) -> None:  # type: ignore[no-untyped-def]
    cells, notes = project_cells(table.projects[0], department=None, unit_name=None)
    assert cells[REMARK_FIELD] == REMARK
    assert REMARK in notes["name"]  # the standard spec has no 备注 cell: a note on 项目名称
    cells, notes = project_cells(table.projects[1], department=None, unit_name=None)
    assert cells[REMARK_FIELD] is None and "name" not in notes


def test_the_standard_form_shows_the_remainder_as_a_note(table, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = write_forms(table, tmp_path / "forms.xlsx")[0]
    wb = load_workbook(out)
    comments = [c.comment.text for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert any("以上指标以年终考核结果为准" in t for t in comments)


def _spec_with_remark(tmp_path: Path) -> Path:
    """The standard spec with a 备注 row above the indicator block."""
    data = json.loads((SPEC_DIR / "standard.json").read_text(encoding="utf-8"))
    data["id"] = "standard-remark"
    data["cells"] += [{"range": "A11:B11", "text": "备注", "style": "label"},
                      {"range": "C11:J11", "field": "remark", "label": "备注", "style": "input"}]
    data["block"]["header_row"] = 12
    path = tmp_path / "remark.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_remark_field_carries_the_remainder_back_to_the_published_cell(table, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = load_spec(_spec_with_remark(tmp_path))
    out = write_forms(table, tmp_path / "forms.xlsx", spec)[0]
    back = read_forms(out, spec)
    text = publish_text(back.projects[0].indicators)
    assert text.endswith("≥6次。备注：以上指标以年终考核结果为准，未尽事项另行通知。")
    assert publish_text(back.projects[1].indicators) == "1、1-产出指标：12-质量指标：系统可用率；年度指标值：≥99%。"


def test_join_of_a_folder_checks_each_workbook_like_every_reader(tmp_path: Path) -> None:
    """A filled form whose package inflates 1000:1 past 16 MiB (a zip bomb's shape) is refused by the
    package check every reader runs, before openpyxl opens it (openpyxl alone would read it)."""
    import shutil
    import zipfile

    from xltools import api
    from xltools.errors import InputError

    folder = tmp_path / "forms"
    folder.mkdir()
    bomb = folder / "a.xlsx"
    shutil.copy(ROOT / "workbooks" / "blank_template.xlsx", bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("customXml/item9.xml", b"<a>" + b"0" * (20 * 2**20) + b"</a>")
    with pytest.raises(InputError, match="压缩炸弹"):
        api.join_table(folder)
