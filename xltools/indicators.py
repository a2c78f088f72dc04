"""The 绩效指标 cell <-> a list of :class:`Indicator`, losslessly.

A cell such as::

    1、1-产出指标：11-数量指标：大厅线路、设施等维护完成率；实施周期指标值：≥90%；年度指标值：≥90%。2、…

is normalised once (:func:`xltools.normalize.normalize`), split into items, and each item into
its 一级 / 二级 levels (codes and names), the 三级 name and the 实施周期 / 年度 values.  Each
:class:`Indicator` keeps a ``layout``: the item's punctuation and labels as written, with the
fields as ``{placeholders}``.  :func:`format_indicators` fills the layouts from the fields, so
``format_indicators(parse_indicators(s)) == normalize(s)`` for every cell: nothing the parser
read is dropped, and text no field took is kept in a ``remainder`` with a warning.

>>> cell = parse_indicators("1、1-产出指标：11-数量指标：培训人次；实施周期指标值：≥6次；年度指标值：≥6次。")
>>> ind = cell[0]
>>> ind.level1, ind.level2_code, ind.name, ind.annual.op, ind.annual.number
('产出指标', '11', '培训人次', '≥', Decimal('6'))
>>> format_indicators(cell)
'1、1-产出指标:11-数量指标:培训人次;实施周期指标值:≥6次;年度指标值:≥6次。'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import overload

from ._vocab import (
    ANNUAL_LABELS,
    GENERIC_LABELS,
    LEVEL1_BY_CODE,
    LEVEL1_BY_NAME,
    LEVEL2_BY_CODE,
    LEVEL2_BY_NAME,
    PERIOD_LABELS,
    PLACEHOLDERS,
    Level1,
    Level2,
)
from .errors import IndicatorParseError
from .normalize import normalize
from .values import VALUE_WARNINGS, TargetValue, format_value, parse_canonical_value, parse_value

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

#: Warning codes and their Chinese messages (shown to finance staff as they are).
WARNINGS: dict[str, str] = {
    "empty": "绩效指标为空",
    "placeholder": "绩效指标为“{text}”，没有具体指标",
    "lead_text": "第一个指标前有未识别的文字：{text}",
    "remainder": "未识别的文字：{text}",
    "no_level": "缺少一级、二级指标",
    "no_name": "缺少三级指标名称",
    "no_value": "缺少指标值",
    "extra_value": "多余的指标值：{text}",
    "l1_unknown": "一级指标“{name}”不在指标体系中",
    "l2_unknown": "二级指标“{name}”不在指标体系中",
    "l1_code_mismatch": "一级指标代码“{code}”与名称“{name}”不符（体系中为“{expected}”）",
    "l2_code_mismatch": "二级指标代码“{code}”与名称“{name}”不符（体系中为“{expected}”）",
    "l2_parent_mismatch": "二级指标“{level2}”属于“{parent}”，却写在一级指标“{level1}”下",
    "seq_gap": "序号不连续：{prev} 之后是 {seq}",
    **VALUE_WARNINGS,
}


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A warning code (see :data:`WARNINGS`) and its Chinese message."""

    code: str
    message: str

    @classmethod
    def of(cls, key: str, /, **fmt: object) -> ParseWarning:
        return cls(key, WARNINGS[key].format(**fmt))

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


