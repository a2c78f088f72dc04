"""xltools — split, reconcile and template 项目支出绩效目标表 in Excel.

The core (this package's top level) is pure Python: text and rows in, frozen records out.
Excel (xlwings), openpyxl and pandas are imported only by the modules that need them.
"""

from .errors import IndicatorParseError, InputError, ValueParseError, XltoolsError
from .indicators import (
    Indicator,
    ParsedCell,
    ParseWarning,
    format_indicator,
    format_indicators,
    parse_indicators,
    parse_indicators_strict,
)
from .normalize import normalize
from .values import TargetValue, format_value, parse_value, parse_value_strict

__version__ = "0.1.0"

__all__ = [
    "Indicator",
    "IndicatorParseError",
    "InputError",
    "ParseWarning",
    "ParsedCell",
    "TargetValue",
    "ValueParseError",
    "XltoolsError",
    "format_indicator",
    "format_indicators",
    "format_value",
    "normalize",
    "parse_indicators",
    "parse_indicators_strict",
    "parse_value",
    "parse_value_strict",
]
