"""The 绩效指标 cell <-> a list of :class:`Indicator`, losslessly.

A cell such as::

    1、1-产出指标：11-数量指标：大厅线路、设施等维护完成率；实施周期指标值：≥90%；年度指标值：≥90%。2、…

is normalised once (:func:`xltools.normalize.normalize`), split into items
(:mod:`xltools.items`), and each item into its 一级 / 二级 levels (codes and names, resolved
against the framework by :mod:`xltools.levels`), the 三级 name and the 实施周期 / 年度 values.
Each :class:`Indicator` keeps a ``layout``: the item's punctuation and labels as written, with
the fields as ``{placeholders}``.  :func:`format_indicators` (:mod:`xltools.formatting`) fills the
layouts from the fields, so ``format_indicators(parse_indicators(s)) == normalize(s)`` for every
cell: nothing the parser read is dropped, and text no field took is kept in a ``remainder`` with
a warning.  The data types live in :mod:`xltools.model`; this module reads.

>>> cell = parse_indicators("1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。")
>>> ind = cell[0]
>>> ind.level1, ind.level2_code, ind.name, ind.annual.op, ind.annual.number
('产出指标', '11', '培训人次', '≥', Decimal('6'))
>>> format_indicators(cell)
'1、1-产出指标:11-数量指标:培训人次;实施周期指标值:≥6次;年度指标值:≥6次。'
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from sys import intern
from types import SimpleNamespace

from ._vocab import LEVEL1_BY_NAME, PLACEHOLDERS
from .errors import IndicatorParseError
from .formatting import format_indicator, format_indicators, standard_layout
from .grammar import (
    BARE_DASH,
    BARE_SEP,
    CELL_ITEM,
    FAST_ITEM,
    FAST_LAYOUT,
    L1,
    L1_ANY,
    L2,
    L2_ANY,
    LABEL,
    LABEL_KIND,
    LEVEL_SCORE,
    MARKER_HINT,
    SEP_CHARS,
    SEQ_MARKERS,
    TRAILING_SCORES,
    esc,
)
from .items import Item, marker_info, split_end, split_items
from .levels import opt, resolve_codes, resolve_levels
from .model import WARNINGS, Indicator, ParsedCell, ParseWarning
from .normalize import normalize
from .values import TargetValue, parse_canonical_value, parse_value

__all__ = [
    "WARNINGS",
    "Indicator",
    "ParseWarning",
    "ParsedCell",
    "format_indicator",
    "format_indicators",
    "parse_indicators",
    "parse_indicators_strict",
    "resolve_levels",
    "standard_layout",
]

# --- one item ---------------------------------------------------------------------------

class _Builder:
    """Collects an item's fields and its layout while the item is read left to right (internal, mutable)."""

    __slots__ = ("fields", "layout", "remainder", "warnings")

    def __init__(self) -> None:
        self.fields: dict[str, object] = {}
        self.layout: list[str] = []
        self.remainder: list[str] = []
        self.warnings: list[ParseWarning] = []

    def lit(self, text: str) -> None:
        if text:
            self.layout.append(esc(text) if "{" in text or "}" in text else text)

    def put(self, name: str, value: object) -> None:
        self.fields[name] = value
        self.layout.append("{" + name + "}")

    def rest(self, text: str, code: str = "remainder") -> None:
        if text:
            self.layout.append(f"{{remainder[{len(self.remainder)}]}}")
            self.remainder.append(text)
            self.warnings.append(ParseWarning.of(code, text=text))


def _read_levels(b: _Builder, text: str) -> int:
    """Read the 一级 / 二级 tokens at the start of ``text``; return where the rest begins."""
    pos = 0
    m1 = L1.match(text, pos) or L1_ANY.match(text, pos)
    if m1 is not None:
        score = LEVEL_SCORE.match(text, m1.end())  # 产出指标(50分), 成本指标(0-20)分: the 一级's 分值
        end1 = score.end() if score else m1.end()
        after = L2.match(text, end1) or L2_ANY.match(text, end1)
        entry = LEVEL1_BY_NAME.get(m1.group("name"))
        lone_cost = entry is not None and entry.code is None and after is None  # 2021 成本指标 vs 14-成本指标
        if (m1.group("sep") or after is not None) and not lone_cost:
            _take(b, m1, "level1")
            if score:
                b.rest(score.group())
            pos = end1
    m2 = L2.match(text, pos) or (L2_ANY.match(text, pos) if pos else None)
    if m2 is not None and (m2.group("sep") or m2.end() == len(text) or _glued_name_follows(m2, text)):
        _take(b, m2, "level2")
        pos = m2.end()
    return pos


