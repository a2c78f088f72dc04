"""Rule packs: how a province lights and scores — ``xltools/data/rules/<name>.json`` -> :class:`RulePack`.

A pack holds every number the yearly cycle needs and where it came from (``sources``): the 预算执行
分值 and the 一级 weights, how 分值 are spread over indicators, the scoring method for more- and
less-is-better values, the 定性 tiers, the words meaning 不适用, the grades, the light bands, which
indicators are prorated by month, the dropdown choices and when a 偏差原因 is required.  Switching
packs changes no code (``load_pack("hubei")`` or a path to a JSON file).  Pure: no Excel library.

>>> p = load_pack("central")
>>> p.name, p.month, p.budget_points, p.weight("成本指标"), p.grade_of(Decimal("89.99"))
('central', 7, Decimal('10'), Decimal('50'), '良')
>>> sorted(pack_names())
['central', 'hubei', 'sichuan']
>>> load_pack("central,less=linear").less
'linear'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError
from .normalize import normalize

__all__ = ["DEFAULT_PACK", "RULES_DIR", "Grade", "RulePack", "Tier", "load_pack", "pack_names"]

RULES_DIR = Path(__file__).parent / "data" / "rules"
DEFAULT_PACK = "central"
_METHODS = {"more": ("ratio", "rate"), "less": ("ratio", "linear"), "equal_is": ("more", "less"),
            "distribute": ("level1", "all")}


@dataclass(frozen=True, slots=True)
class Tier:
    """A 定性 tier: its label, the share of the points it earns, its light, other words for it."""

    label: str
    fraction: Decimal
    light: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Grade:
    label: str
    minimum: Decimal


@dataclass(frozen=True, slots=True)
class RulePack:
    """One province's rules (see the module docstring); every field comes from the JSON file."""

    name: str
    title: str
    sources: tuple[str, ...]
    month: int
    budget_points: Decimal
    weights: tuple[tuple[str, Decimal], ...]
    level1_aliases: tuple[tuple[str, str], ...]
    distribute: str
    equal_is: str
    more: str
    less: str
    tiers: tuple[Tier, ...]
    not_applicable: tuple[str, ...]
    grades: tuple[Grade, ...]
    budget_bands: tuple[Decimal, Decimal]
    indicator_bands: tuple[Decimal, Decimal, Decimal]
    prorate_all: bool
    prorate_level1: tuple[str, ...]
    prorate_level2: tuple[str, ...]
    prorate_percent: bool
    reasons: tuple[str, ...]
    possibility: tuple[str, ...]
    possibility_caps: tuple[tuple[str, str], ...]
    reason_below_target: bool
    reason_above_ratio: Decimal | None
    reason_budget_below: Decimal | None
    reason_lights: tuple[str, ...]
    reason_possibility: bool

    def group(self, level1: str | None) -> str:
        """The weight group of a 一级 name (``成本指标`` counts with ``产出指标`` in the central pack)."""
        name = normalize(level1 or "").replace(" ", "")
        return dict(self.level1_aliases).get(name, name)

    def weight(self, level1: str | None) -> Decimal | None:
        return dict(self.weights).get(self.group(level1))

    def tier(self, text: str) -> Tier | None:
        """The tier a word names (its label or an alias), or ``None``."""
        for t in self.tiers:
            if text == t.label or text in t.aliases:
                return t
        return None

    def grade_of(self, total: Decimal | None) -> str:
        if total is None:
            return ""
        return next((g.label for g in self.grades if total >= g.minimum), self.grades[-1].label)

    def prorated(self, level1: str | None, level2: str | None, unit: str | None) -> bool:
        """Whether a more-is-better target is compared with its share N/12 in the monitoring."""
        if self.prorate_all:
            return True
        if unit in ("%", "百分比") and not self.prorate_percent:
            return False
        l2 = normalize(level2 or "").replace(" ", "")
        return self.group(level1) in self.prorate_level1 or l2 in self.prorate_level2

    @property
    def table(self) -> list[tuple[str, Decimal, str]]:
        """``(word, fraction, light)`` for every tier label and alias: the sheet's lookup table."""
        return [(w, t.fraction, t.light) for t in self.tiers for w in (t.label, *t.aliases)]


