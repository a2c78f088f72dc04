"""Generate a large, seed-like 项目支出绩效目标表 text dump for benchmarking ``xltools split``.

Usage::

    python benchmarks/gen_corpus.py --projects 10000 -o benchmarks/out/corpus_10k.txt

The output is deterministic for a given ``--projects``/``--random-seed`` and seed table.  It
mimics the seed layout (tab-separated, title lines, ``单位：万元``, the header repeated at
every page break, blank lines): several departments one after another, each with its 合计 and
unit rows, pages of ~40 rows written in full-width (``：；（）``) or half-width (``:;()``)
punctuation, a few ``略`` placeholder projects, and 1-9 indicators per project (5 on average).
Indicator names, levels and value shapes are harvested from every distinct indicator of the
seed table and re-drawn with new numbers (``≥{n}%``, ``{n}个``, ``超过{n}万宗`` ...).  Stdlib only.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_CANDIDATES = (
    HERE.parent / "workbooks" / "sample_seed.txt",
    HERE.parents[1] / "shared" / "seed" / "000_054ceea5f7155cfe.txt",
)
TITLE = "项目支出绩效目标表（含转移支付项目）"
HEADER = ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
TO_HALF = str.maketrans("：；（），", ":;(),")
TO_FULL = str.maketrans(":;(),", "：；（），")
# One seed item, after TO_HALF: 1、1-产出指标:11-数量指标:名称;实施周期指标值:…;年度指标值:…。
ITEM = re.compile(
    r"(?P<seq>\d+)、(?P<c1>\d)-(?P<l1>[^:;]+?):(?P<c2>\d{2})-(?P<l2>[^:;]+?)(?P<sep>[:;])"
    r"(?P<name>[^;]+?) ?;实施周期指标值:(?P<period>[^;]*);年度指标值:(?P<annual>[^。]*)。"
)
NUMBER = re.compile(r"\d+(?:\.\d+)?")
NAME_PREFIX = re.compile(r"广州市|增城区?|政务服务数据管理局|\(增城开发区政务服务数据管理局\)|\d{4}(?:-\d{4})?年度?")
# fmt: off
DISTRICTS = ("增城", "天河", "越秀", "海珠", "荔湾", "白云", "黄埔", "番禺", "花都", "南沙", "从化")
DEPARTMENTS = (
    "政务服务数据管理局", "教育局", "卫生健康局", "民政局", "司法局", "交通运输局", "农业农村局",
    "住房和城乡建设局", "人力资源和社会保障局", "文化广电旅游体育局", "市场监督管理局", "城市管理和综合执法局",
)
NAME_PREFIXES = ("", "", "", "区", "镇街", "窗口", "平台", "中心", "全区", "年度")
PERCENTS = (60, 70, 75, 80, 85, 88, 90, 92, 95, 96, 98, 99, 100)
# Value shapes not (or not often) in the seed, as (template, typical number).
PERCENT_SHAPES = (("≥{n}%", 90), ("{n}%", 100), ("不低于{n}%", 90), ("达到{n}%", 95), ("{n}%以上", 90))
COUNT_SHAPES = (
    ("{n}个", 20), ("≥{n}个", 10), ("{n}次", 12), ("超过{n}万宗", 100), ("{n}件", 2000), ("≤{n}个工作日", 5),
    ("{n}个工作日内办结", 3), ("≥{n}人次", 500), ("{n}篇", 300), ("≥{n}小时(每年)", 1500), ("{n}台", 40),
)
QUALITATIVE = (
    "正常运转", "提高", "提升", "效果明显", "满意", "基本满意", "符合要求", "按时完成", "有效保障",
    "逐步改善", "持续提升", "明显提升", "全年正常运行", "优良", "达到预期目标", "符合国家标准",
)
SATISFACTION_SHAPES = (("≥{n}%", 90), ("{n}%", 95), ("用户满意度{n}%以上", 95), ("不低于{n}%", 90), ("满意", 0))
# fmt: on

Shape = tuple[str, float]  # a value template with "{n}" (or none) and the number the seed had there


@dataclass(frozen=True)
class Indicator:
    """A harvested indicator: levels in canonical (half-width) text, value templates with ``{n}``."""

    c1: str
    l1: str
    c2: str
    l2: str
    sep: str
    name: str
    values: tuple[Shape, ...]

    @property
    def satisfaction(self) -> bool:
        return self.c1 == "3"


def template(value: str) -> Shape:
    """``≥90%`` -> ``("≥{n}%", 90)``; values with no or several numbers stay as they are."""
    found = NUMBER.findall(value)
    if len(found) != 1:
        return value.replace("{", "(").replace("}", ")"), 0
    return NUMBER.sub("{n}", value, count=1), float(found[0])


def seed_path(given: str | None) -> Path:
    for path in [Path(given)] if given else list(SEED_CANDIDATES):
        if path.is_file():
            return path
    sys.exit(f"gen_corpus: seed table not found ({given or ', '.join(map(str, SEED_CANDIDATES))})")


def harvest(path: Path) -> tuple[list[Indicator], list[str], list[str]]:
    """Distinct indicators, project-name bases and 绩效目标 texts of the seed table."""
    found: dict[tuple[str, str, str, str, str, str], set[Shape]] = {}
    bases: list[str] = []
    goals: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        cells = line.split("\t")
        if len(cells) < 7 or cells[6] in ("绩效指标", "", "略"):
            continue
        cell = cells[6].translate(TO_HALF)
        for m in ITEM.finditer(cell):
            key = (m["c1"], m["l1"], m["c2"], m["l2"], m["sep"], m["name"])
            found.setdefault(key, set()).update((template(m["period"]), template(m["annual"])))
        base = cells[0].translate(TO_HALF)
        while prefix := NAME_PREFIX.match(base):
            base = base[prefix.end() :]
        bases.append(base)
        goals.append(cells[5].translate(TO_HALF))
    indicators = [Indicator(*key, tuple(sorted(shapes))) for key, shapes in sorted(found.items())]
    return indicators, sorted(set(bases)), sorted(set(goals))


def number_for(shape: Shape, rng: random.Random) -> str:
    """A new number for the ``{n}`` of a shape: a common percentage, or near the seed's number."""
    text, typical = shape
    if "{n}%" in text:
        return str(rng.choice(PERCENTS))
    x = typical * rng.choice((0.2, 0.5, 0.8, 1, 1, 1.2, 1.5, 2, 3, 5)) if typical else rng.randint(0, 3)
    if typical != int(typical):
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return str(max(1, round(x)) if typical else round(x))


