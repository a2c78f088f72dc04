"""The grammar of a 绩效指标 cell, built once from the vocabulary (:mod:`xltools._vocab`): the
level tokens (``1-产出指标``, ``11-数量指标``), value labels (``实施周期指标值``), item markers
(``1、`` ``(1)`` ``①``) and the regular item of the seed's layout.  Used by the item splitter
(:mod:`xltools.items`) and the item reader (:mod:`xltools.indicators`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._vocab import ANNUAL_LABELS, GENERIC_LABELS, LEVEL1_BY_NAME, LEVEL2_BY_NAME, PERIOD_LABELS, UNITS

__all__ = [
    "BARE_DASH",
    "BARE_SEP",
    "BOUNDARY",
    "CELL_ITEM",
    "CIRCLED_SEQ",
    "CJK",
    "FAST_ITEM",
    "FAST_LAYOUT",
    "ITEM_BREAK",
    "L1",
    "L1_ANY",
    "L2",
    "L2_ANY",
    "LABEL",
    "LABEL_KIND",
    "LEVELED_MARKER",
    "LEVEL_AHEAD",
    "LEVEL_SCORE",
    "MARKER",
    "MARKER_BOUNDARY",
    "MARKER_CANDIDATE",
    "MARKER_HINT",
    "OPENER",
    "SEGMENT_END",
    "SEP",
    "SEP_CHARS",
    "SEQ_MARKERS",
    "TERMINATORS",
    "TRAILING_SCORES",
    "alt",
    "esc",
    "level_at",
]


def alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


SEP = r"[:;,\-|/> \n]"
CJK = r"\u4e00-\u9fff"
L1 = re.compile(
    rf"(?:(?P<code>\d{{1,2}})(?P<csep>[-.、]|(?=[{CJK}])))?(?P<name>{alt(LEVEL1_BY_NAME)})(?P<sep>{SEP}*)"
)
L2 = re.compile(
    rf"(?:(?P<code>\d{{2,3}})(?P<csep>[-.、]|(?=[{CJK}])))?(?P<name>{alt(LEVEL2_BY_NAME)})(?P<sep>{SEP}*)"
)
L1_ANY = re.compile(rf"(?P<code>\d)(?P<csep>-)(?P<name>[^:;,\-\d]{{1,10}}?指标)(?P<sep>{SEP}+)")
L2_ANY = re.compile(rf"(?P<code>\d{{2}})(?P<csep>-)(?P<name>[^:;,\-\d]{{1,14}}?)(?P<sep>{SEP}+)")
LABEL_KIND = {**{w: "period" for w in PERIOD_LABELS}, **{w: "annual" for w in ANNUAL_LABELS}}
LABEL_KIND.update({w: "generic" for w in GENERIC_LABELS})
LABEL = re.compile(rf"(?:^|(?P<pre>[;:,\- \n]+))(?P<label>{alt(LABEL_KIND)})(?P<post>:?)")
MARKER = re.compile(r"(?<![\d.])(?:(?P<n1>\d{1,3})(?P<s1>[、.)])|\((?P<n2>\d{1,3})\)|(?P<c>[\u2460-\u2473]))")
CIRCLED_SEQ = {chr(0x2460 + i): i + 1 for i in range(20)}
SEQ_MARKERS = {f"{n}、": (n, "{seq}、") for n in range(1, 1000)}  # what _marker_info gives for "1、" … "999、"
LEVEL_AHEAD = "|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in (L1, L2, L1_ANY))
LEVELED_MARKER = re.compile(f"{MARKER.pattern}(?:(?=(?P<lv>{LEVEL_AHEAD})))?")  # every marker; lv: a level follows
SEP_CHARS = ":;,-|/> \n"
FAST_ITEM = re.compile(
    rf"(?:(?P<c1>\d{{1,2}})-)?(?P<l1>{alt(LEVEL1_BY_NAME)}):(?:(?P<c2>\d{{2,3}})-)?(?P<l2>{alt(LEVEL2_BY_NAME)})"
    r"(?P<s2>[:;])(?P<name>[^;:。]*);实施周期指标值:(?P<period>[^;。]*);年度指标值:(?P<annual>(?:[^;。]*[^;。,|\n ])?)"
)
FAST_LAYOUT = {  # by (level1 code written, level2 code written, separator after the 二级)
    (code1, code2, sep): ("{level1_code}-" if code1 else "") + "{level1}:" + ("{level2_code}-" if code2 else "")
    + "{level2}" + sep + "{name};实施周期指标值:{period};年度指标值:{annual}"
    for code1 in (True, False) for code2 in (True, False) for sep in ":;"
}
CELL_ITEM = re.compile(
    rf"(?P<marker>\d{{1,3}}[、.)]|\(\d{{1,3}}\)|[\u2460-\u2473]){FAST_ITEM.pattern}(?P<end>[。;,\n |]*)"
)  # an item of the regular form after its marker (those of MARKER)
#: What may open an unnumbered item before its levels: the column rules of a flattened table row (``|产出指标|…``,
#: S16) or a Chinese-numbered heading (``一、产出指标``, S23), which numbers the 一级 rather than an item.
OPENER = re.compile(rf"\|+|(?:[一二三四五六七八九十]{{1,3}}[、.]|\([一二三四五六七八九十]{{1,3}}\))(?={LEVEL_AHEAD})")
MARKER_CANDIDATE = re.compile(r"[、.)(\u2460-\u2473](?:(?<=\d[、.)])|(?<=\()(?=\d)|(?<=[\u2460-\u2473]))")
# A hit inside every MARKER match the item splitter could accept: all of them but a decimal point
# with no level after it (1.5小时), which it always passes over.  One character class first, the
# conditions after it, so that the regex engine skips the text between candidates quickly.
MARKER_HINT = re.compile(
    rf"[、).(\u2460-\u2473](?:(?<=\d[、)])|(?<=\d\.)(?:(?!\d)|(?={LEVEL_AHEAD}))|(?<=\()(?=\d)|(?<=[\u2460-\u2473]))"
)
TERMINATORS = "。;,\n |"
#: Where an unnumbered item may end: a boundary, or a run of scores (分值) after a value, as a flattened
#: self-evaluation row writes them (``足额保障率=100% 22.5 科目调整次数≤10次``, S5).
ITEM_BREAK = re.compile(r"[。;\n]|(?<=[^\s\d.,])(?: \d+(?:\.\d+)?)+ (?=[^\s\d])")
#: The 分值 (score) of a self-evaluation row: after a 一级 name (``产出指标(50分)``, ``成本指标(0-20)分``, S4, S29) or
#: after the value (``≥50个 50 8 8``, ``≤5% 22.5``, S4, S5).
LEVEL_SCORE = re.compile(r"\(\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?分?\)分?")
TRAILING_SCORES = re.compile(r"(?<=[^\s\d.,])(?: \d+(?:\.\d+)?)+$")
SEGMENT_END = re.compile(r"[。;\n]|(?: \d+(?:\.\d+)?)+(?: |$)")
BOUNDARY = "。;\n"
MARKER_BOUNDARY = "。;\n, "
#: Between a name and its value(s) when no label says which is which: ``;`` ``:`` (not inside a parenthesis:
#: ``结余率(计算方法为:结余数/预算数)``), a line break (S11: one table cell per line) and the ``|`` of a
#: flattened table row (S10) -- but not the ``|`` of a value spread over columns: after a comparator alone in
#: its column, or before a unit alone in the last column (S2: ``村组干部230人|≥|230|个``).
BARE_SEP = re.compile(
    r"[;\n]|:(?![^()]*\))"
    rf"|(?<![|:;\n][≥≤<>=])(?<!^[≥≤<>=])(?:(?<!\d)|(?!\|(?:{alt(UNITS)})\|*$))\|"
)
BARE_DASH = re.compile(r"(?<![\d%])-(?=[≥≤<>=\d])")


def esc(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def level_at(text: str, pos: int) -> re.Match[str] | None:
    """A 一级 or 二级 token (optionally with its code) starting at ``pos``."""
    return L1.match(text, pos) or L2.match(text, pos) or L1_ANY.match(text, pos)
