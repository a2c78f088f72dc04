"""``xltools addin bundle -o xltools-offline.zip``: everything an offline Windows PC needs, in one zip.

* ``wheels/``: xltools and every dependency as ``win_amd64`` / CPython 3.11 wheels, downloaded with
  ``pip download --platform win_amd64 --python-version 3.11 --only-binary=:all:``.  pip evaluates
  environment markers for the machine *running* pip, so xlwings' Windows-only ``pywin32`` would be left
  out when the bundle is made on Linux or a Mac: it is named explicitly.
* ``xltools.xlam``: the add-in (``install.bat`` installs the copy inside the wheel; this one is for a
  manual install).
* ``install.bat``: no admin rights — ``py -3.11 -m pip install --no-index --find-links wheels xltools``
  (pip falls back to the per-user site when the Python is installed for all users), then
  ``py -3.11 -m xltools addin install`` (XLSTART and ``%USERPROFILE%\\.xltools\\xltools.conf``).
  Saved in code page 936 (GBK), the OEM code page cmd.exe reads a batch file in on Chinese Windows; its
  commands are ASCII and every Chinese line is repeated in English.  (``chcp 65001`` with a UTF-8 file
  needs cmd.exe to re-read each line after the switch, which older Windows builds get wrong.)
* ``README.txt``: the steps, UTF-8 with a byte-order mark so that Notepad shows the Chinese.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from xltools.atomic import atomic_path
from xltools.errors import XltoolsError

__all__ = ["INSTALL_BAT", "PLATFORM", "PYTHON_VERSION", "README_TXT", "build_wheel", "make_bundle", "requirements"]

PLATFORM, PYTHON_VERSION = "win_amd64", "3.11"
EXTRA = ["pywin32>=306"]  # xlwings needs it on Windows; pip on another system would skip it (markers)
BAT_ENCODING = "cp936"

INSTALL_BAT = r"""@echo off
rem xltools offline install: no administrator rights, no network.
rem Saved in code page 936 (GBK) for Chinese Windows; every Chinese line is repeated in English.
setlocal
cd /d "%~dp0"
echo ==================================================
echo   xltools 绩效工具 离线安装
echo   xltools offline install
echo ==================================================
echo.
echo 请先关闭所有 Excel 窗口，然后按任意键继续。
echo Close every Excel window, then press a key.
pause >nul
py -3.11 -c "import struct,sys; sys.exit(struct.calcsize('P') != 8)" >nul 2>&1
if errorlevel 1 goto nopython
echo.
echo 正在安装 xltools 和它需要的组件（不需要联网）……
echo Installing xltools and its dependencies from wheels\ ...
py -3.11 -m pip install --disable-pip-version-check --no-index --find-links "%~dp0wheels" xltools
if errorlevel 1 goto failed
echo.
echo 正在安装 Excel 加载项，并登记本机的 Python……
echo Installing the Excel add-in and recording this Python ...
py -3.11 -m xltools addin install
if errorlevel 1 goto failed
echo.
echo 安装完成。打开 Excel，功能区会出现“绩效工具”选项卡。
echo Done. Open Excel: the ribbon has a new tab.
pause
exit /b 0

:nopython
echo.
echo 没有找到 64 位的 Python 3.11。
echo 请先安装 Python 3.11 的 64 位版本，安装时勾选“py launcher”，然后再双击运行本文件。
echo 64-bit Python 3.11 was not found. Install it, with the py launcher, and run this file again.
pause
exit /b 1

:failed
echo.
echo 安装没有完成：请把上面的文字截图发给技术支持。
echo The installation did not finish: send a screenshot of the text above to support.
pause
exit /b 1
"""

README_TXT = """xltools 绩效工具 —— 离线安装包 / offline bundle

1. 安装 Python 3.11（64 位），安装时勾选“py launcher”（不需要管理员权限：选“为当前用户安装”）。
   Install Python 3.11 (64-bit) with the py launcher (per-user install: no admin rights).
2. 关闭所有 Excel 窗口，双击 install.bat。
   Close Excel, double-click install.bat.
3. 打开 Excel，功能区出现“绩效工具”选项卡；单元格里可以使用 =XT_SPLIT(G7) 等函数。
   Open Excel: the tab 绩效工具 is there; the functions =XT_SPLIT(G7) … work in cells.

install.bat 做的事 / what install.bat does:
  py -3.11 -m pip install --no-index --find-links wheels xltools
  py -3.11 -m xltools addin install
第二步把 xltools.xlam 复制到 %APPDATA%\\Microsoft\\Excel\\XLSTART，并写入 %USERPROFILE%\\.xltools\\xltools.conf
（记录使用哪个 Python）。也可以手工把本文件夹里的 xltools.xlam 复制到 XLSTART。
"""


def _pip(*args: str) -> None:
    res = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                         capture_output=True, text=True, timeout=1800)
    if res.returncode != 0:
        raise XltoolsError(f"pip {args[0]} 失败（需要联网访问 PyPI）：{(res.stderr or res.stdout).strip()[-1500:]}")


def requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of a wheel that apply without extras (markers kept for pip)."""
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        text = z.read(meta).decode("utf-8")
    reqs = [m.group(1).strip() for m in re.finditer(r"^Requires-Dist:\s*(.+)$", text, re.M)]
    return [r for r in reqs if not re.search(r";.*\bextra\s*==", r)]


def build_wheel(folder: str | Path) -> Path:
    """Build the xltools wheel of this source checkout into ``folder``, offline (the installed setuptools,
    no build isolation), from a copy of the sources so that no ``build/`` appears in the checkout."""
    root, folder = Path(__file__).resolve().parents[2], Path(folder)
    if not (root / "pyproject.toml").is_file():
        raise XltoolsError("不在 xltools 源码目录中：用 --wheel 指定 xltools 的 wheel 文件")
    with tempfile.TemporaryDirectory(prefix="xltools-src-") as tmp:
        src = Path(tmp)
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(root / name, src / name)
        shutil.copytree(root / "xltools", src / "xltools", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        _pip("wheel", str(src), "--no-deps", "--no-build-isolation", "--no-index", "-w", str(folder))
    return max(folder.glob("xltools-*.whl"), key=lambda p: p.stat().st_mtime)


def _xltools_wheel(folder: Path, given: str | Path | None) -> Path:
    return Path(shutil.copy(given, folder)) if given is not None else build_wheel(folder)


def make_bundle(output: str | Path = "xltools-offline.zip", *, wheel: str | Path | None = None) -> Path:
    """Write the offline bundle to ``output`` (needs PyPI); return its path."""
    from xltools.addin.build import DEFAULT_OUT

    with tempfile.TemporaryDirectory(prefix="xltools-bundle-") as tmp:
        wheels = Path(tmp) / "wheels"
        wheels.mkdir()
        own = _xltools_wheel(wheels, wheel)
        _pip("download", "--only-binary=:all:", "--platform", PLATFORM, "--python-version", PYTHON_VERSION,
             "--implementation", "cp", "-d", str(wheels), *requirements(own), *EXTRA)
        with atomic_path(output) as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for whl in sorted(wheels.glob("*.whl")):
                z.write(whl, f"wheels/{whl.name}")
            z.write(DEFAULT_OUT, "xltools.xlam")
            z.writestr("install.bat", INSTALL_BAT.replace("\n", "\r\n").encode(BAT_ENCODING))
            z.writestr("README.txt", README_TXT.replace("\n", "\r\n").encode("utf-8-sig"))
    return Path(output)