def _dec(x: Any) -> Decimal:
    return Decimal(str(x))


def _pack(doc: dict[str, Any]) -> RulePack:
    pr, rr = doc.get("prorate", {}), doc.get("reason_required", {})
    return RulePack(
        name=doc["name"], title=doc.get("title", doc["name"]), sources=tuple(doc.get("sources", ())),
        month=int(doc.get("month", 7)), budget_points=_dec(doc.get("budget_points", 10)),
        weights=tuple((k, _dec(v)) for k, v in doc.get("weights", {}).items()),
        level1_aliases=tuple(doc.get("level1_aliases", {}).items()), distribute=doc.get("distribute", "level1"),
        equal_is=doc.get("equal_is", "more"), more=doc.get("more", "ratio"), less=doc.get("less", "ratio"),
        tiers=tuple(Tier(t["label"], _dec(t["fraction"]), t.get("light", ""), tuple(t.get("aliases", ())))
                    for t in doc["tiers"]),
        not_applicable=tuple(doc.get("not_applicable", ("不适用",))),
        grades=tuple(sorted((Grade(g["label"], _dec(g["min"])) for g in doc["grades"]), key=lambda g: -g.minimum)),
        budget_bands=(_dec(doc["budget_bands"][0]), _dec(doc["budget_bands"][1])),
        indicator_bands=(_dec(doc["indicator_bands"][0]), _dec(doc["indicator_bands"][1]), _dec(doc["indicator_bands"][2])),
        prorate_all=bool(pr.get("all", True)), prorate_level1=tuple(pr.get("level1", ())),
        prorate_level2=tuple(pr.get("level2", ())), prorate_percent=bool(pr.get("percent", True)),
        reasons=tuple(doc.get("reasons", ())), possibility=tuple(doc.get("possibility", ())),
        possibility_caps=tuple(doc.get("possibility_caps", {}).items()),
        reason_below_target=bool(rr.get("below_target", True)),
        reason_above_ratio=None if rr.get("above_ratio") is None else _dec(rr["above_ratio"]),
        reason_budget_below=None if rr.get("budget_below") is None else _dec(rr["budget_below"]),
        reason_lights=tuple(rr.get("lights", ())), reason_possibility=bool(rr.get("possibility", False)),
    )


def pack_names() -> list[str]:
    """Names of the packs shipped in ``xltools/data/rules``."""
    return sorted(p.stem for p in RULES_DIR.glob("*.json"))


@lru_cache(maxsize=64)
def load_pack(name: str | None = None) -> RulePack:
    """A pack by name (``central``, ``hubei``, ``sichuan``) or JSON path, with optional overrides after
    commas: ``"central,less=linear"``, ``"hubei,more=rate"``.  Raises :class:`InputError` (one line)."""
    spec = (name or DEFAULT_PACK).strip()
    base, *overrides = [s.strip() for s in spec.split(",")]
    path = Path(base) if base.endswith(".json") else RULES_DIR / f"{base}.json"
    if not path.is_file():
        raise InputError(f"找不到评分规则 {base!r}，可用：{'、'.join(pack_names())} (unknown rule pack)")
    try:
        pack = _pack(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError, IndexError) as e:
        raise InputError(f"{path}: 评分规则文件有误 (bad rule pack): {type(e).__name__}: {e}") from e
    for item in overrides:
        key, _, value = item.partition("=")
        if key not in _METHODS or value not in _METHODS[key]:
            allowed = "；".join(f"{k}={'/'.join(v)}" for k, v in _METHODS.items())
            raise InputError(f"评分规则 {item!r} 无效，可用：{allowed} (bad rule override)")
        changes: dict[str, Any] = {key: value, "name": f"{pack.name},{key}={value}"}
        pack = replace(pack, **changes)
    return pack
