"""Level resolution: fill 一级/二级 codes from names and names from codes using the framework
vocabulary, and warn where what was written contradicts it (``2-效益指标：31-服务对象满意度``)."""

from __future__ import annotations

from functools import lru_cache

from ._vocab import LEVEL1_BY_CODE, LEVEL1_BY_NAME, LEVEL2_BY_CODE, LEVEL2_BY_NAME, Level1, Level2
from .model import Indicator, ParseWarning
from .values import TargetValue

__all__ = ["make_indicator", "opt", "resolve_codes", "resolve_levels"]


def resolve_levels(fields: dict[str, object]) -> tuple[dict[str, object], set[str], list[ParseWarning]]:
    """Fill codes from names (and names from codes); warn where they contradict the framework."""
    get = fields.get
    filled, inferred, warns = resolve_codes(
        opt(get("level1_code")), opt(get("level1")), opt(get("level2_code")), opt(get("level2"))
    )
    out = dict(fields)
    out.update(filled)
    return out, set(inferred), list(warns)


@lru_cache(maxsize=4096)
def resolve_codes(
    c1: str | None, n1: str | None, c2: str | None, n2: str | None
) -> tuple[tuple[tuple[str, str], ...], frozenset[str], tuple[ParseWarning, ...]]:
    out: dict[str, object] = {"level1_code": c1, "level1": n1, "level2_code": c2, "level2": n2}
    inferred: set[str] = set()
    warns: list[ParseWarning] = []
    e1: Level1 | None = LEVEL1_BY_NAME.get(str(n1)) if n1 else None
    if n1 and e1 is None:
        warns.append(ParseWarning.of("l1_unknown", name=n1))
    if e1 is None and c1:
        e1 = LEVEL1_BY_CODE.get(str(c1))
    e2: Level2 | None = None
    if n2:
        candidates = LEVEL2_BY_NAME.get(str(n2), [])
        e2 = next((e for e in candidates if e1 is not None and e.parent.name == e1.name), None)
        e2 = e2 or (candidates[0] if candidates else None)
        if e2 is None:
            warns.append(ParseWarning.of("l2_unknown", name=n2))
    if e2 is None and c2:
        e2 = LEVEL2_BY_CODE.get(str(c2))
    if c1 and n1 and e1 is not None and e1.code and e1.code != c1:
        warns.append(ParseWarning.of("l1_code_mismatch", code=c1, name=n1, expected=f"{e1.code}-{e1.name}"))
    if c2 and n2 and e2 is not None and e2.code and e2.code != c2:
        warns.append(ParseWarning.of("l2_code_mismatch", code=c2, name=n2, expected=f"{e2.code}-{e2.name}"))
    if e1 is not None and e2 is not None and e2.parent.name != e1.name:
        label1 = "-".join(str(x) for x in (c1, n1) if x)
        label2 = "-".join(str(x) for x in (c2, n2) if x)
        warns.append(ParseWarning.of("l2_parent_mismatch", level2=label2, parent=e2.parent.name, level1=label1))
    if e1 is None and e2 is not None:
        e1 = e2.parent
    for key, entry_value in (
        ("level1", e1.name if e1 else None),
        ("level1_code", e1.code if e1 else None),
        ("level2", e2.name if e2 else None),
        ("level2_code", e2.code if e2 else None),
    ):
        if out.get(key) is None and entry_value is not None:
            out[key] = entry_value
            inferred.add(key)
    filled = tuple((k, str(out[k])) for k in inferred)
    return filled, frozenset(inferred), tuple(warns)




def opt(x: object) -> str | None:
    return None if x is None else str(x)


def make_indicator(
    *, seq: int | None, level1: str | None, level2: str | None, name: str, annual: TargetValue | None,
    period: TargetValue | None = None, level1_code: str | None = None, level2_code: str | None = None, raw: str = "",
    warnings: tuple[ParseWarning, ...] | list[ParseWarning] = (), extra: tuple[tuple[str, str], ...] = (),
    remainder: tuple[str, ...] = (), fill_unwritten: bool = True,
) -> Indicator:
    """The one way to build an :class:`Indicator` from its levels as written in a grid, a form or a
    明细 row: codes and names filled from the framework (listed in ``inferred``), contradictions
    warned, as the cell parser does.  With ``fill_unwritten=False`` a level written neither by
    name nor by code stays empty (a grid whose 二级 column is blank is not given one).

    >>> ind = make_indicator(seq=1, level1="产出指标", level2="数量指标", name="培训人次", annual=None)
    >>> ind.level1_code, ind.level2_code, sorted(ind.inferred)
    ('1', '11', ['level1_code', 'level2_code'])
    >>> make_indicator(seq=1, level1=None, level2="数量指标", name="x", annual=None, fill_unwritten=False).level1
    """
    fields: dict[str, object] = {"level1_code": level1_code, "level1": level1, "level2_code": level2_code, "level2": level2}
    resolved, inferred, warns = resolve_levels(fields)
    if not fill_unwritten:
        for key in ("level1", "level2"):
            if fields[key] is None and fields[f"{key}_code"] is None and resolved.get(key) is not None:
                resolved[key] = resolved[f"{key}_code"] = None
                inferred -= {key, f"{key}_code"}
    return Indicator(
        seq=seq, level1_code=opt(resolved.get("level1_code")), level1=opt(resolved.get("level1")),
        level2_code=opt(resolved.get("level2_code")), level2=opt(resolved.get("level2")), name=name, period=period,
        annual=annual, raw=raw, warnings=(*warns, *warnings), inferred=frozenset(inferred), remainder=remainder,
        extra=extra,
    )