def draw_value(ind: Indicator, rng: random.Random) -> str:
    if ind.satisfaction:
        shape = rng.choice(SATISFACTION_SHAPES + ind.values)
    else:
        r = rng.random()
        own = rng.choice(ind.values)
        extra = PERCENT_SHAPES if "%" in own[0] else COUNT_SHAPES
        shape = own if r < 0.75 else rng.choice(extra) if r < 0.9 else (rng.choice(QUALITATIVE), 0)
    return shape[0].replace("{n}", number_for(shape, rng))


def indicator_text(seq: int, ind: Indicator, rng: random.Random) -> str:
    period = draw_value(ind, rng)
    annual = period if rng.random() < 0.85 else draw_value(ind, rng)
    name = ind.name if ind.satisfaction else rng.choice(NAME_PREFIXES) + ind.name
    space = " " if name.endswith("(%)") and rng.random() < 0.5 else ""  # the seed's "群众满意度(%) ;"
    return f"{seq}、{ind.c1}-{ind.l1}:{ind.c2}-{ind.l2}{ind.sep}{name}{space};实施周期指标值:{period};年度指标值:{annual}。"


def indicator_cell(pool: list[Indicator], satisfaction: list[Indicator], rng: random.Random) -> str:
    k = rng.choices(range(1, 10), weights=(1, 2, 3, 4, 5, 4, 3, 2, 1))[0]
    last = [rng.choice(satisfaction)] if k > 1 and rng.random() < 0.9 else []
    picks = sorted(rng.sample(pool, k - len(last)), key=lambda i: (i.c1, i.c2)) + last
    return "".join(indicator_text(i, ind, rng) for i, ind in enumerate(picks, 1))


def header_line(full: bool) -> str:
    return "\t".join(HEADER if full else (HEADER[0].translate(TO_HALF), *HEADER[1:]))


def amount_cells(amounts: tuple[float, ...]) -> list[str]:
    """总计, 财政拨款, 财政专户拨款, 其他资金 as the seed writes them (``4,693.61``; empty for none)."""
    return [f"{x:,.2f}" if x or i == 0 else "" for i, x in enumerate(amounts)]


