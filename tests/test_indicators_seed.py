"""Acceptance on the seed table: the gold records, the lossless round trip, the known mess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, GOLD_INDICATORS, SEED_TXT, SEED_XLSX, SHARED, seed_cells

from xltools import format_indicators, normalize, parse_indicators
from xltools.io import read_rows
from xltools.table import read_table


def _split_json(source: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as f:
        subprocess.run([sys.executable, "-m", "xltools", "split", str(source), "--json"], stdout=f, check=True)
    return out


@pytest.mark.parametrize("source", [SEED_TXT, SEED_XLSX], ids=["text-dump", "workbook"])
def test_split_json_matches_gold_on_every_field(source: Path, tmp_path: Path) -> None:
    out = _split_json(source, tmp_path)
    cmp = subprocess.run(
        [sys.executable, str(DATA / "compare_gold.py"), str(GOLD_INDICATORS), str(out)],
        capture_output=True,
        text=True,
    )
    assert cmp.returncode == 0, cmp.stdout
    assert "(100.0%), extra records: 0" in cmp.stdout


@pytest.mark.parametrize(("project", "cell"), seed_cells(), ids=lambda x: x[:16] if isinstance(x, str) else "")
def test_format_reproduces_canonical_text_of_every_seed_cell(project: str, cell: str) -> None:
    parsed = parse_indicators(cell)
    assert format_indicators(parsed) == normalize(cell)
    assert parsed.raw == cell


def test_seed_table_shape() -> None:
    rows = read_table(read_rows(SEED_TXT)).rows
    kinds = [r.kind for r in rows]
    assert kinds.count("total") == 1
    assert kinds.count("subtotal") == 1
    assert kinds.count("project") == 40
    assert kinds.count("placeholder") == 1
    assert sum(len(r.indicators) for r in rows) == 200


def test_placeholder_project_has_no_indicators_and_says_so() -> None:
    row = next(r for r in read_table(read_rows(SEED_TXT)).rows if r.name == "22202412003")
    cell = row.indicators
    assert row.kind == "placeholder"
    assert len(cell) == 0
    assert [w.code for w in cell.warnings] == ["placeholder"]
    assert cell.remainder == "略"


def test_contradicting_level_codes_are_kept_and_warned() -> None:
    flagged = [
        (r.name, i.seq, i.level1_code, i.level2_code)
        for r in read_table(read_rows(SEED_TXT)).rows
        for i in r.indicators
        if any(w.code == "l2_parent_mismatch" for w in i.warnings)
    ]
    assert flagged == [
        ("增城区政务信息化项目专家评审和项目辅助管理费", 5, "2", "31"),
        ("增城区政务信息化项目专家评审和项目辅助管理费", 6, "2", "31"),
        ("增城区政府门户网站工作经费", 6, "2", "31"),
    ]


def test_no_seed_text_is_lost() -> None:
    for _, cell in seed_cells():
        parsed = parse_indicators(cell)
        assert parsed.remainder in ("", "略")


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is only beside a development checkout")
@pytest.mark.parametrize(
    ("copy", "original"),
    [
        (SEED_TXT, "seed/000_054ceea5f7155cfe.txt"),
        (DATA / "seed_indicators.jsonl", "fixtures/seed_indicators.jsonl"),
        (DATA / "seed_projects.jsonl", "fixtures/seed_projects.jsonl"),
        (DATA / "compare_gold.py", "tools/compare_gold.py"),
    ],
)
def test_shared_copies_match(copy: Path, original: str) -> None:
    assert copy.read_bytes() == (SHARED / original).read_bytes()