_FIELDS = ("seq", "level1_code", "level1", "level2_code", "level2", "name", "period", "annual")


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator (三级指标) with its levels and values.

    ``raw`` is the item as it stands in the normalised cell; ``inferred`` names the fields that
    were not written but filled from the framework (a code from its name or the reverse);
    ``remainder`` holds text no field took; ``layout`` is the item's punctuation and labels
    with ``{field}`` placeholders (see :func:`format_indicator`); ``extra`` keeps columns of a
    one-row-per-indicator export that have no field here (权重, 指标方向性).
    """

    seq: int | None
    level1_code: str | None
    level1: str | None
    level2_code: str | None
    level2: str | None
    name: str
    period: TargetValue | None
    annual: TargetValue | None
    raw: str = ""
    warnings: tuple[ParseWarning, ...] = ()
    inferred: frozenset[str] = frozenset()
    remainder: tuple[str, ...] = ()
    layout: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def remainder_text(self) -> str:
        return "".join(self.remainder)


@dataclass(frozen=True, slots=True)
class ParsedCell(Sequence[Indicator]):
    """What :func:`parse_indicators` returns: a sequence of indicators plus the cell's
    original ``raw`` text, its canonical ``text``, text before the first item (``lead``) and
    cell-level ``warnings``."""

    raw: str
    text: str
    indicators: tuple[Indicator, ...] = ()
    lead: str = ""
    warnings: tuple[ParseWarning, ...] = ()

    @overload
    def __getitem__(self, i: int) -> Indicator: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Indicator]: ...
    def __getitem__(self, i: int | slice) -> Indicator | Sequence[Indicator]:
        return self.indicators[i]

    def __len__(self) -> int:
        return len(self.indicators)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    @property
    def remainder(self) -> str:
        """All text no field took: the lead and every item's remainder."""
        return self.lead + "".join(i.remainder_text for i in self.indicators)

    @property
    def all_warnings(self) -> tuple[ParseWarning, ...]:
        return self.warnings + tuple(w for i in self.indicators for w in i.warnings)


# --- grammar, built from the vocabulary -------------------------------------------------

def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SEP = r"[:;,\-|/> ]"
_CJK = r"\u4e00-\u9fff"
_L1 = re.compile(
    rf"(?:(?P<code>\d{{1,2}})(?P<csep>[-.、]|(?=[{_CJK}])))?(?P<name>{_alt(LEVEL1_BY_NAME)})(?P<sep>{_SEP}*)"
)
_L2 = re.compile(
    rf"(?:(?P<code>\d{{2,3}})(?P<csep>[-.、]|(?=[{_CJK}])))?(?P<name>{_alt(LEVEL2_BY_NAME)})(?P<sep>{_SEP}*)"
)
_L1_ANY = re.compile(rf"(?P<code>\d)(?P<csep>-)(?P<name>[^:;,\-\d]{{1,10}}?指标)(?P<sep>{_SEP}+)")
_L2_ANY = re.compile(rf"(?P<code>\d{{2}})(?P<csep>-)(?P<name>[^:;,\-\d]{{1,14}}?)(?P<sep>{_SEP}+)")
_LABEL_KIND = {**{w: "period" for w in PERIOD_LABELS}, **{w: "annual" for w in ANNUAL_LABELS}}
_LABEL_KIND.update({w: "generic" for w in GENERIC_LABELS})
_LABEL = re.compile(rf"(?:^|(?P<pre>[;:,\- \n]+))(?P<label>{_alt(_LABEL_KIND)})(?P<post>:?)")
_MARKER = re.compile(r"(?<![\d.])(?:(?P<n1>\d{1,3})(?P<s1>[、.)])|\((?P<n2>\d{1,3})\)|(?P<c>[\u2460-\u2473]))")
_CIRCLED_SEQ = {chr(0x2460 + i): i + 1 for i in range(20)}
_SEQ_MARKERS = {f"{n}、": (n, "{seq}、") for n in range(1, 1000)}  # what _marker_info gives for "1、" … "999、"
_LEVEL_AHEAD = "|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in (_L1, _L2, _L1_ANY))
_LEVELED_MARKER = re.compile(f"{_MARKER.pattern}(?:(?=(?P<lv>{_LEVEL_AHEAD})))?")  # every marker; lv: a level follows
_SEP_CHARS = ":;,-|/> "
_FAST_ITEM = re.compile(
    rf"(?:(?P<c1>\d{{1,2}})-)?(?P<l1>{_alt(LEVEL1_BY_NAME)}):(?:(?P<c2>\d{{2,3}})-)?(?P<l2>{_alt(LEVEL2_BY_NAME)})"
    r"(?P<s2>[:;])(?P<name>[^;:。]*);实施周期指标值:(?P<period>[^;。]*);年度指标值:(?P<annual>[^;。]*)"
)
_FAST_LAYOUT = {  # by (level1 code written, level2 code written, separator after the 二级)
    (code1, code2, sep): ("{level1_code}-" if code1 else "") + "{level1}:" + ("{level2_code}-" if code2 else "")
    + "{level2}" + sep + "{name};实施周期指标值:{period};年度指标值:{annual}"
    for code1 in (True, False) for code2 in (True, False) for sep in ":;"
}
_CELL_ITEM = re.compile(
    rf"(?P<marker>\d{{1,3}}[、.)]|\(\d{{1,3}}\)|[\u2460-\u2473]){_FAST_ITEM.pattern}(?P<end>[。;,\n ]*)"
)  # an item of the regular form after its marker (those of _MARKER)
_MARKER_CANDIDATE = re.compile(r"[、.)(\u2460-\u2473](?:(?<=\d[、.)])|(?<=\()(?=\d)|(?<=[\u2460-\u2473]))")
# A hit inside every _MARKER match the item splitter could accept: all of them but a decimal point
# with no level after it (1.5小时), which it always passes over.  One character class first, the
# conditions after it, so that the regex engine skips the text between candidates quickly.
_MARKER_HINT = re.compile(
    rf"[、).(\u2460-\u2473](?:(?<=\d[、)])|(?<=\d\.)(?:(?!\d)|(?={_LEVEL_AHEAD}))|(?<=\()(?=\d)|(?<=[\u2460-\u2473]))"
)
_TERMINATORS = "。;,\n "
_BOUNDARY = "。;\n"
_MARKER_BOUNDARY = "。;\n, "
_BARE_SEP = re.compile(r"[:;]")
_BARE_DASH = re.compile(r"(?<![\d%])-(?=[≥≤<>=\d])")