def _glued_name_follows(m: re.Match[str], text: str) -> bool:
    """``数量指标农村…覆盖率100%``: a full 二级 name glued to the 三级 name (not ``服务对象满意度≥95%``)."""
    follower = text[m.end() : m.end() + 1]
    return len(m.group("name")) >= 4 and bool(follower) and (follower.isalpha() or follower in "*★")


def _take(b: _Builder, m: re.Match[str], level: str) -> None:
    code, csep, name, sep = m.group("code", "csep", "name", "sep")
    if code:
        b.put(f"{level}_code", code)
        b.lit(csep)
    b.put(level, name)
    b.lit(sep)


def _read_value(b: _Builder, slot: str, text: str) -> None:
    stripped = text.strip()
    if stripped == text:
        value = parse_canonical_value(text)
        b.put(slot, value)
    else:
        start = text.find(stripped) if stripped else len(text)
        b.lit(text[:start])
        value = parse_canonical_value(stripped)  # a stripped slice of a canonical text is canonical
        b.put(slot, value)
        b.lit(text[start + len(stripped) :])
    if value.warnings:
        b.warnings.extend(ParseWarning.of(w) for w in value.warnings if w != "value_empty")


def _read_labelled(b: _Builder, rest: str, labels: list[re.Match[str]]) -> None:
    b.put("name", rest[: labels[0].start()])
    generic = sum(1 for m in labels if LABEL_KIND[m.group("label")] == "generic")
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(rest)
        kind = LABEL_KIND[m.group("label")]
        if kind == "generic":
            kind = "annual" if generic == 1 or "period" in b.fields else "period"
        if kind in b.fields:
            b.rest(rest[m.start() : stop], "extra_value")
            continue
        b.lit(rest[m.start() : m.end()])
        _read_value(b, kind, rest[m.end() : stop])


def _read_bare(b: _Builder, rest: str) -> None:
    parts = BARE_SEP.split(rest)
    seps = BARE_SEP.findall(rest)
    if len(parts) == 1 and (dash := BARE_DASH.search(rest)):
        parts, seps = [rest[: dash.start()], rest[dash.end() :]], ["-"]
    if len(parts) == 1:
        value = parse_value(rest)
        subject = value.subject if value.is_quantitative else None
        if subject and subject != rest and rest.startswith(subject):
            parts, seps = [subject, rest[len(subject) :]], [""]
    b.put("name", parts[0])
    slots = ["annual"] if len(parts) == 2 else ["period", "annual"]
    for i, (sep, part) in enumerate(zip(seps, parts[1:])):
        if i < len(slots):
            b.lit(sep)
            _read_value(b, slots[i], part)
        else:
            b.rest(sep + part, "extra_value")


def _parse_item(item: Item) -> Indicator:
    """The item's body is read once per distinct text (cached); its number and marker are its own."""
    ind = _parse_body(item.body, item.end)
    if not item.marker:
        return ind
    return Indicator(
        item.seq, ind.level1_code, ind.level1, ind.level2_code, ind.level2, ind.name, ind.period, ind.annual,
        item.marker.format(seq=item.seq) + ind.raw, ind.warnings, ind.inferred, ind.remainder,
        intern(item.marker + ind.layout),  # the marker is already a layout: "{seq}、", "({seq})", "①" …
    )


@lru_cache(maxsize=65536)
def _parse_body(text: str, end: str) -> Indicator:
    return _fast_body(text, end) or _slow_indicator(text, end)


def _slow_indicator(text: str, end: str) -> Indicator:
    """The general grammar, for any item."""
    b = _slow_body(text)
    b.lit(end)
    return _build(b, text + end)


def _fast_body(text: str, end: str) -> Indicator | None:
    """The seed's regular form in one regex (``1-产出指标:11-数量指标:名称;实施周期指标值:v;年度指标值:v``,
    codes optional), read exactly as :func:`_slow_indicator` reads it (a property test checks it), or ``None``."""
    m = FAST_ITEM.fullmatch(text)
    if m is None or not _is_fast(*m.group("name", "period", "annual")):
        return None
    return _regular(None, "", text + end, end, *m.groups())


