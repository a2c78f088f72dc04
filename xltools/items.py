"""A 绩效指标 cell split into items: numbered (``1、`` ``1.`` ``(1)`` ``1)`` ``①``), accepted when
the numbers increase and the item starts with a level token or follows a ``。`` ``;`` or line
break; without numbers, a new item where a 一级/二级 name follows a boundary (or a score run), or
a name with its value follows a value (:func:`unnumbered_starts`), else one per line or sentence.
An unnumbered item may open with the column rules of a flattened row (``|产出指标|…``) or a
Chinese-numbered heading (``一、产出指标``): kept as its marker, with no number.  :func:`markers`
finds the marker candidates quickly (property-tested against ``LEVELED_MARKER.finditer``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .grammar import (
    BOUNDARY,
    CIRCLED_SEQ,
    ITEM_BREAK,
    L1,
    L2,
    LABEL,
    LEVELED_MARKER,
    MARKER_BOUNDARY,
    MARKER_CANDIDATE,
    OPENER,
    SEGMENT_END,
    TERMINATORS,
    esc,
    level_at,
)
from .values import parse_canonical_value

__all__ = [
    "Item", "accepted_markers", "marker_info", "marker_seq", "markers", "opened", "split_end", "split_items",
    "unnumbered_starts", "value_line",
]


@dataclass(frozen=True, slots=True)
class Item:
    """One item: its number, its marker as a layout (``{seq}、``), its body and its terminator."""

    seq: int | None
    marker: str  # layout text of the marker, e.g. "{seq}、"
    body: str
    end: str  # terminator as written ("。", ";", "\n", "")


def marker_seq(m: re.Match[str]) -> int:
    return marker_info(m.group())[0]


@lru_cache(maxsize=4096)
def marker_info(marker: str) -> tuple[int, str]:
    """``"3、"`` → ``(3, "{seq}、")``; ``"①"`` and ``"01、"`` keep their text as the layout."""
    if marker in CIRCLED_SEQ:
        return CIRCLED_SEQ[marker], marker
    if marker.startswith("("):
        digits, layout = marker[1:-1], "({seq})"
    else:
        digits, layout = marker[:-1], "{seq}" + esc(marker[-1])
    if digits != str(int(digits)):
        layout = esc(marker)
    return int(digits), layout


def markers(text: str) -> list[re.Match[str]]:
    """``list(LEVELED_MARKER.finditer(text))``, found faster: :data:`MARKER_CANDIDATE` skips
    quickly to the characters every marker holds (``、.)`` after a digit, ``(`` before one, ``①``),
    and the marker regex is tried only where such a marker would start (a property test checks the
    two agree)."""
    found: list[re.Match[str]] = []
    end = 0
    for c in MARKER_CANDIDATE.finditer(text):
        pos = c.start()
        if text[pos] in "、.)":  # the marker starts at the digits before it (one to three)
            while pos > 0 and text[pos - 1].isdecimal() and c.start() - pos < 3:  # isdecimal: what \d matches
                pos -= 1
        if pos < end:
            continue  # inside the marker found before, as finditer would skip it
        m = LEVELED_MARKER.match(text, pos)
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def accepted_markers(text: str) -> list[re.Match[str]]:
    found = markers(text)
    if all(m.group("lv") is not None for m in found):  # the common case: every marker starts an item
        seqs = [marker_seq(m) for m in found]
        if all(a < b for a, b in pairwise(seqs)):
            return found
    return _accepted_markers_slow(text, found)


def _accepted_markers_slow(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """Which of the markers start items (``found``: every :data:`LEVELED_MARKER` match)."""
    has_levels: bool | None = None  # computed only when a marker is not followed by a level
    accepted: list[re.Match[str]] = []
    last = 0
    for m in found:
        n = marker_seq(m)
        at_boundary = m.start() == 0 or text[m.start() - 1] in MARKER_BOUNDARY
        leveled = m.group("lv") is not None  # a 一级 or 二级 token follows (as level_at would find)
        decimal = m.group("s1") == "." and text[m.end() : m.end() + 1].isdigit()  # 1.5小时
        if n <= last or (decimal and not leveled):
            continue
        if leveled or (at_boundary and (n == last + 1 or not accepted)):
            accepted.append(m)
            last = n
            continue
        if at_boundary and has_levels is None:
            has_levels = bool(L1.search(text) or L2.search(text))
        if at_boundary and not has_levels:
            accepted.append(m)
            last = n
    return accepted


def split_end(chunk: str) -> tuple[str, str]:
    body = chunk.rstrip(TERMINATORS)
    return body, chunk[len(body) :]


def opened(text: str, pos: int = 0) -> int:
    """Where an unnumbered item's levels begin: after its :data:`OPENER` (``|``, ``一、``) at ``pos``, if any."""
    m = OPENER.match(text, pos)
    return pos if m is None else m.end()


