"""The user config the add-in reads (%USERPROFILE%\\.xltools\\xltools.conf), checked the way the VBA reads it:
``Input #`` decodes the bytes in the ANSI code page (936 on Chinese Windows), then ``%VAR%`` is expanded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xltools.addin.userconf import read_vba_conf, vba_value, write_user_conf
from xltools.errors import XltoolsError

HOME = "C:\\Users\\张三"
ENV = {"USERPROFILE": HOME, "LOCALAPPDATA": HOME + "\\AppData\\Local", "APPDATA": HOME + "\\AppData\\Roaming",
       "ProgramFiles": "C:\\Program Files"}


def expand(value: str, env: dict[str, str]) -> str:
    """What WScript.Shell's ExpandEnvironmentStrings does with %VAR% (case-insensitive names)."""
    low = {k.lower(): v for k, v in env.items()}
    return re.sub(r"%([^%]+)%", lambda m: low.get(m.group(1).lower(), m.group(0)), value)


def as_vba_sees(path: Path, env: dict[str, str] = ENV) -> dict[str, str]:
    return {k: expand(v, env) for k, v in read_vba_conf(path.read_bytes(), "cp936").items()}


CASES = {
    "per-user Python under a Chinese user name": (HOME + "\\AppData\\Local\\Programs\\Python\\Python311\\python.exe",
                                                  "%LOCALAPPDATA%\\Programs\\Python\\Python311\\pythonw.exe"),
    "venv in the Chinese profile": (HOME + "\\venvs\\xl\\Scripts\\python.exe", "%USERPROFILE%\\venvs\\xl\\Scripts\\pythonw.exe"),
    "all users": ("C:\\Program Files\\Python311\\python.exe", "C:\\Program Files\\Python311\\pythonw.exe"),
    "Chinese folder outside the profile: written in code page 936": ("D:\\软件\\Python311\\python.exe", "D:\\软件\\Python311\\pythonw.exe"),
}


@pytest.mark.parametrize(("python", "written"), CASES.values(), ids=CASES.keys())
def test_the_vba_reads_back_the_interpreter(tmp_path: Path, python: str, written: str) -> None:
    path = write_user_conf(tmp_path, executable=python, env=ENV, ansi="cp936", platform="win32")
    assert path == tmp_path / "xltools.conf"
    data = path.read_bytes()
    assert read_vba_conf(data, "cp936") == {"INTERPRETER_WIN": written, "UDF MODULES": "xltools.excel.udfs"}
    assert as_vba_sees(path)["INTERPRETER_WIN"] == python.replace("python.exe", "pythonw.exe")
    assert data.endswith(b"\r\n") and not data.startswith(b"\xef\xbb\xbf")
    if written.isascii():
        assert data.isascii()


def test_utf8_would_have_been_garbled() -> None:
    """Why the file is never UTF-8: Input # on Chinese Windows turns UTF-8 张三 into mojibake."""
    utf8 = f'"INTERPRETER_WIN","{HOME}\\pythonw.exe"\r\n'.encode()
    assert read_vba_conf(utf8, "cp936")["INTERPRETER_WIN"] != HOME + "\\pythonw.exe"


def test_other_settings_are_kept_and_a_notepad_file_is_repaired(tmp_path: Path) -> None:
    (tmp_path / "xltools.conf").write_bytes(
        f'\ufeff"INTERPRETER_WIN","C:\\old\\pythonw.exe"\r\n"SHOW CONSOLE","True"\r\n"PYTHONPATH","{HOME}\\lib"\r\n'.encode())
    write_user_conf(tmp_path, executable="C:\\Py311\\python.exe", env=ENV, ansi="cp936", platform="win32")
    assert as_vba_sees(tmp_path / "xltools.conf") == {"SHOW CONSOLE": "True", "PYTHONPATH": HOME + "\\lib",
                                                      "INTERPRETER_WIN": "C:\\Py311\\pythonw.exe", "UDF MODULES": "xltools.excel.udfs"}


def test_a_path_the_code_page_cannot_hold_is_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(XltoolsError, match="代码页"):
        write_user_conf(tmp_path, executable="E:\\파이썬\\python.exe", env=ENV, ansi="cp936", platform="win32")
    assert not (tmp_path / "xltools.conf").exists()


def test_the_short_path_is_used_when_no_variable_fits() -> None:
    assert vba_value("E:\\파이썬\\pythonw.exe", ENV, ansi="cp936", short_path=lambda p: "E:\\FD12~1\\pythonw.exe") == "E:\\FD12~1\\pythonw.exe"


def test_no_conf_where_there_is_no_excel() -> None:
    assert write_user_conf(None, platform="linux") is None
