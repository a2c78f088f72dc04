"""The grammar of a 绩效指标 cell, built once from the vocabulary (:mod:`xltools._vocab`): the
level tokens (``1-产出指标``, ``11-数量指标``), value labels (``实施周期指标值``), item markers
(``1、`` ``(1)`` ``①``) and the regular item of the seed's layout.  Used by the item splitter
(:mod:`xltools.items`) and the item reader (:mod:`xltools.indicators`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._vocab import ANNUAL_LABELS, GENERIC_LABELS, LEVEL1_BY_NAME, LEVEL2_BY_NAME, PERIOD_LABELS

__all__ = [
    "BARE_DASH", "BARE_SEP", "BOUNDARY", "CELL_ITEM", "CIRCLED_SEQ", "CJK", "FAST_ITEM", "FAST_LAYOUT", "L1", "L1_ANY",
    "L2", "L2_ANY", "LABEL", "LABEL_KIND", "LEVELED_MARKER", "LEVEL_AHEAD", "MARKER", "MARKER_BOUNDARY",
    "MARKER_CANDIDATE", "MARKER_HINT", "SEP", "SEP_CHARS", "SEQ_MARKERS", "TERMINATORS", "alt", "esc", "level_at",
]


def alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


SEP = r"[:;,\-|/> ]"
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
SEP_CHARS = ":;,-|/> "
FAST_ITEM = re.compile(
    rf"(?:(?P<c1>\d{{1,2}})-)?(?P<l1>{alt(LEVEL1_BY_NAME)}):(?:(?P<c2>\d{{2,3}})-)?(?P<l2>{alt(LEVEL2_BY_NAME)})"
    r"(?P<s2>[:;])(?P<name>[^;:。]*);实施周期指标值:(?P<period>[^;。]*);年度指标值:(?P<annual>[^;。]*)"
)
FAST_LAYOUT = {  # by (level1 code written, level2 code written, separator after the 二级)
    (code1, code2, sep): ("{level1_code}-" if code1 else "") + "{level1}:" + ("{level2_code}-" if code2 else "")
    + "{level2}" + sep + "{name};实施周期指标值:{period};年度指标值:{annual}"
    for code1 in (True, False) for code2 in (True, False) for sep in ":;"
}
CELL_ITEM = re.compile(
    rf"(?P<marker>\d{{1,3}}[、.)]|\(\d{{1,3}}\)|[\u2460-\u2473]){FAST_ITEM.pattern}(?P<end>[。;,\n ]*)"
)  # an item of the regular form after its marker (those of MARKER)
MARKER_CANDIDATE = re.compile(r"[、.)(\u2460-\u2473](?:(?<=\d[、.)])|(?<=\()(?=\d)|(?<=[\u2460-\u2473]))")
# A hit inside every MARKER match the item splitter could accept: all of them but a decimal point
# with no level after it (1.5小时), which it always passes over.  One character class first, the
# conditions after it, so that the regex engine skips the text between candidates quickly.
MARKER_HINT = re.compile(
    rf"[、).(\u2460-\u2473](?:(?<=\d[、)])|(?<=\d\.)(?:(?!\d)|(?={LEVEL_AHEAD}))|(?<=\()(?=\d)|(?<=[\u2460-\u2473]))"
)
TERMINATORS = "。;,\n "
BOUNDARY = "。;\n"
MARKER_BOUNDARY = "。;\n, "
BARE_SEP = re.compile(r"[:;]")
BARE_DASH = re.compile(r"(?<![\d%])-(?=[≥≤<>=\d])")


def esc(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def level_at(text: str, pos: int) -> re.Match[str] | None:
    """A 一级 or 二级 token (optionally with its code) starting at ``pos``."""
    return L1.match(text, pos) or L2.match(text, pos) or L1_ANY.match(text, pos)
