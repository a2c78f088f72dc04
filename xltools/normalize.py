"""Normalise cell text once, first: ``str -> canonical str``.

Everything downstream (indicator splitting, value parsing, header matching) works on the
canonical form; the original text is always kept next to it by the callers.

The canonical form is:

* Unicode NFKC (full-width ``：；，（）％＞＜＝０-９`` and U+3000 become their ASCII forms),
  except the circled numbers ``①``–``⑳`` that mark items and would otherwise turn into
  bare digits;
* ``≧ ≦ >= <= =>`` written as ``≥ ≤``, ``≠`` kept; dashes ``— – ‐ ‑ −`` (and runs of them) as ``-``;
* line breaks as ``\\n`` (no blank lines, no spaces at line ends);
* other whitespace (NBSP, tabs, U+3000, runs of spaces) collapsed to one space, kept between
  two word characters (``Office 2016``, ``产出指标 数量指标`` pasted from a PDF's columns) and
  dropped next to punctuation and symbols (``群众满意度(%) ;``, ``≥ 90``).

>>> normalize("1、1-产出指标：11-数量指标：培训人次；年度指标值：＞＝１００％ 。")
'1、1-产出指标:11-数量指标:培训人次;年度指标值:≥100%。'
>>> normalize("群众满意度(%) ;\\u3000满意")
'群众满意度(%);满意'
>>> normalize("①产出指标——数量指标")
'①产出指标-数量指标'
>>> normalize("Office  2016\\r\\n\\r\\n 第二 行 ")
'Office 2016\\n第二 行'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_blank", "normalize"]

_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ①..⑳
_CIRCLED_SPLIT = re.compile(f"([{_CIRCLED}])")

_AFTER_NFKC = str.maketrans({"≧": "≥", "≦": "≤", "—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "―": "-"})
_AFTER_NFKC_RE = re.compile("[≧≦—–‐‑−―]")
_COMPARATOR_PAIRS = re.compile(r">\s*=|=\s*>|≥\s*=")
_COMPARATOR_PAIRS_LE = re.compile(r"<\s*=|=\s*<|≤\s*=")
_COMPARATOR_ANY = re.compile(r"[<>≥≤]\s*=|=\s*[<>]")
_DASH_RUN = re.compile(r"-{2,}")
_LINE_BREAK = re.compile(r"\r\n|\r|[\n\v\f\x85\u2028\u2029]")
_SPACE_RUN = re.compile(r"[^\S\n]+")
_WORDLIKE = frozenset("%‰★☆*℃°#")


_CIRCLED_RE = re.compile(f"[{_CIRCLED}]")

#: The full-width punctuation of published tables (``：；（），％``…) with its NFKC form.  Replacing a
#: character by its own compatibility decomposition keeps the text's NFKD, so when the replaced
#: text is already NFKC it *is* the NFKC of the original (tests check every entry, and the result).
_COMMON_WIDE = tuple((c, unicodedata.normalize("NFKC", c)) for c in "：；（），％．＞＜＝\u3000")


def _nfkc(text: str) -> str:
    if unicodedata.is_normalized("NFKC", text):
        return text
    narrow = text
    for wide, half in _COMMON_WIDE:  # str.replace is far cheaper than a full NFKC pass on CJK text
        narrow = narrow.replace(wide, half)
    if unicodedata.is_normalized("NFKC", narrow):
        return narrow
    if not _CIRCLED_RE.search(narrow):
        return unicodedata.normalize("NFKC", narrow)
    parts = _CIRCLED_SPLIT.split(narrow)  # the parts between ①, ② … mostly normalised already
    return "".join(p if p and p in _CIRCLED else _nfkc(p) for p in parts)


def _glues(ch: str) -> bool:
    """Punctuation and symbols take no space beside them (``%`` ``★`` ``℃`` are word-like)."""
    return unicodedata.category(ch)[0] in "PS" and ch not in _WORDLIKE


def _drop_spaces(line: str) -> str:
    """Keep one space between two word characters (``Office 2016``, ``产出指标 数量指标``, as
    columns pasted from a PDF); drop it next to punctuation (``群众满意度(%) ;``)."""
    pieces = line.strip().split(" ")
    if len(pieces) == 1:
        return pieces[0]
    out = pieces[0]
    for piece in pieces[1:]:
        if not piece:
            continue
        if out and not _glues(out[-1]) and not _glues(piece[0]):
            out += " "
        out += piece
    return out


def normalize(text: object) -> str:
    """Return the canonical form of a cell's text (``""`` for ``None``).  Idempotent.

    >>> normalize(None)
    ''
    >>> normalize(" ≧95％ "), normalize("> = 90"), normalize("＜ ＝ 5")
    ('≥95%', '≥90', '≤5')
    """
    if text is None:
        return ""
    s = first = _nfkc(str(text))
    if _AFTER_NFKC_RE.search(s):
        s = s.translate(_AFTER_NFKC)
    printable = s.isprintable()  # line breaks and every whitespace but " " are unprintable
    if not printable:
        s = _LINE_BREAK.sub("\n", s)
    if not printable or " " in s:
        s = _SPACE_RUN.sub(" ", s)
        s = "\n".join(line for line in map(_drop_spaces, s.split("\n")) if line)
    while "=" in s and _COMPARATOR_ANY.search(s):  # after the spaces: "> =" has become ">="
        s = _COMPARATOR_PAIRS.sub("≥", s)
        s = _COMPARATOR_PAIRS_LE.sub("≤", s)
    if "--" in s:
        s = _DASH_RUN.sub("-", s)
    if s is not first and not unicodedata.is_normalized("NFKC", s):  # a dropped space let a mark compose (K + ̧ → Ķ)
        s = _nfkc(s)
    return s


def is_blank(text: object) -> bool:
    """True for ``None`` and text that normalises to nothing.

    >>> is_blank("\\u3000 \\n"), is_blank("略")
    (True, False)
    """
    return not normalize(text)
