"""Normalise cell text once, first: ``str -> canonical str``.

Everything downstream (indicator splitting, value parsing, header matching) works on the
canonical form; the original text is always kept next to it by the callers.

The canonical form is:

* format characters (Unicode category Cf: zero-width space and joiners, soft hyphen, BOM, word
  joiner, bidi marks) dropped: invisible, they would split a number (``≥9\u200b0%`` is ``≥90%``);
* superscript digits right after a digit written as a power, ``10³`` → ``10^3`` (NFKC would make it
  ``103``); after a letter they become digits as NFKC makes them (``km²`` → ``km2``);
* Unicode NFKC (full-width ``：；，（）％＞＜＝０-９`` and U+3000 become their ASCII forms),
  except the circled numbers ``①``–``⑳`` that mark items and would otherwise turn into
  bare digits;
* ``≧ ≦ >= <= =>`` written as ``≥ ≤``, ``≠`` kept; dashes ``— – ‐ ‑ −`` (and runs of them) as ``-``;
* line breaks as ``\\n`` (no blank lines, no spaces at line ends);
* other whitespace (NBSP, tabs, U+3000, runs of spaces) collapsed to one space, kept between
  two word characters (``Office 2016``, ``培训 100人次``) and dropped next to punctuation and
  symbols (``群众满意度(%) ;``, ``≥ 90``) and between two Chinese characters, where Chinese
  writes none (``产出 指标`` typed or wrapped inside a word, ``产出指标 数量指标`` pasted from a
  PDF's columns: the grammar reads the names run together).

>>> normalize("1、1-产出指标：11-数量指标：培训人次；年度指标值：＞＝１００％ 。")
'1、1-产出指标:11-数量指标:培训人次;年度指标值:≥100%。'
>>> normalize("群众满意度(%) ;\\u3000满意")
'群众满意度(%);满意'
>>> normalize("①产出指标——数量指标")
'①产出指标-数量指标'
>>> normalize("Office  2016\\r\\n\\r\\n 第二 行 ")
'Office 2016\\n第二行'
"""

from __future__ import annotations

import re
import unicodedata
from types import SimpleNamespace

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

#: Every format character (category Cf) of Unicode 14 (CPython 3.11), as ranges for a regex class; a test
#: checks it against the running ``unicodedata`` (computing it at import costs 0.15 s).
FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_FORMAT_RE = re.compile(f"[{FORMAT_CHARS}]+")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_POWER_RE = re.compile(rf"(?<=\d)[{_SUPERSCRIPTS}]+")
_INVISIBLE_OR_POWER = re.compile(f"[{FORMAT_CHARS}{_SUPERSCRIPTS}]")


def _strip_invisible(text: str) -> str:
    """Format characters dropped, and a superscript after a digit written as ``^`` and the power.

    >>> _strip_invisible("≥9\u200b0%"), _strip_invisible("1\u00ad000"), _strip_invisible("10³ km²")
    ('≥90%', '1000', '10^3 km²')
    """
    text = _FORMAT_RE.sub("", text)
    return _POWER_RE.sub(lambda m: "^" + unicodedata.normalize("NFKC", m.group()), text)

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


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _drop_spaces(line: str) -> str:
    """Keep one space between two word characters (``Office 2016``, ``培训 100人次``); drop it
    next to punctuation (``群众满意度(%) ;``) and between two Chinese characters (``产出 指标``).

    >>> _drop_spaces("产出 指标 | 数量指标 培训 100人次 Office 2016")
    '产出指标|数量指标培训 100人次 Office 2016'
    """
    pieces = line.strip().split(" ")
    if len(pieces) == 1:
        return pieces[0]
    out = pieces[0]
    for piece in pieces[1:]:
        if not piece:
            continue
        if out and not _glues(out[-1]) and not _glues(piece[0]) and not (_han(out[-1]) and _han(piece[0])):
            out += " "
        out += piece
    return out


def normalize(text: object) -> str:
    """Return the canonical form of a cell's text (``""`` for ``None``).  Idempotent.

    >>> normalize(None)
    ''
    >>> normalize(" ≧95％ "), normalize("> = 90"), normalize("＜ ＝ 5")
    ('≥95%', '≥90', '≤5')
    >>> normalize("≥1\u00ad000人次"), normalize("≥10³次"), normalize("≥2km²")
    ('≥1000人次', '≥10^3次', '≥2km2')
    """
    if text is None:
        return ""
    s = str(text)
    if not s.isascii() and _INVISIBLE_OR_POWER.search(s):
        s = _strip_invisible(s)
    s = first = _nfkc(s)
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


#: The testing hook (``tests/test_normalize.py``): the cheap full-width table and NFKC route,
#: checked against the plain ones.  Not API.
TESTING = SimpleNamespace(common_wide=_COMMON_WIDE, nfkc=_nfkc)