#: A value's note that names something (Chinese text, or a second comparison): the line is no bare value.
_NAMED_NOTE = re.compile(r"[\u4e00-\u9fff≥≤<>=]")


def value_line(text: str, pos: int) -> bool:
    """The line at ``pos`` is a value alone (``80M``, ``≥95%``): the value of the line before it,
    as one table cell per line writes a name and then its value (S11)."""
    stop = text.find("\n", pos)
    value = parse_canonical_value(text[pos : stop if stop >= 0 else len(text)])
    # ``2小时内修复率≥90%`` reads as ≤2小时 with the rest as its note: a named value of its own, not a value alone
    return value.is_quantitative and value.subject is None and not (value.note and _NAMED_NOTE.search(value.note))


def _named_value(text: str) -> bool:
    """``种植作物成活率(≥**%)≥85``: a name and its value, with no value label (an item of its own)."""
    value = parse_canonical_value(text)
    return value.is_quantitative and bool(value.subject) and LABEL.search(text) is None


def unnumbered_starts(text: str) -> list[int]:
    """Where the items of a cell without item numbers start: at a 一级/二级 name after a boundary
    (``。`` ``;`` a line break, or a score ending the item before: ``=100% 22.5 时效指标…``, S5);
    at a name with its value after a ``;`` or a score, when the text before ends with a value
    (``…≥17600株;种植作物成活率≥85``, S23); without level names, one item per line (a value alone
    joins the name on the line before it, S11) or per sentence."""
    starts = [0]
    leveled = False
    previous_break = 0
    for b in ITEM_BREAK.finditer(text):
        i = b.end()
        if i >= len(text):
            break
        before, previous_break = text[previous_break : b.start()], i
        if level_at(text, opened(text, i)) is not None:
            previous = text[starts[-1] : b.start()]
            previous = previous[opened(previous) :]
            only_level1 = (l1 := L1.fullmatch(previous)) is not None and l1.group("name")
            if not only_level1:
                starts.append(i)
                leveled = True
        elif b.group() not in BOUNDARY or b.group() == ";":
            after = SEGMENT_END.search(text, i)
            if _named_value(text[i : after.start() if after else len(text)]) and parse_canonical_value(before).is_quantitative:
                starts.append(i)
    if not leveled:  # no level names to go by: one item per line (a value alone joins its name), or per sentence
        starts += [i + 1 for i, ch in enumerate(text[:-1]) if ch == "。" or (ch == "\n" and not value_line(text, i + 1))]
        starts = sorted(set(starts))
    return starts


def split_items(text: str) -> tuple[str, list[Item]]:
    markers = accepted_markers(text)
    items: list[Item] = []
    if markers:
        lead = text[: markers[0].start()]
        bounds = [m.start() for m in markers] + [len(text)]
        for m, stop in zip(markers, bounds[1:]):
            items.append(Item(*marker_info(m.group()), *split_end(text[m.end() : stop])))
        return lead, items
    starts = unnumbered_starts(text)
    for start, stop in zip(starts, [*starts[1:], len(text)]):
        chunk = text[start:stop]
        cut = opened(chunk)
        if cut and not chunk[cut:].strip(TERMINATORS):
            cut = 0  # nothing after the opener: the chunk is all terminators
        body, end = split_end(chunk[cut:])
        if body or end:
            items.append(Item(None, esc(chunk[:cut]), body, end))
    return "", items
