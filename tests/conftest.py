"""Shared paths and data: the seed table and its gold records (copied from ../shared so the
suite runs on a fresh checkout; ``test_shared_copies_match`` keeps the copies honest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_TXT = ROOT / "workbooks" / "sample_seed.txt"
SEED_XLSX = ROOT / "workbooks" / "sample_seed.xlsx"
GOLD_INDICATORS = DATA / "seed_indicators.jsonl"
GOLD_PROJECTS = DATA / "seed_projects.jsonl"
SHARED = ROOT.parent / "shared"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold_projects() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_PROJECTS)


@pytest.fixture(scope="session")
def gold_indicators() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_INDICATORS)


def seed_cells() -> list[tuple[str, str]]:
    """(project name, 绩效指标 cell) of every row of the seed that has one."""
    return [(r["name"], r["indicators_raw"]) for r in load_jsonl(GOLD_PROJECTS) if r["indicators_raw"]]
