"""The add-in's user config ``%USERPROFILE%\\.xltools\\xltools.conf``: which Python the buttons and functions use.

xlwings' VBA (``GetConfigFromFile``) reads it with ``Input #``, which decodes the bytes in the system ANSI
code page — 936 (GBK) on Chinese Windows — and expands ``%VAR%`` forms (``ExpandEnvironmentStrings``).
A path such as ``C:\\Users\\张三\\AppData\\…`` saved as UTF-8 (Notepad's default) is garbled and the
buttons fail with "Could not find Interpreter!".  :func:`write_user_conf` writes every value in a form
that survives: ASCII where possible (``%LOCALAPPDATA%\\Programs\\Python\\…`` or the 8.3 short path),
else the file is encoded in the ANSI code page.  :func:`read_vba_conf` reads a file the way ``Input #``
does, for the tests.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath

from xltools.atomic import atomic_path
from xltools.errors import XltoolsError

__all__ = ["CONF_NAME", "ENV_VARS", "interpreter_path", "read_vba_conf", "user_conf_dir", "vba_value", "write_user_conf"]

CONF_NAME = "xltools.conf"
# the folders a per-user or per-machine Python lives under, most specific first
ENV_VARS = ("LOCALAPPDATA", "APPDATA", "USERPROFILE", "ProgramFiles", "ProgramFiles(x86)", "ProgramData", "SystemDrive")
_LINE = re.compile(r'^\s*"([^"]*)"\s*,\s*"([^"]*)"\s*$')
MAC_CONF_DIR = "Library/Containers/com.microsoft.Excel/Data"  # GetConfigFilePath on macOS: $HOME there + /xltools.conf


def user_conf_dir(platform: str | None = None) -> Path | None:
    """Where the VBA looks for ``xltools.conf`` (``GetConfigFilePath``); ``None`` where there is no Excel."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return Path(os.environ.get("USERPROFILE") or Path.home()) / ".xltools"
    if platform == "darwin":
        return Path.home() / MAC_CONF_DIR
    return None


def interpreter_path(executable: str | None = None, platform: str | None = None) -> str:
    """The interpreter the add-in should start: ``pythonw.exe`` beside ``python.exe`` on Windows (no console
    window), else the running interpreter.

    >>> interpreter_path(r"C:\\Py\\python.exe", "win32") in (r"C:\\Py\\pythonw.exe", r"C:\\Py\\python.exe")
    True
    """
    executable = executable or sys.executable
    if (platform or sys.platform).startswith("win"):
        exe = PureWindowsPath(executable)
        windowed = exe.with_name("pythonw.exe")
        if exe.name.lower() == "python.exe" and (os.name != "nt" or Path(str(windowed)).is_file()):
            return str(windowed)
    return executable


def _short_path(path: str) -> str | None:  # pragma: no cover - Windows only
    if os.name != "nt":
        return None
    import ctypes

    buf = ctypes.create_unicode_buffer(1024)
    n = ctypes.windll.kernel32.GetShortPathNameW(path, buf, len(buf))  # type: ignore[attr-defined]
    return buf.value if 0 < n < len(buf) else None


def vba_value(value: str, env: Mapping[str, str], *, ansi: str,
              short_path: Callable[[str], str | None] = _short_path) -> str:
    """``value`` (a Windows path) in a form the VBA reads back unchanged: as is when ASCII, else with an
    environment variable for its folder (``%LOCALAPPDATA%\\…``), else its 8.3 short path, else as is when the
    ANSI code page ``ansi`` can encode it (the file is written in it).

    >>> vba_value(r"C:\\Users\\张三\\AppData\\Local\\Programs\\Python\\Python311\\pythonw.exe",
    ...           {"LOCALAPPDATA": r"C:\\Users\\张三\\AppData\\Local"}, ansi="cp936")
    '%LOCALAPPDATA%\\\\Programs\\\\Python\\\\Python311\\\\pythonw.exe'
    """
    if value.isascii():
        return value
    for var in ENV_VARS:
        base = (env.get(var) or "").rstrip("\\/")
        if base and value.lower().startswith(base.lower() + "\\"):
            candidate = f"%{var}%" + value[len(base):]
            if candidate.isascii():
                return candidate
    short = short_path(value)
    if short and short.isascii():
        return short
    try:
        value.encode(ansi)
    except UnicodeEncodeError:
        raise XltoolsError(f"路径 {value} 含有代码页 {ansi} 无法表示的字符：请把 Python 安装到只含英文字母的文件夹"
                           "（例如 C:\\Python311），或在 xltools.conf 中手工填写 INTERPRETER_WIN") from None
    return value


def read_vba_conf(data: bytes, codepage: str = "cp936") -> dict[str, str]:
    """The settings as xlwings' ``GetConfigFromFile`` sees them: the bytes decoded in ``codepage`` (what
    ``Input #`` does on a Windows whose ANSI code page it is), two quoted fields per line, keys upper-cased.

    >>> read_vba_conf('"INTERPRETER_WIN","C:\\\\张三\\\\pythonw.exe"\\r\\n'.encode("cp936"))
    {'INTERPRETER_WIN': 'C:\\\\张三\\\\pythonw.exe'}
    """
    text = data.decode(codepage, errors="replace")
    return {m.group(1).upper(): m.group(2) for line in text.splitlines() if (m := _LINE.match(line))}


def _ansi() -> str:
    if os.name == "nt":  # pragma: no cover - Windows only
        import locale

        getencoding = getattr(locale, "getencoding", None)  # 3.11+; the ANSI code page, never UTF-8 mode's answer
        return str(getencoding() if getencoding else locale.getpreferredencoding(False))
    return "cp936"  # elsewhere (tests, a Mac): write for the Chinese Windows the add-in is made for


def write_user_conf(conf_dir: str | Path | None = None, *, executable: str | None = None,
                    env: Mapping[str, str] | None = None, ansi: str | None = None, platform: str | None = None) -> Path | None:
    """Write (or update) ``xltools.conf`` in ``conf_dir`` (default: where the VBA looks): the interpreter
    that runs this code and ``UDF MODULES``; other settings already there are kept.  Returns the path, or
    ``None`` on a system without Excel when no folder is given."""
    from xltools.addin.udfvba import UDF_MODULE

    platform = platform or sys.platform
    folder = Path(conf_dir) if conf_dir is not None else user_conf_dir(platform)
    if folder is None:
        return None
    ansi, env = ansi or _ansi(), env if env is not None else os.environ
    key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    python = interpreter_path(executable, platform)
    ours = {key: vba_value(python, env, ansi=ansi) if key == "INTERPRETER_WIN" else python, "UDF MODULES": UDF_MODULE}
    path = folder / CONF_NAME
    settings: dict[str, str] = {}
    if path.is_file():
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")  # Notepad's UTF-8: read it right, write it back in the ANSI code page
        except UnicodeDecodeError:
            text = data.decode(ansi, errors="replace")
        settings = {m.group(1): m.group(2) for line in text.splitlines() if (m := _LINE.match(line))}
        settings = {k: v for k, v in settings.items() if k.upper() not in ours}
    settings.update(ours)
    lines = "".join(f'"{k}","{v}"\r\n' for k, v in settings.items())
    try:
        payload = lines.encode(ansi)
    except UnicodeEncodeError as exc:
        raise XltoolsError(f"{path}: 有设置无法用代码页 {ansi} 保存（{exc}）") from exc
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            Path(tmp).write_bytes(payload)
    except OSError as exc:
        raise XltoolsError(f"无法写入 {path}（{exc}）") from exc
    return path
