"""Every workbook xltools writes, printed by LibreOffice (A4, PDF), read back as a reader of the
paper would: the title and ``单位：万元`` on every page, ``第 N 页 共 M 页``, whole messages, every
printed column header whole, type no smaller than ~8 pt — and the pictures in docs/ still show
what the code prints today (``python docs/make_pictures.py`` redraws them).

One LibreOffice run renders all the outputs (~10 s); every test reads its PDFs."""

from __future__ import annotations

import importlib.util
import json
import re
import statistics
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, need_soffice
from openpyxl import load_workbook

from xltools.detail import DETAIL_HEADERS
from xltools.export.convert import FINDING_HEADERS, SUMMARY_HEADERS

MIN_POINTS = 8.0  # body text on paper
SUBTOTAL_MESSAGE = ("“广州市增城区政务服务数据管理局（增城开发区政务服务数据管理局）”的小计4,693.61≠所属项目合计4,693.63"
                    "（相差0.02）")
TITLE = "项目支出绩效目标表(含转移支付项目)—广州市增城区政务服务数据管理局(增城开发区政务服务数据管理局)"


def _pictures():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_pictures", ROOT / "docs" / "make_pictures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def printed(tmp_path_factory):  # type: ignore[no-untyped-def]
    need_soffice()
    pictures = _pictures()
    folder = tmp_path_factory.mktemp("print")
    pictures.render(pictures.build_outputs(folder), folder)
    return pictures, folder