class Corpus:
    """Writes departments, pages and rows of the dump."""

    def __init__(self, seed_table: Path, rng: random.Random) -> None:
        indicators, self.bases, self.goals = harvest(seed_table)
        self.rng = rng
        self.satisfaction = [i for i in indicators if i.satisfaction]
        self.pool = [i for i in indicators if not i.satisfaction]
        self.names: dict[str, int] = {}

    def project_name(self, unit: str, district: str) -> str:
        rng = self.rng
        base = rng.choice(self.bases).replace("增城", district)
        year = rng.choice(("2021年", "2022年", "2023年", "2024年", "2023-2024年", "2023-2024年度", ""))
        name = rng.choice((f"{base}", f"{district}区{base}", f"{year}{district}区{base}", f"{unit}{year}{base}"))
        name = name.replace("区区", "区")
        n = self.names[name] = self.names.get(name, 0) + 1
        return name if n == 1 else f"{name}({n}期)"

    def project_row(self, unit: str, district: str, full: bool) -> tuple[list[str], tuple[float, ...]]:
        rng = self.rng
        total = round(rng.lognormvariate(3.3, 1.1), 2)
        fiscal, special, other = total, 0.0, 0.0
        if rng.random() < 0.1:
            other = round(total * rng.uniform(0.1, 0.6), 2)
            fiscal = round(total - other, 2)
        elif rng.random() < 0.03:
            special, fiscal = total, 0.0
        numbers = (total, fiscal, special, other)
        amounts = amount_cells(numbers)
        if rng.random() < 0.005:
            return [f"22{rng.randint(2021, 2024)}{rng.randint(10000, 99999)}", *amounts, "略", "略"], numbers
        name = self.project_name(unit, district)
        goal = rng.choice(self.goals).replace("增城", district)
        cells = [name, *amounts, goal, indicator_cell(self.pool, self.satisfaction, rng)]
        if full:
            cells = [c.translate(TO_FULL) for c in cells[:1]] + cells[1:5] + [c.translate(TO_FULL) for c in cells[5:]]
        return cells, numbers

    def department(self, n_projects: int) -> list[str]:
        rng = self.rng
        district = rng.choice(DISTRICTS)
        unit = f"广州市{district}区{rng.choice(DEPARTMENTS)}"
        rows: list[str] = []
        sums = [0.0, 0.0, 0.0, 0.0]
        left, page_rows, full = n_projects, rng.randint(8, 15), rng.random() < 0.5
        first_full = full
        while left:
            for _ in range(min(page_rows, left)):
                cells, amounts = self.project_row(unit, district, full)
                rows.append("\t".join(cells))
                sums = [a + b for a, b in zip(sums, amounts)]
                left -= 1
            if left:
                full = rng.random() < 0.5
                rows += ["", header_line(full)]
                page_rows = rng.randint(32, 48)
        head = ["", "", TITLE, "", f"部门名称：{unit}", "", "单位：万元", "", header_line(first_full)]
        totals = [*amount_cells(tuple(sums)), "", ""]
        return [*head, "\t".join(["合计", *totals]), "\t".join([unit, *totals]), *rows]


def default_corpus(n_projects: int) -> Path:
    name = f"corpus_{n_projects // 1000}k" if n_projects % 1000 == 0 else f"corpus_{n_projects}"
    return HERE / "out" / f"{name}.txt"


def generate(n_projects: int, seed_table: Path, random_seed: int = 20240601) -> str:
    rng = random.Random(random_seed)
    corpus = Corpus(seed_table, rng)
    lines: list[str] = []
    left = n_projects
    while left:
        n = min(left, rng.randint(150, 400))
        lines += corpus.department(n)
        left -= n
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--projects", type=int, default=10_000, help="number of project rows (default 10000)")
    p.add_argument("-o", "--output", help="file to write (default benchmarks/out/corpus_<N>.txt)")
    p.add_argument("--seed-table", help="seed text dump to harvest indicators from")
    p.add_argument("--random-seed", type=int, default=20240601)
    args = p.parse_args(argv)
    out = Path(args.output) if args.output else default_corpus(args.projects)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = generate(args.projects, seed_path(args.seed_table), args.random_seed)
    out.write_text(text, encoding="utf-8")
    n_ind = len(re.findall(r"\d+、\d-", text))
    print(f"wrote {out}: {args.projects} projects, ~{n_ind} indicators, {len(text.encode()) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
