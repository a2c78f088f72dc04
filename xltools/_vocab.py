"""Vocabulary as data: the indicator frameworks, value labels, comparator words and units.

Frameworks live in ``xltools/data/frameworks/*.json`` (one file per framework, each with its
sources); a province's variant is a new JSON file there, or in a folder named by the
environment variable ``XLTOOLS_FRAMEWORKS``, not new code. Names of all frameworks are merged;
when two frameworks give the same name, the file loaded first wins (``classic`` first, then
alphabetical order).

Comparator words: 财预〔2021〕101号 (指标值 is ≥ / ≤ / = or 定性) and the wording seen in
published Guangdong tables (``../shared/seed``): 不低于, 以上, 以内, 超过, 小于, 达到 …

>>> LEVEL1_BY_NAME["产出指标"].code, LEVEL2_BY_CODE["31"].parent.name
('1', '满意度指标')
>>> [e.parent.name for e in LEVEL2_BY_NAME["成本指标"]]
['产出指标', '项目完成指标']
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ANNUAL_LABELS",
    "FRAMEWORKS",
    "GENERIC_LABELS",
    "LEVEL1_BY_CODE",
    "LEVEL1_BY_NAME",
    "LEVEL2_BY_CODE",
    "LEVEL2_BY_NAME",
    "LEVEL2_SPELLINGS",
    "OPS_AFTER",
    "OPS_BEFORE",
    "PERIOD_LABELS",
    "PER_UNITS",
    "PLACEHOLDERS",
    "UNITS",
    "UNIT_MULTIPLIERS",
    "Framework",
    "Level1",
    "Level2",
]


@dataclass(frozen=True, slots=True)
class Level1:
    code: str | None
    name: str
    aliases: tuple[str, ...]
    framework: str
    children: tuple[Level2, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Level2:
    code: str | None
    name: str
    aliases: tuple[str, ...]
    parent: Level1


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    title: str
    sources: tuple[str, ...]
    level1: tuple[Level1, ...]


def _load_framework(path: Path) -> Framework:
    data = json.loads(path.read_text(encoding="utf-8"))
    level1s = []
    for l1 in data["level1"]:
        parent = Level1(l1.get("code"), l1["name"], tuple(l1.get("aliases", ())), data["id"])
        kids = tuple(
            Level2(l2.get("code"), l2["name"], tuple(l2.get("aliases", ())), parent) for l2 in l1["level2"]
        )
        object.__setattr__(parent, "children", kids)
        level1s.append(parent)
    return Framework(data["id"], data.get("title", ""), tuple(data.get("sources", ())), tuple(level1s))


def _framework_files() -> list[Path]:
    here = Path(__file__).with_name("data") / "frameworks"
    files = sorted(here.glob("*.json"), key=lambda p: (p.stem != "classic", p.stem))
    extra = os.environ.get("XLTOOLS_FRAMEWORKS")
    if extra:
        files += sorted(Path(extra).glob("*.json"))
    return files


FRAMEWORKS: tuple[Framework, ...] = tuple(_load_framework(p) for p in _framework_files())

LEVEL1_BY_NAME: dict[str, Level1] = {}
LEVEL1_BY_CODE: dict[str, Level1] = {}
LEVEL2_BY_NAME: dict[str, list[Level2]] = {}
LEVEL2_BY_CODE: dict[str, Level2] = {}
for _fw in FRAMEWORKS:
    for _l1 in _fw.level1:
        for _n in (_l1.name, *_l1.aliases):
            LEVEL1_BY_NAME.setdefault(_n, _l1)
        if _l1.code:
            LEVEL1_BY_CODE.setdefault(_l1.code, _l1)
        for _l2 in _l1.children:
            for _n in (_l2.name, *_l2.aliases):
                if all(e.parent.name != _l1.name for e in LEVEL2_BY_NAME.get(_n, [])):
                    LEVEL2_BY_NAME.setdefault(_n, []).append(_l2)
            if _l2.code:
                LEVEL2_BY_CODE.setdefault(_l2.code, _l2)

#: Other spellings of a framework's 二级 names, read as that 二级 (the name stays as written).  Kept apart
#: from the framework files, which hold the names each framework itself gives.
#: Source: 同心县下马关镇 2023 绩效目标设定公示 (tongxin.gov.cn; variants.md S23) writes its 效益 二级 as
#: ``社会效益目标``: the ``…效益目标`` / ``…影响目标`` of the same template are read alike.
LEVEL2_SPELLINGS: dict[str, str] = {
    "经济效益目标": "经济效益", "社会效益目标": "社会效益", "生态效益目标": "生态效益", "可持续影响目标": "可持续影响",
}
for _n, _primary in LEVEL2_SPELLINGS.items():
    LEVEL2_BY_NAME.setdefault(_n, list(LEVEL2_BY_NAME[_primary]))

#: Value labels inside an indicator item, canonical (half-width) spelling.
PERIOD_LABELS = ("实施周期指标值", "实施期指标值", "实施周期目标值", "实施期目标值", "中期指标值", "中期目标值")
ANNUAL_LABELS = ("年度指标值", "年度目标值", "本年度指标值", "当年指标值")
#: A single label: the value is the year's (annual) target; the 实施周期 value stays empty.
GENERIC_LABELS = ("指标值", "目标值")

#: Cells that say "nothing here" rather than holding indicators.
PLACEHOLDERS = frozenset({"略", "无", "/", "-", "—", "——", "暂无", "不适用", "空", "N/A", "n/a", "NA"})

#: Words before the number, longest first wins.  Canonical symbols: = ≥ ≤ > <
OPS_BEFORE: dict[str, str] = {
    "≥": "≥", "≤": "≤", ">": ">", "<": "<", "=": "=",
    "大于或等于": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥", "最少": "≥",
    "小于或等于": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "最多": "≤",
    "控制在": "≤",
    "超过": ">", "大于": ">", "高于": ">", "多于": ">", "超": ">",
    "小于": "<", "低于": "<", "少于": "<",
    "等于": "=", "达到": "=", "完成": "=", "达": "=", "为": "=",
}
#: Words after the number (and unit).  ``以上`` after ``达到…`` still makes ``≥``.
OPS_AFTER: dict[str, str] = {
    "及以上": "≥", "以上": "≥", "或以上": "≥", "之上": "≥",
    "及以下": "≤", "以下": "≤", "或以下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
}

#: What may follow a unit after ``/`` (``元/亩``, ``次/月``, ``批次/千人``).
PER_UNITS = ("年", "月", "季度", "周", "日", "天", "小时", "次", "人", "千人", "万人", "亩", "平方米", "个", "户", "件", "份",
             "场", "台", "套", "项", "人次", "公里", "km", "m2", "吨", "床")

#: Multipliers that stay part of the unit as written (``100万宗`` → 100, unit ``万宗``).
UNIT_MULTIPLIERS = ("万", "亿", "千", "百")
#: Units after a number, matched longest first.
UNITS: tuple[str, ...] = tuple(
    sorted(
        {
            "%", "‰", "个百分点", "百分点",
            "个工作日", "工作日", "个自然日", "自然日", "个月", "小时", "分钟", "秒钟", "秒", "天", "日", "周",
            "月", "年", "季度", "学时", "课时",
            "人次", "人天", "人日", "人", "户", "家", "所", "个", "件", "宗", "篇", "枚", "份", "台", "套", "项",
            "条", "场", "期", "批", "处", "座", "栋", "间", "张", "本", "册", "页", "部", "辆", "艘", "架", "株",
            "棵", "头", "只", "对", "块", "根", "组", "类", "种", "支", "队", "班", "节", "轮", "起", "单", "笔",
            "平方米", "平方公里", "平方千米", "亩", "公顷", "米", "公里", "千米", "厘米", "立方米", "吨", "千克",
            "公斤", "克", "升", "千瓦", "千瓦时", "度", "兆", "百分比", "批次", "场次", "班次", "课次", "户次",
            "GB", "TB", "MB", "Mbps", "Gbps", "M", "G", "km", "m2", "m3", "m", "kg", "t", "kW", "kWh", "°C",
            "元", "万元", "亿元", "分", "级", "星", "次", "遍", "倍", "岁", "位", "床",
        },
        key=len,
        reverse=True,
    )
)
