"""The command-line parser every shell uses (``xltools``, ``xltools addin``): argparse with its
help headings and one-line usage errors in Chinese first, English alongside, exit code 2."""

from __future__ import annotations

import argparse
from typing import NoReturn

#: The exit code of a usage error (documented in docs/reference.md: 2, input not usable).
EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse with its one-line errors in Chinese first (English alongside), exit code 2."""

    #: argparse's own headings and the -h text, Chinese first (subcommand parsers are this class too).
    HEADINGS = (("usage:", "用法 usage:"), ("positional arguments:", "参数 positional arguments:"),
                ("options:", "选项 options:"), ("show this help message and exit", "显示本帮助 show this help"))

    def format_help(self) -> str:
        text = super().format_help()
        for english, both in self.HEADINGS:
            text = text.replace(english, both)
        return text

    def error(self, message: str) -> NoReturn:
        hint = message.replace("the following arguments are required", "缺少参数 missing").replace(
            "unrecognized arguments", "多余的参数 unrecognized").replace("invalid choice", "无效的选择 invalid choice")
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误 usage error: {hint}；运行 {self.prog} --help 查看用法\n")
