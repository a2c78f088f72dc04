"""Names and widths: unique sheet titles and file names, the display width of CJK text.

One helper makes a name unique (:func:`unique_name`); sheet titles (Excel: ≤ 31 characters,
none of ``[]:*?/\\``, unique ignoring case) and file names (no separators, reserved Windows
names, capped in bytes) are built on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

__all__ = ["FILENAME_BYTES", "display_width", "fit", "safe_filename", "safe_sheet_title", "unique_name", "utf8_size"]

_FILE_BAD = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: A file name's stem at most this many UTF-8 bytes: with ``.xlsx`` and the temporary-file suffix of
#: :mod:`xltools.atomic` it stays under the 255-byte limit of Linux/macOS file systems (Windows counts 255 UTF-16 units).
FILENAME_BYTES = 200
_BAD_TITLE = str.maketrans({c: "_" for c in "[]:*?/\\"})


def display_width(text: str) -> int:
    """Columns a text takes on screen: CJK and full-width characters count two.

    >>> display_width("abc"), display_width("项目名称"), display_width("≥90%")
    (3, 8, 4)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def unique_name(
    base: str, taken: Iterable[str], *, limit: int, size: Callable[[str], int] = len, label: str = "", strip: str = "",
    bare: bool = True,
) -> str:
    """The first of ``base``, ``base(2)``, ``base(3)`` … not in ``taken`` (ignoring case); with a
    ``label`` or ``bare=False``, ``base(label1)``, ``base(label2)`` … (``base`` itself is not offered).
    ``base`` is cut so that ``size`` of the whole stays within ``limit`` (characters, or bytes with
    ``size=utf8_size``), then ``strip`` is stripped from its end.  The one helper behind sheet titles,
    file names and kept copies of edited sheets.

    >>> unique_name("表", ["表", "表(2)"], limit=31), unique_name("表", [], limit=31, label="已修改")
    ('表(3)', '表(已修改1)')
    >>> unique_name("表", ["表", "表(1)"], limit=31, bare=False)
    '表(2)'
    >>> unique_name("abcdef", ["ABCDEF"], limit=6), unique_name("项目名称", ["项目名称"], limit=14, size=utf8_size)
    ('abc(2)', '项目名(2)')
    """
    used = {t.casefold() for t in taken}
    if bare and not label and size(base) <= limit and base.casefold() not in used:
        return base
    n = 2 if bare and not label else 1
    while True:
        suffix = f"({label}{n})"
        cut = fit(base, limit - size(suffix), size)
        name = cut.rstrip(strip) + suffix if strip else cut + suffix
        if name.casefold() not in used:
            return name
        n += 1


def fit(text: str, limit: int, size: Callable[[str], int] = len) -> str:
    """The longest start of ``text`` whose ``size`` is at most ``limit``.

    >>> fit("项目名称", 7, utf8_size), fit("abc", 5)
    ('项目', 'abc')
    """
    if size(text) <= limit:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # binary search: a 32,767-character name is cut in 15 steps
        mid = (lo + hi + 1) // 2
        if size(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo]


def utf8_size(text: str) -> int:
    """Bytes of ``text`` in UTF-8: what a file-name limit (255 bytes on Linux and macOS) counts.

    >>> utf8_size("ab"), utf8_size("项目")
    (2, 6)
    """
    return len(text.encode("utf-8"))


def safe_sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of ``[]:*?/\\``).

    >>> safe_sheet_title("a/b:c[1]"), safe_sheet_title("x" * 40)[-3:], safe_sheet_title("合计", ["合计"])
    ('a_b_c_1_', 'xxx', '合计(2)')
    """
    base = (name.translate(_BAD_TITLE).strip("' ") or "Sheet")[:31]
    return unique_name(base, taken, limit=31)


def safe_filename(name: object, taken: set[str] | None = None, *, limit: int = FILENAME_BYTES) -> str:
    """A file name (without extension) made from a project name, safe on Windows and Unix.

    No ``/ \\ : * ? " < > |``, control characters or ``..``; no leading dot, no trailing dot or
    space; not a reserved Windows name; at most ``limit`` UTF-8 bytes; ``未命名`` when nothing is
    left.  With ``taken`` (a set the caller keeps for one run) the name is also made unique,
    case-insensitively, by ``(2)``, ``(3)``….

    >>> safe_filename("../../etc/passwd"), safe_filename("CON"), safe_filename("a:b*c?")
    ('_._etc_passwd', '_CON', 'a_b_c_')
    >>> seen = set(); [safe_filename("项目", seen) for _ in range(3)]
    ['项目', '项目(2)', '项目(3)']
    >>> utf8_size(safe_filename("项" * 90))
    198
    """
    text = unicodedata.normalize("NFC", "" if name is None else str(name))
    text = _FILE_BAD.sub("_", " ".join(text.split()))
    text = re.sub(r"\.{2,}", ".", text).lstrip(". ")
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    text = fit(text, limit, utf8_size).rstrip(". ")
    if not text:
        text = "未命名"
    if taken is None:
        return text
    out = unique_name(text, taken, limit=limit, size=utf8_size, strip=" .")
    taken.add(out.casefold())
    return out
