"""The sheet formulas of the 监控表 and 自评表, as text (pure) — the twins of :mod:`xltools.scoring`.

Each builder returns the formula for one row, given the row number and the pack; the cells it reads
are fixed by :mod:`xltools.yearly.layout`.  Only functions Excel 2010+ and LibreOffice both have
(``IF IFERROR VLOOKUP MATCH ISNUMBER MIN MAX ROUND COUNTIF SUM N OR AND NOT``); names ``xt_na``
(不适用 words), ``xt_tiers`` (word | fraction | light) live on the hidden lists sheet.  Ratios are
compared after ``ROUND(…, 9)`` on both sides, so a float in the sheet and a ``Decimal`` in Python
fall in the same band.

>>> from xltools.rulepacks import load_pack
>>> score_formula("less", load_pack("central"), 9, percent=False)
'=IF(OR(E9="",ISNUMBER(MATCH(E9,xt_na,0))),"",F9*IF(ISNUMBER(E9),IF(E9<=K9,1,IF(E9<=0,0,MAX(MIN(K9/E9,1),0))),0))'
>>> grade_formula("G20", load_pack("central"))
'=IF(G20="","",IF(G20>=90,"优",IF(G20>=80,"良",IF(G20>=60,"中","差"))))'
"""

from __future__ import annotations

from ..rulepacks import RulePack
from ..values import format_number

__all__ = [
    "budget_light_formula", "budget_rate_formula", "budget_score_formula", "counted_formula", "grade_formula",
    "light_formula", "progress_formula", "score_formula", "score_method", "total_formula", "worst_formula",
]

MONTH = "$B$2"  # the 监控月份 cell of a 监控表


def _na(cell: str) -> str:
    return f"ISNUMBER(MATCH({cell},xt_na,0))"


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def score_method(how: str, pack: RulePack, *, percent: bool) -> str:
    """The rule a row's 得分 uses, as the sheet's 计分方法 column says it."""
    if how == "qual":
        tiers = "、".join(f"{t.label}{format_number(t.fraction * 100)}%" for t in pack.tiers)
        return f"定性：{tiers}"
    if how == "more":
        return "正向：实际值%×分值（封顶）" if pack.more == "rate" and percent else "正向：min(实际/目标,1)×分值"
    return "反向：目标/实际×分值" if pack.less == "ratio" else "反向：超出部分按比例扣分，超一倍为0"


def score_formula(how: str, pack: RulePack, r: int, *, percent: bool) -> str:
    """得分 of indicator row ``r``: E actual, F 分值, K target number, D target text."""
    e, k = f"E{r}", f"K{r}"
    if how == "qual":
        first = format_number(pack.tiers[0].fraction)
        frac = (f"IFERROR(VLOOKUP({e},xt_tiers,2,FALSE),IF(ISNUMBER({e}),MIN(MAX(IF({e}>1,{e}/100,{e}),0),1),"
                f"IF({e}=D{r},{first},0)))")
    elif how == "more" and pack.more == "rate" and percent:
        frac = f"IF(ISNUMBER({e}),MIN(MAX({e},0),1),0)"
    elif how == "more":
        frac = f"IF(ISNUMBER({e}),IF({e}>={k},1,IF({k}<=0,0,MAX(0,{e}/{k}))),0)"
    elif pack.less == "linear":
        frac = f"IF(ISNUMBER({e}),IF({e}<={k},1,IF({k}<=0,0,MAX(0,1-({e}-{k})/{k}))),0)"
    else:
        frac = f"IF(ISNUMBER({e}),IF({e}<={k},1,IF({e}<=0,0,MAX(MIN({k}/{e},1),0))),0)"
    return f'=IF(OR({e}="",{_na(e)}),"",F{r}*{frac})'


def counted_formula(r: int) -> str:
    """The 分值 that counts toward the total (0 for a 不适用 row)."""
    return f"=IF({_na(f'E{r}')},0,F{r})"


