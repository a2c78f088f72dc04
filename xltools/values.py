"""One indicator value (指标值): ``"≥100个（每年）"`` -> ``TargetValue(op='≥', number=100, unit='个', note='每年')``.

A value is *quantitative* when it states exactly one number (Arabic, or Chinese such as
``二级`` / ``十五天``) and *qualitative* otherwise (``正常运转``, ``满意``, ``效果明显``, or a value
holding several requirements such as ``可使用2年或盖10万次以上``).  Text before the number is the
``subject`` (``日常巡检达标率100%``), comparator words become one of ``= ≥ ≤ > <``, the unit
keeps its multiplier as written (``100万宗`` → 100, ``万宗``), and whatever follows goes to
``note`` (``（每年）`` → ``每年``, ``2个工作日内办结`` → ``办结``).  ``raw`` always keeps the text
exactly as given.  :func:`parse_value` never raises; :func:`parse_value_strict` does.

>>> v = parse_value("≥100个（每年）")
>>> v.kind, v.op, v.number, v.unit, v.note
('quantitative', '≥', Decimal('100'), '个', '每年')
>>> v = parse_value("平台等级安全保护级别达到二级以上")
>>> v.subject, v.op, v.number, v.unit
('平台等级安全保护级别', '≥', Decimal('2'), '级')
>>> parse_value("可使用2年或盖10万次以上").kind
'qualitative'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from types import SimpleNamespace

from ._vocab import OPS_AFTER, OPS_BEFORE, PER_UNITS, UNIT_MULTIPLIERS, UNITS
from .errors import ValueParseError
from .money import excel_decimal
from .normalize import normalize

__all__ = [
    "QUALITATIVE",
    "QUANTITATIVE",
    "TargetValue",
    "cell_value_text",
    "format_value",
    "parse_canonical_value",
    "parse_chinese_number",
    "parse_value",
    "parse_value_strict",
    "value_from_parts",
]

QUANTITATIVE = "quantitative"
QUALITATIVE = "qualitative"

#: Warning codes a value can carry (messages in Chinese, for finance staff).
VALUE_WARNINGS = {
    "value_empty": "指标值为空",
    "value_multiple": "指标值含多个数值或多项要求，按定性处理",
    "value_conflict": "指标值中的比较词互相矛盾，按定性处理",
    "value_date": "指标值是日期，按定性处理",
    "value_range": "指标值是一个区间，没有单一目标值，按定性处理",
    "value_notation": "指标值的数字写法（科学计数法、分数、乘方）无法确定，按定性处理",
}


@dataclass(frozen=True, slots=True)
class TargetValue:
    """A parsed 指标值.  ``number`` is a ``Decimal``; ``unit`` is ``""`` for a bare number.

    ``raw`` is the text given to :func:`parse_value`; for a value split out of a 绩效指标 cell
    that is its text in the normalised cell (the cell's verbatim text is ``ParsedCell.raw``).
    ``text`` is the canonical form, ``subject`` the words before the number.
    """

    raw: str
    kind: str
    op: str | None = None
    number: Decimal | None = None
    unit: str | None = None
    note: str | None = None
    subject: str | None = None
    text: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def is_quantitative(self) -> bool:
        return self.kind == QUANTITATIVE


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = "零〇一二两三四五六七八九十百千"


def parse_chinese_number(text: str) -> int | None:
    """``十五`` → 15, ``二`` → 2, ``一百零五`` → 105; ``None`` when it is not a numeral.

    >>> parse_chinese_number("十五"), parse_chinese_number("二"), parse_chinese_number("三千零二十")
    (15, 2, 3020)
    >>> parse_chinese_number("级") is None
    True
    """
    if not text or any(c not in _CN_NUMERAL for c in text):
        return None
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
    return total + (digit or 0)


_ARABIC = r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
_MULT_ALT = "|".join(UNIT_MULTIPLIERS)
_NUMBER = re.compile(
    rf"(?P<sign>(?<=^)-|(?<=[≥≤<>=])-)?(?P<num>{_ARABIC})"
    rf"|(?P<cn>(?![百千])[{_CN_NUMERAL}]+)(?=(?:{_MULT_ALT})?(?:{_UNIT_ALT})(?:$|[^\u4e00-\u9fff]|{'|'.join(OPS_AFTER)}))"
)
_PER_ALT = "|".join(re.escape(u) for u in sorted(PER_UNITS, key=len, reverse=True))
_UNIT = re.compile(rf"(?:{_UNIT_ALT}|(?:{_MULT_ALT})(?:{_UNIT_ALT})?)(?:/(?:{_PER_ALT}))?")
_PER = re.compile(rf"/(?:{_PER_ALT})")
_OPS_BEFORE = sorted(OPS_BEFORE, key=len, reverse=True)
_OP_SIZES = sorted({len(w) for w in OPS_BEFORE}, reverse=True)
_OPS_WORDS = [w for w in _OPS_BEFORE if len(w) > 1]
_OPS_FIRST = frozenset(w[0] for w in _OPS_WORDS)
_OP_AFTER = re.compile("|".join(re.escape(w) for w in sorted(OPS_AFTER, key=len, reverse=True)))
_PAREN = re.compile(r"\([^()]*\)")
_CONNECTOR = re.compile(r"或|且|并|、|,|;|和|与|及(?!以)|~|至|到|-|/")
_DATE = re.compile(r"\d{2,4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}年(?:底|末|前|内)|\d{1,2}月(?:底|末|份?前|[上中下]旬)")
_TRAILING_PUNCT = "。;,.!！"
#: What may stand between a number and its unit: a space (``=2 个``) or a table's column rule (``≥|95|%``).
_UNIT_GAP = " |"
#: An interval: ``[90,100]``, ``[90,100)``, ``(90,100]`` (``(90,100)`` stays a parenthesis: it may hold 90,100 = 90100).
_INTERVAL = re.compile(r"\[-?[\d.]+,-?[\d.]+[\])]|\(-?[\d.]+,-?[\d.]+\]")
#: A number written so that its digits are not the number: ``1e6``, ``10^3`` (normalised ``10³``), ``1⁄2`` (NFKC of ``½``).
_NOTATION = re.compile(r"\d(?:[eE][+-]?\d|\^|\u2044)")
#: ``km2`` / ``m3`` (``km²`` after NFKC): the 2 or 3 is the unit's power, not a number.
_UNIT_POWER = re.compile(r"[23](?![\d.])")


def _numbers(text: str) -> list[re.Match[str]]:
    """Number tokens outside parentheses; the power of a unit (``km2``: the 2) is none."""
    masked = _PAREN.sub(lambda m: " " * len(m.group()), text) if "(" in text else text
    return [m for m in _NUMBER.finditer(masked) if not _is_unit_power(masked, m)]


def _is_unit_power(text: str, m: re.Match[str]) -> bool:
    """The 2 of ``500m2`` / ``2km2`` / ``元/m2``: right after ``m``, which follows a digit, a Latin
    letter or the ``/`` of a per-unit."""
    i = m.start()
    before = text[i - 2] if i >= 2 else ""
    return (text[i - 1 : i] == "m" and (before.isdigit() or before == "/" or (before.isascii() and before.isalpha()))
            and _UNIT_POWER.fullmatch(m.group()) is not None)


def _has_comparator(text: str, m: re.Match[str]) -> bool:
    """A comparator word right before the number, or 以上/以内… right after it (and its unit)."""
    before = text[: m.start()]
    if any(before.endswith(w) for w in _OPS_BEFORE):
        return True
    after = text[m.end() :]
    unit = _UNIT.match(after)
    return _OP_AFTER.match(after[unit.end() if unit else 0 :]) is not None


def _qualitative(raw: str, text: str, *warnings: str) -> TargetValue:
    return TargetValue(raw, QUALITATIVE, None, None, None, None, None, text, warnings)


_PLAIN = re.compile(r"(?P<subject>[^\d≥≤<>=()\-.,|]*?)(?P<op>[≥≤<>=]?)(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d()\-.,|]*)")
_CN_NUMERAL_RE = re.compile(f"[{_CN_NUMERAL}]")


@lru_cache(maxsize=65536)
def _parse_canonical(raw: str, text: str) -> TargetValue:
    return _plain(raw, text) or _general(raw, text)


def _plain(raw: str, text: str) -> TargetValue | None:
    """The common shape (``≥90%``, ``100%``, ``≤2个工作日``, ``用户满意度98%``: words, a symbol, one
    number, a whole unit) without the general search; ``None`` sends the text the general way (a
    property test checks they agree)."""
    m = _PLAIN.fullmatch(text)
    if m is None:
        return None
    subject, op, num, unit = m.group("subject", "op", "num", "unit")
    if unit and ((u := _UNIT.match(unit)) is None or u.end() != len(unit)):
        return None
    if (subject or unit) and (_CN_NUMERAL_RE.search(subject) or _CN_NUMERAL_RE.search(unit) or _DATE.search(text)):
        return None  # a Chinese numeral would be a second number; a date is read as text
    op_before, before = _op_before(subject + op)
    return TargetValue(raw, QUANTITATIVE, op_before or "=", Decimal(num), unit, None, before or None, text)


def _op_before(before: str) -> tuple[str | None, str]:
    """The comparator before the number, and the subject: ``不低于`` ending the text is taken off it;
    ``高于上年`` (the word a little before the number) gives its op and stays in the subject."""
    for size in _OP_SIZES:  # the longest comparator word that ends the text before the number
        word = before[-size:]
        if word in OPS_BEFORE:
            return OPS_BEFORE[word], before[: -len(word)]
    if _OPS_FIRST.isdisjoint(before):  # a cheap look first: no word can start here
        return None, before
    words = [(before.rfind(w) + len(w), len(w), w) for w in _OPS_WORDS if w in before]
    return (OPS_BEFORE[max(words)[2]] if words else None), before


def _general(raw: str, text: str) -> TargetValue:
    if not text:
        return _qualitative(raw, text, "value_empty")
    if _INTERVAL.search(text):
        return _qualitative(raw, text, "value_range")
    if _NOTATION.search(text):
        return _qualitative(raw, text, "value_notation")
    found = _numbers(text)
    if not found:
        return _qualitative(raw, text)
    if _DATE.search(text):
        return _qualitative(raw, text, "value_date")
    if len(found) > 1:
        between = text[found[0].start() : found[-1].start()]
        if _CONNECTOR.search(between):
            return _qualitative(raw, text, "value_multiple")
    main = found[0] if len(found) == 1 else next((m for m in found if _has_comparator(text, m)), found[-1])
    if main.group("cn"):
        number = Decimal(parse_chinese_number(main.group("cn")) or 0)
    else:
        try:
            number = Decimal(main.group("num").replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex only admits digits
            return _qualitative(raw, text)
        if main.group("sign"):
            number = -number
    op_before, before = _op_before(text[: main.start()].rstrip("|"))  # ≥|95|%: a table's columns (S2)
    before = before.rstrip("|")
    after = text[main.end() :]
    if after[:1] in _UNIT_GAP and _UNIT.match(unit_text := after.lstrip(_UNIT_GAP)):  # =2 个, ≥98 %, 95|%
        after = unit_text
    unit_m = _UNIT.match(after)
    unit = unit_m.group() if unit_m else ""
    if unit.endswith("m") and (power := _UNIT_POWER.match(after, len(unit))):  # km2: the unit's power
        per = _PER.match(after, power.end())
        unit = after[: per.end() if per else power.end()]
    after = after[len(unit) :]
    op_after_m = _OP_AFTER.match(after)
    op_after = OPS_AFTER[op_after_m.group()] if op_after_m else None
    if op_after_m:
        after = after[op_after_m.end() :]
    if op_after and op_before not in (None, "=", op_after):
        return _qualitative(raw, text, "value_conflict")
    op = op_after or op_before or "="
    note = after.strip().rstrip(_TRAILING_PUNCT).strip() or None
    if note and note.startswith("(") and note.endswith(")") and _PAREN.fullmatch(note):
        note = note[1:-1] or None
    return TargetValue(raw, QUANTITATIVE, op, number, unit, note, before or None, text)


@lru_cache(maxsize=65536)
def parse_canonical_value(text: str) -> TargetValue:
    """:func:`parse_value` for text already in canonical form (a slice of a normalised cell)."""
    if len(text) > 2000:
        return _qualitative(text, text)
    return _plain(text, text) or _general(text, text)


def parse_value(text: object) -> TargetValue:
    """Parse one 指标值; never raises (junk gives a qualitative value with ``raw`` kept).

    >>> parse_value("超过100万宗")[1:5]
    Traceback (most recent call last):
    ...
    TypeError: 'TargetValue' object is not subscriptable
    >>> v = parse_value("咨询类工单2个工作日内办结")
    >>> (v.subject, v.op, v.number, v.unit, v.note)
    ('咨询类工单', '≤', Decimal('2'), '个工作日', '办结')
    >>> parse_value(None).kind, parse_value(None).warnings
    ('qualitative', ('value_empty',))
    """
    raw = "" if text is None else str(text)
    if len(raw) > 2000:  # no number is hidden in an essay; keep it qualitative and cheap
        return _qualitative(raw, normalize(raw))
    return _parse_canonical(raw, normalize(raw))


def parse_value_strict(text: object) -> TargetValue:
    """Like :func:`parse_value` but raises :class:`ValueParseError` when the value is empty or
    has to be read as qualitative because of conflicting or multiple numbers.

    >>> parse_value_strict("≥90%").number
    Decimal('90')
    >>> parse_value_strict("")
    Traceback (most recent call last):
    ...
    xltools.errors.ValueParseError: 指标值为空: ''
    """
    value = parse_value(text)
    if value.warnings:
        raise ValueParseError(f"{VALUE_WARNINGS[value.warnings[0]]}: {value.raw!r}")
    return value


def format_number(number: Decimal) -> str:
    """``Decimal('20000.950')`` → ``'20000.95'``, ``Decimal('1E+2')`` → ``'100'``.

    >>> format_number(Decimal("20000.950")), format_number(Decimal("1E+2")), format_number(Decimal("0.0"))
    ('20000.95', '100', '0')
    """
    text = format(number.normalize(), "f")
    return text if text != "-0" else "0"


def format_value(value: TargetValue) -> str:
    """Standard text of a value from its fields (``op`` ``number`` ``unit`` ``(note)``).

    ``=`` is not written; a qualitative value is its text.

    >>> format_value(parse_value("不低于90％"))
    '≥90%'
    >>> format_value(parse_value("≥100个（每年）"))
    '≥100个(每年)'
    >>> format_value(parse_value("正常运转"))
    '正常运转'
    """
    if value.kind != QUANTITATIVE or value.number is None:
        return value.text or normalize(value.raw)
    op = "" if value.op in (None, "=") else value.op
    note = f"({value.note})" if value.note else ""
    return f"{value.subject or ''}{op}{format_number(value.number)}{value.unit or ''}{note}"


QUALITATIVE_OP = "定性"


def cell_value_text(value: object) -> str:
    """A form or 明细 cell as canonical text: blank → ``""``, a float as its shortest number, text normalised."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(excel_decimal(value))
    return normalize(str(value))


def _same(a: TargetValue, b: TargetValue) -> bool:
    if a.is_quantitative != b.is_quantitative:
        return False
    if not a.is_quantitative:
        return a.text == b.text
    return (a.op, a.number, a.unit, a.note) == (b.op, b.number, b.unit, b.note)


def value_from_parts(op: object, number: object, unit: object, raw: object = None, note: object = None) -> TargetValue | None:
    """A value from its 符号 / 数值 / 单位 (/ 备注) cells, as forms and ``绩效指标明细`` hold it; ``None``
    when all are empty.  When the original text ``raw`` still says the same, it is kept as written
    (an unedited ``咨询类工单2个工作日内办结`` stays so); an edited value is written from its parts.

    >>> v = value_from_parts("≥", 100, "个(每年)"); (v.op, v.number, v.unit, v.note, v.text)
    ('≥', Decimal('100'), '个', '每年', '≥100个(每年)')
    >>> value_from_parts("定性", "正常运转", None).text, value_from_parts("=", 100, "%", "日常巡检达标率100%").text
    ('正常运转', '日常巡检达标率100%')
    >>> value_from_parts(None, None, None) is None, value_from_parts(None, None, None, "效果明显").text
    (True, '效果明显')
    """
    o, n, u, t = cell_value_text(op), cell_value_text(number), cell_value_text(unit), cell_value_text(note)
    original = cell_value_text(raw)
    if not (o or n or u or t):
        return parse_value(original) if original else None
    if o == QUALITATIVE_OP or not n:
        text = (n + u) or original or t or o
        value = parse_value(text)
        if value.is_quantitative and o == QUALITATIVE_OP:
            value = TargetValue(raw=text, kind=QUALITATIVE, text=value.text)
    else:
        value = parse_value(("" if o == "=" else o) + n + u + (f"({t})" if t else ""))
    if original:
        before = parse_value(original)
        if _same(before, value):
            return before
    return value


#: The testing hook: the one-regex plain-value reader and the general grammar it must agree with
#: (``tests/test_indicators_properties.py``), the Chinese digit table (``tests/test_vocabulary.py``).  Not API.
TESTING = SimpleNamespace(plain=_plain, general=_general, cn_digits=_CN_DIGITS)