def _is_fast(name: str, period: str, annual: str) -> bool:
    """What the one regex cannot say: no label inside a field, values present and without outer spaces."""
    return not (
        name[:1] in SEP_CHARS
        or "指标值" in name or "目标值" in name
        or "指标值" in period or "目标值" in period
        or "指标值" in annual or "目标值" in annual
        or not period
        or not annual
        or period != period.strip()
        or annual != annual.strip()
    )


def _regular(
    seq: int | None, marker: str, raw: str, end: str,
    c1: str | None, l1: str, c2: str | None, l2: str, s2: str, name: str, period_text: str, annual_text: str,
) -> Indicator:
    """An item of the regular form from the groups of :data:`FAST_ITEM` (both level names, codes
    written or not, both values)."""
    period, annual = parse_canonical_value(period_text), parse_canonical_value(annual_text)
    # the layout and level words repeat on every item: one shared string each (a big table holds
    # hundreds of thousands of indicators; docs/developing.md, "Big text inputs")
    layout = intern(marker + FAST_LAYOUT[c1 is not None, c2 is not None, s2] + end)  # an end is terminators: no brace
    l1, l2 = intern(l1), intern(l2)
    filled, inferred, warns = resolve_codes(c1, l1, c2, l2)
    if filled:  # the codes not written, from the names
        codes = dict(filled)
        c1, c2 = codes.get("level1_code", c1), codes.get("level2_code", c2)
    c1, c2 = c1 and intern(c1), c2 and intern(c2)
    if not name:
        warns += (ParseWarning.of("no_name"),)
    if period.warnings or annual.warnings:
        warns += tuple(ParseWarning.of(w) for v in (period, annual) for w in v.warnings if w != "value_empty")
    return Indicator(seq, c1, l1, c2, l2, name, period, annual, raw, warns, inferred, (), layout)


def _fast_cell(text: str) -> tuple[Indicator, ...] | None:
    """A cell made only of regular numbered items (``1、1-产出指标:11-数量指标:…;年度指标值:v。2、…``;
    codes written or not, markers ``1、`` ``1.`` ``1)`` ``(1)`` ``①``), read in one pass of
    :data:`CELL_ITEM`, each item built once.  ``None`` sends the cell the general way.

    The items are those :func:`split_items` finds: each starts with a marker followed by a
    level, the numbers rise, and no other marker-like text stands in the cell: every marker
    gives :data:`MARKER_HINT` one hit (``(1)`` two), so any other hit means text the splitter
    might take for a marker.  Property tests check the result equals the general reading."""
    if CELL_ITEM.match(text) is None:
        return None
    hints = len(MARKER_HINT.findall(text))
    out: list[Indicator] = []
    pos = last = expected = 0
    size = len(text)
    while pos < size:
        m = CELL_ITEM.match(text, pos)
        if m is None:
            return None
        marker, c1, l1, c2, l2, s2, name, period, annual, end = m.groups()
        seq, layout = SEQ_MARKERS.get(marker) or marker_info(marker)
        expected += 2 if marker[0] == "(" else 1
        if seq <= last or expected > hints:
            return None
        start, pos, last = pos, m.end(), seq
        if _is_fast(name, period, annual) and annual[-1] != ",":  # a trailing "," belongs to the terminator
            out.append(_regular(seq, layout, text[start:pos], end, c1, l1, c2, l2, s2, name, period, annual))
        else:  # the item as split_items cuts it, read the general way
            out.append(_parse_item(Item(seq, layout, *split_end(text[m.end("marker") : pos]))))
    if not out or expected != hints:
        return None
    return tuple(out)


def _read_general(text: str) -> tuple[str, tuple[Indicator, ...]]:
    """Any cell: its lead text and its items, each read by the general grammar (or :func:`_fast_body`)."""
    lead, items = split_items(text)
    return lead, tuple(_parse_item(item) for item in items)


def _slow_body(text: str) -> _Builder:
    b = _Builder()
    body, _, tail = text.partition("。")
    pos = _read_levels(b, body)
    rest = body[pos:]
    scores = TRAILING_SCORES.search(rest)  # ≥50个 50 8 8: the 分值 after the value, set aside
    if scores and parse_canonical_value(rest[: scores.start()]).is_quantitative:
        rest, scores_text = rest[: scores.start()], scores.group()
    else:
        scores_text = ""
    labels = list(LABEL.finditer(rest))
    if labels:
        _read_labelled(b, rest, labels)
    elif rest:
        _read_bare(b, rest)
    b.rest(scores_text)
    if _:
        b.lit("。")
        b.rest(tail)
    return b