def total_formula(budget_score: str, budget_points: str, scores: str, counted: str, actuals: str, executed: str) -> str:
    """100 × earned ÷ possible, to the cent; empty while nothing (no actual, no 执行数) is filled in."""
    possible = f"({budget_points}+SUM({counted}))"
    return (f'=IF(AND(COUNTA({actuals})=0,{executed}=""),"",'
            f'IF({possible}>0,ROUND(100*(N({budget_score})+SUM({scores}))/{possible},2),""))')


def grade_formula(total: str, pack: RulePack) -> str:
    out = _q(pack.grades[-1].label)
    for g in reversed(pack.grades[:-1]):
        out = f"IF({total}>={format_number(g.minimum)},{_q(g.label)},{out})"
    return f'=IF({total}="","",{out})'


def _base(r: int) -> str:
    """The budget a 自评表 scores against: 全年预算数 (D), else 年初预算数 (C)."""
    return f'N(IF(D{r}="",C{r},D{r}))'


def budget_rate_formula(r: int, *, monitor: bool) -> str:
    if monitor:
        return f'=IF(N(C{r})>0,N(D{r})/C{r},"")'
    return f'=IF({_base(r)}>0,N(E{r})/{_base(r)},"")'


def budget_score_formula(r: int) -> str:
    return f"=IF({_base(r)}>0,F{r}*MIN(MAX(N(E{r})/{_base(r)},0),1),0)"


def budget_light_formula(r: int, pack: RulePack) -> str:
    x = f"ROUND(D{r}*12/(C{r}*{MONTH}),9)"
    red, yellow = (format_number(b) for b in pack.budget_bands)
    return f'=IF(OR(N(C{r})<=0,NOT(ISNUMBER(D{r}))),"",IF({x}<{red},"红",IF({x}<{yellow},"黄","绿")))'


def progress_formula(how: str, r: int, *, prorate: bool) -> str:
    """进度比 of a more-is-better row (E actual, K target): actual ÷ (target × N/12), or ÷ target."""
    if how != "more":
        return '=""'
    ratio = f"ROUND(E{r}*12/(K{r}*{MONTH}),9)" if prorate else f"ROUND(E{r}/K{r},9)"
    return f'=IF(OR(E{r}="",{_na(f"E{r}")}),"",IF(NOT(ISNUMBER(E{r})),"",IF(K{r}<=0,"",{ratio})))'


def light_formula(how: str, pack: RulePack, r: int) -> str:
    """The base light of a 监控表 row (G 进度比, E actual, K target, D target text)."""
    e = f"E{r}"
    head = f'=IF(OR({e}="",{_na(e)}),"",'
    if how == "qual":
        return head + f'IFERROR(VLOOKUP({e},xt_tiers,3,FALSE),IF({e}=D{r},{_q(pack.tiers[0].light)},"")))'
    if how == "less":
        return head + f'IF(NOT(ISNUMBER({e})),"",IF({e}<=K{r},"绿","红")))'
    a, b, c = (format_number(x) for x in pack.indicator_bands)
    band = f'IF(G{r}<{a},"红",IF(G{r}<{b},"黄",IF(G{r}<{c},"绿","蓝")))'
    return head + f'IF(NOT(ISNUMBER({e})),"",IF(K{r}<=0,IF({e}>=K{r},"绿","红"),{band})))'


def cap_formula(base: str, possibility: str, pack: RulePack) -> str:
    """The light after the pack's 完成目标可能性 caps (``=base`` when the pack has none)."""
    out = base
    for word, cap in reversed(pack.possibility_caps):
        cond = f"{possibility}={_q(word)}" if cap == "红" else f'AND({possibility}={_q(word)},OR({base}="绿",{base}="蓝"))'
        out = f"IF({cond},{_q(cap)},{out})"
    return "=" + out


def worst_formula(cells: str, single: str | None = None) -> str:
    """The worst light among ``cells`` (a range) and one more cell."""
    out = '""'
    for color in ("绿", "蓝", "黄", "红"):
        count = f'COUNTIF({cells},"{color}")' + (f'+({single}="{color}")' if single else "")
        out = f'IF({count}>0,"{color}",{out})'
    return "=" + out
