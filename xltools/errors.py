"""One small exception hierarchy (python-stdnum style: a class-level Chinese message).

Library code raises these; the command line turns them into one line and an exit code,
the Excel layer into a message box text.  Nothing else reaches a user as a traceback.

>>> str(InputError("seed.txt: 找不到表头"))
'seed.txt: 找不到表头'
>>> InputError.exit_code
2
"""

from __future__ import annotations

__all__ = ["IndicatorParseError", "InputError", "OutputError", "UsageError", "ValueParseError", "XltoolsError"]


class XltoolsError(Exception):
    """Base class of every error xltools raises on purpose."""

    message = "xltools 处理失败"
    exit_code = 1

    def __init__(self, msg: str | None = None) -> None:
        super().__init__(msg or self.message)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.message


class ValueParseError(XltoolsError, ValueError):
    """A 指标值 could not be read as one clear requirement (strict parsing only)."""

    message = "指标值无法识别"


class IndicatorParseError(XltoolsError, ValueError):
    """A 绩效指标 cell could not be split cleanly (strict parsing only)."""

    message = "绩效指标无法完整拆分"


class InputError(XltoolsError):
    """An input file or stream cannot be read as a table (exit code 2)."""

    message = "输入文件无法读取"
    exit_code = 2


class UsageError(XltoolsError):
    """The command was given options that cannot work together or values out of range (exit code 2)."""

    message = "参数有误"
    exit_code = 2


class OutputError(XltoolsError):
    """An output cannot be written: the file is open in Excel/WPS, read-only, or the folder is missing (exit code 4)."""

    message = "输出文件无法写入"
    exit_code = 4