def _inherit_levels(lead: str, indicators: tuple[Indicator, ...]) -> tuple[str, tuple[Indicator, ...]]:
    """An item that writes no level, after one that does, is under the same 一级/二级 (a merged cell
    of the table, or a heading line above: ``数量指标:a≥1;b≥2``); the levels are marked inferred."""
    out: list[Indicator] = []
    above: Indicator | None = None
    for ind in indicators:
        if ind.level1 is None and ind.level2 is None and above is not None:
            ind = replace(
                ind, level1_code=above.level1_code, level1=above.level1, level2_code=above.level2_code,
                level2=above.level2, warnings=tuple(w for w in ind.warnings if w.code != "no_level"),
                inferred=ind.inferred | {"level1_code", "level1", "level2_code", "level2"},
            )
        elif ind.level1 is not None or ind.level2 is not None:
            above = ind
        out.append(ind)
    return lead, tuple(out)


def _build(b: _Builder, raw: str) -> Indicator:
    get = b.fields.get
    levels = [opt(get("level1_code")), opt(get("level1")), opt(get("level2_code")), opt(get("level2"))]
    filled, inferred, warns = resolve_codes(*levels)
    for key, value in filled:  # codes from names, names from codes
        levels[_LEVEL_FIELDS.index(key)] = value
    c1, n1, c2, n2 = (None if v is None else intern(v) for v in levels)
    name, period, annual = get("name"), _val(get("period")), _val(get("annual"))
    if n1 is None and n2 is None:
        warns = (ParseWarning.of("no_level"), *warns)
    if not name:
        warns += (ParseWarning.of("no_name"),)
    if period is None and annual is None:
        warns += (ParseWarning.of("no_value"),)
    return Indicator(
        None, c1, n1, c2, n2, str(name or ""), period, annual, raw, warns + tuple(b.warnings), inferred,
        tuple(b.remainder), intern("".join(b.layout)),
    )


_LEVEL_FIELDS = ("level1_code", "level1", "level2_code", "level2")


def _val(x: object) -> TargetValue | None:
    return x if isinstance(x, TargetValue) else None


#: The testing hook: the one-pass readers and the general grammar they must agree with, for the
#: property tests (``tests/test_indicators_properties.py``).  Not API; names may change with the parser.
TESTING = SimpleNamespace(fast_cell=_fast_cell, read_general=_read_general, fast_body=_fast_body,
                          slow_indicator=_slow_indicator)


# --- public API -------------------------------------------------------------------------

def parse_indicators(text: object) -> ParsedCell:
    """Split a 绩效指标 cell into indicators.  Never raises.

    ``略``, ``无``, ``/`` and empty cells give no indicators and a warning:

    >>> cell = parse_indicators("略")
    >>> len(cell), [w.code for w in cell.warnings], format_indicators(cell)
    (0, ['placeholder'], '略')
    >>> [i.name for i in parse_indicators("产出指标-数量指标-培训人次-≥100人次")]
    ['培训人次']
    """
    raw = "" if text is None else str(text)
    canon = normalize(raw)
    if not canon:
        return ParsedCell(raw, canon, warnings=(ParseWarning.of("empty"),))
    if canon in PLACEHOLDERS:
        return ParsedCell(raw, canon, lead=canon, warnings=(ParseWarning.of("placeholder", text=canon),))
    fast = _fast_cell(canon)
    lead, indicators = ("", fast) if fast is not None else _inherit_levels(*_read_general(canon))
    warns = [ParseWarning.of("lead_text", text=lead)] if lead else []
    prev = None
    for ind in indicators:
        if ind.seq is not None and prev is not None and ind.seq != prev + 1:
            warns.append(ParseWarning.of("seq_gap", prev=prev, seq=ind.seq))
        prev = ind.seq
    return ParsedCell(raw, canon, indicators, lead, tuple(warns))


def parse_indicators_strict(text: object) -> ParsedCell:
    """Like :func:`parse_indicators`, but raise :class:`IndicatorParseError` on any warning.

    >>> parse_indicators_strict("2、2-效益指标：31-服务对象满意度；满意度；年度指标值：满意")
    Traceback (most recent call last):
    ...
    xltools.errors.IndicatorParseError: 二级指标“31-服务对象满意度”属于“满意度指标”，却写在一级指标“2-效益指标”下
    """
    cell = parse_indicators(text)
    problems = cell.all_warnings
    if problems or not cell.indicators:
        raise IndicatorParseError(problems[0].message if problems else None)
    return cell


