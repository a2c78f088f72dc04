"""The one formula-injection rule for every writer (xlsxwriter, openpyxl, xlwings, CSV/JSONL).

Text that Excel would run as a formula, or whose meaning changes when typed into a cell — a
leading ``=``, ``+``, ``-``, ``@``, tab or carriage return (OWASP's CSV-injection list) — is
written as text: with the quote prefix in a workbook, with a leading ``'`` in CSV and through
xlwings.  Numbers are never touched (``-5`` stays a number).
"""

from __future__ import annotations

__all__ = ["FORMULA_LEADS", "is_formula_like", "text_prefixed"]

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Would Excel read this text as (the start of) a formula?

    >>> [is_formula_like(t) for t in ("=1+1", "-5%", "@SUM(A1)", "\\tx", "\\r", "正常", "", "a=b")]
    [True, True, True, True, True, False, False, False]
    """
    return text.startswith(FORMULA_LEADS)


def text_prefixed(value: object) -> object:
    """``value`` with a ``'`` in front when it is formula-like text (CSV cells, values written
    through xlwings, where no quote-prefix format exists); anything else unchanged.

    >>> text_prefixed("=HYPERLINK(1)"), text_prefixed("-5%"), text_prefixed(-5), text_prefixed("正常")
    ("'=HYPERLINK(1)", "'-5%", -5, '正常')
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value
