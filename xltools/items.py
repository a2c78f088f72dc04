"""A 绩效指标 cell split into items: numbered (``1、`` ``1.`` ``(1)`` ``1)`` ``①``), accepted when
the numbers increase and the item starts with a level token or follows a ``。`` ``;`` or line
break; without numbers, a new item where a 一级/二级 name follows a boundary, else one per line
or sentence.  :func:`markers` finds the marker candidates quickly (property-tested against
``LEVELED_MARKER.finditer``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .grammar import BOUNDARY, CIRCLED_SEQ, L1, L2, LEVELED_MARKER, MARKER_BOUNDARY, MARKER_CANDIDATE, TERMINATORS, esc, level_at

__all__ = ["Item", "accepted_markers", "marker_info", "marker_seq", "markers", "split_end", "split_items", "unnumbered_starts"]


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


def unnumbered_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch not in BOUNDARY or i + 1 >= len(text):
            continue
        m = level_at(text, i + 1)
        if m is None:
            continue
        previous = text[starts[-1] : i]
        only_level1 = (l1 := L1.fullmatch(previous)) is not None and l1.group("name")
        if not only_level1:
            starts.append(i + 1)
    if len(starts) == 1:  # no level names to go by: one item per line, or per sentence
        starts += [i + 1 for i, ch in enumerate(text[:-1]) if ch in "\n。"]
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
        body, end = split_end(text[start:stop])
        if body or end:
            items.append(Item(None, "", body, end))
    return "", items