def _pages(pdf: Path) -> list[str]:
    """Each page's text in reading order (``pdftotext -raw``), whitespace removed: a wrapped cell's
    lines run together again."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f") if page.strip()]


def _sheet_pages(pages: list[str], sheet: str) -> list[str]:
    return [p for p in pages if p.startswith(sheet)]


def test_every_page_of_the_convert_workbook_has_title_unit_and_page_numbers(printed) -> None:  # type: ignore[no-untyped-def]
    _, folder = printed
    pages = _pages(folder / "converted.pdf")
    for n, page in enumerate(pages, 1):
        assert page.startswith(("项目汇总", "绩效指标明细", "校验结果", "统计")), n
        assert TITLE in page and "单位：万元" in page, n
        assert f"第{n}页共{len(pages)}页" in page, n
    assert all(_sheet_pages(pages, s) for s in ("项目汇总", "绩效指标明细", "校验结果", "统计"))


def test_the_subtotal_message_prints_whole_with_its_numbers(printed) -> None:  # type: ignore[no-untyped-def]
    _, folder = printed
    findings = "".join(_sheet_pages(_pages(folder / "converted.pdf"), "校验结果"))
    assert SUBTOTAL_MESSAGE in findings
    assert "合计核对" in findings and "grand_total_sum" in findings  # the rule by name, its id beside it


def test_no_printed_column_header_is_cut_and_technical_columns_stay_off_paper(printed) -> None:  # type: ignore[no-untyped-def]
    _, folder = printed
    pages = _pages(folder / "converted.pdf")
    summary, detail, findings = (_sheet_pages(pages, s) for s in ("项目汇总", "绩效指标明细", "校验结果"))
    for header in SUMMARY_HEADERS[: SUMMARY_HEADERS.index("来源位置")]:
        assert header in summary[0], header
    for header in FINDING_HEADERS[: FINDING_HEADERS.index("源位置")]:
        assert header in findings[0], header
    # 明细 is two pages wide, each repeating 项目名称 and 序号
    for header in DETAIL_HEADERS[: DETAIL_HEADERS.index("提示") + 1]:
        assert header in detail[0] + detail[1], header
    assert all("项目名称" in p and "序号" in p for p in detail[:2])
    for technical in ("来源位置", "项目键", "原值校验", "跳转", "源位置"):
        assert not any(technical in p for p in summary + detail[:2] + findings), technical


def test_type_is_at_least_8_points_on_every_page(printed) -> None:  # type: ignore[no-untyped-def]
    import pdfplumber

    _, folder = printed
    for name in ("converted", "published", "forms"):
        with pdfplumber.open(folder / f"{name}.pdf") as pdf:
            for n, page in enumerate(pdf.pages, 1):
                sizes = [c["size"] for c in page.chars if c["text"].strip()]
                assert statistics.median(sizes) >= MIN_POINTS, (name, n, statistics.median(sizes))
                assert min(sizes) >= 7.5, (name, n, min(sizes))


def test_the_chart_names_each_category_with_its_level1(printed) -> None:  # type: ignore[no-untyped-def]
    _, folder = printed
    stats = "".join(_sheet_pages(_pages(folder / "converted.pdf"), "统计"))
    assert "效益-服务对象满意度" in stats and "满意度-服务对象满意度" in stats


def test_differences_and_error_rows_are_conditionally_formatted(printed) -> None:  # type: ignore[no-untyped-def]
    _, folder = printed
    wb = load_workbook(folder / "converted.xlsx")
    summary = wb["项目汇总"]
    diff_row = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 2).value == "差额（计算 − 表中）")
    ranges = {str(cf.sqref): [r.operator or r.formula for r in cf.rules] for cf in summary.conditional_formatting}
    assert ranges[f"D{diff_row}:G{diff_row}"] == ["notEqual"]
    rules = [r.formula[0] for cf in wb["校验结果"].conditional_formatting for r in cf.rules]
    assert rules == ['$A3="错误"', '$A3="警告"']


def test_the_published_table_prints_in_the_seed_layout_with_each_cell_whole(printed) -> None:  # type: ignore[no-untyped-def]
    from xltools.io import read_rows
    from xltools.join import publish_text
    from xltools.table import read_table

    _, folder = printed
    pages = _pages(folder / "published.pdf")
    assert pages[0].startswith("项目支出绩效目标表")
    assert "项目支出绩效目标表(含转移支付项目)部门名称：广州市增城区政务服务数据管理局" in pages[0]
    assert all(h in pages[0] for h in ("单位：万元", "项目名称（资金使用单位）", "财政专户拨款", "绩效目标", "绩效指标"))
    assert "合计4,693.63" in pages[0]
    for n, page in enumerate(pages, 1):
        assert f"第{n}页共{len(pages)}页" in page
    text = "".join(pages)
    table = read_table(read_rows(folder / "published.xlsx"))
    for row in table.projects[:5]:  # every character of each 绩效指标 cell is on paper
        assert re.sub(r"\s+", "", publish_text(row.indicators)) in text, row.name


def test_the_forms_print_with_their_header_and_page_numbers(printed) -> None:  # type: ignore[no-untyped-def]
    _, folder = printed
    pages = _pages(folder / "forms.pdf")
    assert len(pages) >= 2 and sum("区南部政务服务中心后勤保障费单位：万元" in p for p in pages) >= 1  # the project in the header
    assert all("项目支出绩效目标申报表" in p and "单位：万元" in p and f"第{n}页共{len(pages)}页" in p
               for n, p in enumerate(pages, 1))


def test_the_pictures_in_docs_show_what_is_printed_today(printed) -> None:  # type: ignore[no-untyped-def]
    pictures, folder = printed
    stored = json.loads((ROOT / "docs" / "pictures.json").read_text(encoding="utf-8"))
    fresh = pictures.texts(folder)
    assert sorted(stored) == sorted(fresh) == sorted(pictures.PICTURES)
    for name in fresh:
        assert (ROOT / "docs" / name).is_file(), name
        assert fresh[name] == stored[name], f"docs/{name} is stale: run `python docs/make_pictures.py`"


def test_the_merged_workbook_of_a_batch_prints_with_title_unit_and_page_numbers(tmp_path: Path) -> None:
    import pdfplumber

    from xltools.batch import run_batch, write_merged

    need_soffice()
    pictures = _pictures()
    seed = tmp_path / "in" / "seed.xlsx"
    seed.parent.mkdir()
    seed.write_bytes(pictures.SAMPLE.read_bytes())
    results = run_batch([(seed, seed.parent)], tmp_path / "out", jobs=1, merge=True)
    write_merged(results, tmp_path / "all.xlsx")
    pictures.render([tmp_path / "all.xlsx"], tmp_path)
    pages = _pages(tmp_path / "all.pdf")
    assert _sheet_pages(pages, "项目汇总") and _sheet_pages(pages, "绩效指标明细")
    for n, page in enumerate(pages, 1):
        assert "绩效目标表汇总（1个文件）" in page and "单位：万元" in page, n
        assert f"第{n}页共{len(pages)}页" in page, n
    summary = _sheet_pages(pages, "项目汇总")[0]
    assert all(h in summary for h in ("来源文件", "项目名称", "总计", "绩效目标")) and "来源位置" not in summary
    with pdfplumber.open(tmp_path / "all.pdf") as pdf:
        for n, page in enumerate(pdf.pages, 1):
            sizes = [c["size"] for c in page.chars if c["text"].strip()]
            assert statistics.median(sizes) >= MIN_POINTS, (n, statistics.median(sizes))
