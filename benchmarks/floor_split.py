"""The speed floor for ``xltools split --json``: the least work that prints the same records.

Usage::

    python benchmarks/floor_split.py benchmarks/out/corpus_10k.txt > out.jsonl

Reads a seed-layout text dump, finds the 绩效指标 column by the header row (at every page
break), and reads each indicator with ONE regex (``finditer`` over the cell), then each value
with one cheap op/number/unit regex.  It prints the JSON Lines keys of ``xltools split --json``
(``warnings`` is always empty).  It is only right on the regular seed layout
(``1、1-产出指标：11-数量指标：名称；实施周期指标值：…；年度指标值：…。``): a yardstick, not a parser.
Stdlib only (re, json, sys).
"""

from __future__ import annotations

import json
import re
import sys

HALF = str.maketrans("：；（），％", ":;(),%")
ITEM = re.compile(r"(\d+)、(\d)-([^:;]+?):(\d{2,3})-([^:;]+?)[:;]([^;]*?) *;实施周期指标值:([^;]*);年度指标值:([^。]*)。")
VALUE = re.compile(
    r"[^\d≥≤<>=]*?(≥|≤|>|<|=|超过|不低于|不少于|大于|小于|低于|达到|完成)?(\d+(?:\.\d+)?)"
    r"(%|个工作日|小时|平方米|万宗|人次|万|[个件宗篇枚次分秒台])?(以上|以下|以内|内)?(?:\(([^()\d]*)\)|([^\d]*))"
)
OPS = {"超过": ">", "大于": ">", "不低于": "≥", "不少于": "≥", "小于": "<", "低于": "<", "达到": "=", "完成": "="}
POST = {"以上": "≥", "以下": "≤", "以内": "≤", "内": "≤"}


def value(raw: str) -> dict[str, object]:
    m = VALUE.fullmatch(raw)
    if m is None:
        return {"raw": raw, "kind": "qualitative", "op": None, "number": None, "unit": None, "note": None}
    op, num, unit, post, note, rest = m.groups()
    x = float(num)
    return {
        "raw": raw,
        "kind": "quantitative",
        "op": POST.get(post or "") or OPS.get(op or "", op) or "=",
        "number": int(x) if x.is_integer() else x,
        "unit": unit or "",
        "note": note or rest or None,
    }


def main(path: str) -> int:
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    out = sys.stdout
    name_col = col = -1
    for line in lines:
        cells = line.split("\t")
        if "绩效指标" in cells:
            col, name_col = cells.index("绩效指标"), next(i for i, c in enumerate(cells) if c.startswith("项目名称"))
            continue
        if col < 0 or len(cells) <= col or not cells[col]:
            continue
        project, cell = cells[name_col].strip(), cells[col]
        if "：" in cell or "；" in cell:  # a full-width page
            cell = cell.translate(HALF)
        for m in ITEM.finditer(cell):
            seq, c1, l1, c2, l2, name, period, annual = m.groups()
            record: dict[str, object] = {
                "project": project,
                "seq": int(seq),
                "level1_code": c1,
                "level1": l1,
                "level2_code": c2,
                "level2": l2,
                "name": name,
                "period": value(period),
                "annual": value(annual),
                "warnings": [],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