def _esc(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _level_at(text: str, pos: int) -> re.Match[str] | None:
    """A 一级 or 二级 token (optionally with its code) starting at ``pos``."""
    return _L1.match(text, pos) or _L2.match(text, pos) or _L1_ANY.match(text, pos)


# --- splitting a cell into items ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Item:
    seq: int | None
    marker: str  # layout text of the marker, e.g. "{seq}、"
    body: str
    end: str  # terminator as written ("。", ";", "\n", "")


def _marker_seq(m: re.Match[str]) -> int:
    return _marker_info(m.group())[0]


@lru_cache(maxsize=4096)
def _marker_info(marker: str) -> tuple[int, str]:
    """``"3、"`` → ``(3, "{seq}、")``; ``"①"`` and ``"01、"`` keep their text as the layout."""
    if marker in _CIRCLED_SEQ:
        return _CIRCLED_SEQ[marker], marker
    if marker.startswith("("):
        digits, layout = marker[1:-1], "({seq})"
    else:
        digits, layout = marker[:-1], "{seq}" + _esc(marker[-1])
    if digits != str(int(digits)):
        layout = _esc(marker)
    return int(digits), layout


def _markers(text: str) -> list[re.Match[str]]:
    """``list(_LEVELED_MARKER.finditer(text))``, found faster: :data:`_MARKER_CANDIDATE` skips
    quickly to the characters every marker holds (``、.)`` after a digit, ``(`` before one, ``①``),
    and the marker regex is tried only where such a marker would start (a property test checks the
    two agree)."""
    found: list[re.Match[str]] = []
    end = 0
    for c in _MARKER_CANDIDATE.finditer(text):
        pos = c.start()
        if text[pos] in "、.)":  # the marker starts at the digits before it (one to three)
            while pos > 0 and text[pos - 1].isdecimal() and c.start() - pos < 3:  # isdecimal: what \d matches
                pos -= 1
        if pos < end:
            continue  # inside the marker found before, as finditer would skip it
        m = _LEVELED_MARKER.match(text, pos)
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def _accepted_markers(text: str) -> list[re.Match[str]]:
    found = _markers(text)
    if all(m.group("lv") is not None for m in found):  # the common case: every marker starts an item
        seqs = [_marker_seq(m) for m in found]
        if all(a < b for a, b in pairwise(seqs)):
            return found
    return _accepted_markers_slow(text, found)


def _accepted_markers_slow(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """Which of the markers start items (``found``: every :data:`_LEVELED_MARKER` match)."""
    has_levels: bool | None = None  # computed only when a marker is not followed by a level
    accepted: list[re.Match[str]] = []
    last = 0
    for m in found:
        n = _marker_seq(m)
        at_boundary = m.start() == 0 or text[m.start() - 1] in _MARKER_BOUNDARY
        leveled = m.group("lv") is not None  # a 一级 or 二级 token follows (as _level_at would find)
        decimal = m.group("s1") == "." and text[m.end() : m.end() + 1].isdigit()  # 1.5小时
        if n <= last or (decimal and not leveled):
            continue
        if leveled or (at_boundary and (n == last + 1 or not accepted)):
            accepted.append(m)
            last = n
            continue
        if at_boundary and has_levels is None:
            has_levels = bool(_L1.search(text) or _L2.search(text))
        if at_boundary and not has_levels:
            accepted.append(m)
            last = n
    return accepted


def _split_end(chunk: str) -> tuple[str, str]:
    body = chunk.rstrip(_TERMINATORS)
    return body, chunk[len(body) :]


def _unnumbered_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch not in _BOUNDARY or i + 1 >= len(text):
            continue
        m = _level_at(text, i + 1)
        if m is None:
            continue
        previous = text[starts[-1] : i]
        only_level1 = (l1 := _L1.fullmatch(previous)) is not None and l1.group("name")
        if not only_level1:
            starts.append(i + 1)
    if len(starts) == 1:  # no level names to go by: one item per line, or per sentence
        starts += [i + 1 for i, ch in enumerate(text[:-1]) if ch in "\n。"]
    return starts


def _split_items(text: str) -> tuple[str, list[_Item]]:
    markers = _accepted_markers(text)
    items: list[_Item] = []
    if markers:
        lead = text[: markers[0].start()]
        bounds = [m.start() for m in markers] + [len(text)]
        for m, stop in zip(markers, bounds[1:]):
            items.append(_Item(*_marker_info(m.group()), *_split_end(text[m.end() : stop])))
        return lead, items
    starts = _unnumbered_starts(text)
    for start, stop in zip(starts, [*starts[1:], len(text)]):
        body, end = _split_end(text[start:stop])
        if body or end:
            items.append(_Item(None, "", body, end))
    return "", items


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
            self.layout.append(_esc(text) if "{" in text or "}" in text else text)

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
    m1 = _L1.match(text, pos) or _L1_ANY.match(text, pos)
    if m1 is not None:
        after = _L2.match(text, m1.end()) or _L2_ANY.match(text, m1.end())
        entry = LEVEL1_BY_NAME.get(m1.group("name"))
        lone_cost = entry is not None and entry.code is None and after is None  # 2021 成本指标 vs 14-成本指标
        if (m1.group("sep") or after is not None) and not lone_cost:
            _take(b, m1, "level1")
            pos = m1.end()
    m2 = _L2.match(text, pos) or (_L2_ANY.match(text, pos) if pos else None)
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
    generic = sum(1 for m in labels if _LABEL_KIND[m.group("label")] == "generic")
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(rest)
        kind = _LABEL_KIND[m.group("label")]
        if kind == "generic":
            kind = "annual" if generic == 1 or "period" in b.fields else "period"
        if kind in b.fields:
            b.rest(rest[m.start() : stop], "extra_value")
            continue
        b.lit(rest[m.start() : m.end()])
        _read_value(b, kind, rest[m.end() : stop])


def _read_bare(b: _Builder, rest: str) -> None:
    parts = _BARE_SEP.split(rest)
    seps = _BARE_SEP.findall(rest)
    if len(parts) == 1 and (dash := _BARE_DASH.search(rest)):
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


def resolve_levels(fields: dict[str, object]) -> tuple[dict[str, object], set[str], list[ParseWarning]]:
    """Fill codes from names (and names from codes); warn where they contradict the framework."""
    get = fields.get
    filled, inferred, warns = _resolve(
        _opt(get("level1_code")), _opt(get("level1")), _opt(get("level2_code")), _opt(get("level2"))
    )
    out = dict(fields)
    out.update(filled)
    return out, set(inferred), list(warns)


@lru_cache(maxsize=4096)
def _resolve(
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


def _parse_item(item: _Item) -> Indicator:
    """The item's body is read once per distinct text (cached); its number and marker are its own."""
    ind = _parse_body(item.body, item.end)
    if not item.marker:
        return ind
    return Indicator(
        item.seq, ind.level1_code, ind.level1, ind.level2_code, ind.level2, ind.name, ind.period, ind.annual,
        item.marker.format(seq=item.seq) + ind.raw, ind.warnings, ind.inferred, ind.remainder,
        item.marker + ind.layout,  # the marker is already a layout: "{seq}、", "({seq})", "①" …
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
    m = _FAST_ITEM.fullmatch(text)
    if m is None or not _is_fast(*m.group("name", "period", "annual")):
        return None
    return _regular(None, "", text + end, end, *m.groups())


def _is_fast(name: str, period: str, annual: str) -> bool:
    """What the one regex cannot say: no label inside a field, values present and without outer spaces."""
    return not (
        name[:1] in _SEP_CHARS
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
    """An item of the regular form from the groups of :data:`_FAST_ITEM` (both level names, codes
    written or not, both values)."""
    period, annual = parse_canonical_value(period_text), parse_canonical_value(annual_text)
    layout = marker + _FAST_LAYOUT[c1 is not None, c2 is not None, s2] + end  # an end is terminators: no brace
    filled, inferred, warns = _resolve(c1, l1, c2, l2)
    if filled:  # the codes not written, from the names
        codes = dict(filled)
        c1, c2 = codes.get("level1_code", c1), codes.get("level2_code", c2)
    if not name:
        warns += (ParseWarning.of("no_name"),)
    if period.warnings or annual.warnings:
        warns += tuple(ParseWarning.of(w) for v in (period, annual) for w in v.warnings if w != "value_empty")
    return Indicator(seq, c1, l1, c2, l2, name, period, annual, raw, warns, inferred, (), layout)


def _fast_cell(text: str) -> tuple[Indicator, ...] | None:
    """A cell made only of regular numbered items (``1、1-产出指标:11-数量指标:…;年度指标值:v。2、…``;
    codes written or not, markers ``1、`` ``1.`` ``1)`` ``(1)`` ``①``), read in one pass of
    :data:`_CELL_ITEM`, each item built once.  ``None`` sends the cell the general way.

    The items are those :func:`_split_items` finds: each starts with a marker followed by a
    level, the numbers rise, and no other marker-like text stands in the cell: every marker
    gives :data:`_MARKER_HINT` one hit (``(1)`` two), so any other hit means text the splitter
    might take for a marker.  Property tests check the result equals the general reading."""
    if _CELL_ITEM.match(text) is None:
        return None
    hints = len(_MARKER_HINT.findall(text))
    out: list[Indicator] = []
    pos = last = expected = 0
    size = len(text)
    while pos < size:
        m = _CELL_ITEM.match(text, pos)
        if m is None:
            return None
        marker, c1, l1, c2, l2, s2, name, period, annual, end = m.groups()
        seq, layout = _SEQ_MARKERS.get(marker) or _marker_info(marker)
        expected += 2 if marker[0] == "(" else 1
        if seq <= last or expected > hints:
            return None
        start, pos, last = pos, m.end(), seq
        if _is_fast(name, period, annual) and annual[-1] != ",":  # a trailing "," belongs to the terminator
            out.append(_regular(seq, layout, text[start:pos], end, c1, l1, c2, l2, s2, name, period, annual))
        else:  # the item as _split_items cuts it, read the general way
            out.append(_parse_item(_Item(seq, layout, *_split_end(text[m.end("marker") : pos]))))
    if not out or expected != hints:
        return None
    return tuple(out)


def _read_general(text: str) -> tuple[str, tuple[Indicator, ...]]:
    """Any cell: its lead text and its items, each read by the general grammar (or :func:`_fast_body`)."""
    lead, items = _split_items(text)
    return lead, tuple(_parse_item(item) for item in items)


def _slow_body(text: str) -> _Builder:
    b = _Builder()
    body, _, tail = text.partition("。")
    pos = _read_levels(b, body)
    rest = body[pos:]
    labels = list(_LABEL.finditer(rest))
    if labels:
        _read_labelled(b, rest, labels)
    elif rest:
        _read_bare(b, rest)
    if _:
        b.lit("。")
        b.rest(tail)
    return b


def _build(b: _Builder, raw: str) -> Indicator:
    get = b.fields.get
    levels = [_opt(get("level1_code")), _opt(get("level1")), _opt(get("level2_code")), _opt(get("level2"))]
    filled, inferred, warns = _resolve(*levels)
    for key, value in filled:  # codes from names, names from codes
        levels[_LEVEL_FIELDS.index(key)] = value
    c1, n1, c2, n2 = levels
    name, period, annual = get("name"), _val(get("period")), _val(get("annual"))
    if n1 is None and n2 is None:
        warns = (ParseWarning.of("no_level"), *warns)
    if not name:
        warns += (ParseWarning.of("no_name"),)
    if period is None and annual is None:
        warns += (ParseWarning.of("no_value"),)
    return Indicator(
        None, c1, n1, c2, n2, str(name or ""), period, annual, raw, warns + tuple(b.warnings), inferred,
        tuple(b.remainder), "".join(b.layout),
    )


_LEVEL_FIELDS = ("level1_code", "level1", "level2_code", "level2")


def _opt(x: object) -> str | None:
    return None if x is None else str(x)


def _val(x: object) -> TargetValue | None:
    return x if isinstance(x, TargetValue) else None


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
    lead, indicators = ("", fast) if fast is not None else _read_general(canon)
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


def _value_text(value: TargetValue | None) -> str:
    if value is None:
        return ""
    return value.text if value.text else format_value(value)


def standard_layout(ind: Indicator) -> str:
    """The layout of a new indicator in the style of the seed table: codes with ``-``,
    ``:`` after the levels (``;`` after ``31-服务对象满意度``), both value labels, ``。`` last."""
    parts = []
    if ind.seq is not None:
        parts.append("{seq}、")
    for level in ("level1", "level2"):
        if getattr(ind, f"{level}_code"):
            parts.append(f"{{{level}_code}}-")
        if getattr(ind, level):
            sep = ";" if level == "level2" and (ind.level1_code == "3" or ind.level2_code == "31") else ":"
            parts.append(f"{{{level}}}{sep}")
    parts.append("{name}")
    if ind.period is not None:
        parts.append(";实施周期指标值:{period}")
    if ind.annual is not None:
        parts.append(";年度指标值:{annual}")
    parts.append("。")
    return "".join(parts)


def format_indicator(ind: Indicator) -> str:
    """The item's text from its fields, in its own layout (or :func:`standard_layout`)."""
    layout = ind.layout or standard_layout(ind)
    values = {f: getattr(ind, f) for f in _FIELDS}
    values.update(period=_value_text(ind.period), annual=_value_text(ind.annual))
    return layout.format(**{k: "" if v is None else v for k, v in values.items()}, remainder=ind.remainder)


def format_indicators(cell: ParsedCell | Iterable[Indicator]) -> str:
    """Join indicators back into one cell text (the canonical form of what was parsed).

    >>> from dataclasses import replace
    >>> format_indicators([replace(i, layout="") for i in parse_indicators("1、产出指标:数量指标:培训人次:≥6次")])
    '1、1-产出指标:11-数量指标:培训人次;年度指标值:≥6次。'
    """
    lead = cell.lead if isinstance(cell, ParsedCell) else ""
    return lead + "".join(format_indicator(i) for i in cell)
