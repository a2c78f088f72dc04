"""The add-in from an installed wheel, outside the checkout (issue 11 item 8, issue 14), and the offline
bundle for Windows (needs PyPI: skipped, saying so, when it cannot be reached)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from xltools.addin.build import DEFAULT_OUT
from xltools.addin.bundle import BAT_ENCODING, INSTALL_BAT, build_wheel
from xltools.addin.userconf import read_vba_conf

ROOT = Path(__file__).resolve().parent.parent


def _run(*cmd: object, cwd: Path, env: dict[str, str] | None = None) -> str:
    res = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("dist"))


def test_the_wheel_carries_the_addin(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        assert z.read("xltools/addin/xltools.xlam") == DEFAULT_OUT.read_bytes()
    assert {"xltools/addin/vba/customUI.xml", "xltools/addin/vba/RibbonXltools.bas", "xltools/addin/vba/xlwings_custom_addin.bas"} <= names


def test_addin_install_from_a_wheel_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    """A fresh venv holding only the wheel (its dependencies come from this interpreter's site-packages
    through a plain path entry, so the editable checkout's .pth is not processed): `python -m xltools addin
    install --xlstart DIR --conf-dir DIR`, run from a folder outside the checkout, installs the packaged
    add-in and writes a config that names this venv's Python, readable as code page 936."""
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).strip())
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel, cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    where = _run(python, "-c", "import sys, xltools; print(xltools.__file__); print('\\n'.join(sys.path))", cwd=tmp_path, env=env)
    package, *path = where.splitlines()
    assert Path(package).is_relative_to(site), package
    # the checkout's own folder is not importable (its dependencies may live under it: CI's venv is .venv in the checkout)
    assert not any(p and (Path(p).resolve() / "xltools") == (ROOT / "xltools").resolve() for p in path), "the checkout is on sys.path"
    xlstart, conf = tmp_path / "XLSTART", tmp_path / "conf"
    out = _run(python, "-m", "xltools", "addin", "install", "--xlstart", xlstart, "--conf-dir", conf, cwd=tmp_path, env=env)
    assert out.split() == [str(xlstart / "xltools.xlam"), str(conf / "xltools.conf")]
    assert (xlstart / "xltools.xlam").read_bytes() == (site / "xltools" / "addin" / "xltools.xlam").read_bytes() == DEFAULT_OUT.read_bytes()
    settings = read_vba_conf((conf / "xltools.conf").read_bytes(), "cp936")
    assert settings == {"INTERPRETER_WIN": str(python), "UDF MODULES": "xltools.excel.udfs"}


def test_install_bat_is_for_chinese_windows() -> None:
    """cp936 bytes (cmd.exe reads a .bat in the OEM code page, 936 on Chinese Windows), no BOM, CRLF; the
    commands themselves ASCII; every Chinese echo followed by an English one; no parentheses in echo lines
    (none inside if-blocks either: the script uses goto)."""
    data = INSTALL_BAT.replace("\n", "\r\n").encode(BAT_ENCODING)
    text = data.decode("cp936")
    assert not data.startswith(b"\xef\xbb\xbf") and "chcp" not in text
    lines = text.split("\r\n")
    for line in lines:
        if not line.startswith(("echo", "rem")):
            assert line.isascii(), line
    chinese = [i for i, line in enumerate(lines) if not line.isascii()]
    assert chinese and all(lines[i].startswith("echo") for i in chinese)
    assert "py -3.11 -m pip install --disable-pip-version-check --no-index --find-links \"%~dp0wheels\" xltools" in lines
    assert "py -3.11 -m xltools addin install" in lines
    assert not any(line.startswith("if") and "(" in line for line in lines)


def _pypi_reachable() -> bool:
    if os.environ.get("XLTOOLS_OFFLINE"):
        return False
    try:
        socket.create_connection(("pypi.org", 443), timeout=3).close()
        return True
    except OSError:
        return False


def test_the_offline_bundle_resolves_for_windows(wheel: Path, tmp_path: Path) -> None:
    """`xltools addin bundle` (needs PyPI), then the check an offline Windows PC would do:
    pip install --dry-run --no-index --find-links WHEELS --platform win_amd64 --python-version 3.11 ... xltools."""
    if not _pypi_reachable():
        pytest.skip("PyPI (pypi.org:443) is not reachable, or XLTOOLS_OFFLINE is set: the offline bundle is not built")
    from xltools.addin.bundle import make_bundle

    bundle = make_bundle(tmp_path / "xltools-offline.zip", wheel=wheel)
    with zipfile.ZipFile(bundle) as z:
        z.extractall(tmp_path / "b")
        names = z.namelist()
    assert {"install.bat", "README.txt", "xltools.xlam"} <= set(names)
    wheels = tmp_path / "b" / "wheels"
    assert any(w.name.startswith("pywin32-") and w.name.endswith("-cp311-cp311-win_amd64.whl") for w in wheels.iterdir())
    assert any(w.name.startswith("xlwings-0.37.8-") and "win_amd64" in w.name for w in wheels.iterdir())
    out = _run(sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", wheels, "--platform", "win_amd64",
               "--python-version", "3.11", "--only-binary=:all:", "--target", tmp_path / "T", "xltools", cwd=tmp_path)
    assert "Would install" in out and "xltools-0.1.0" in out and "xlwings-0.37.8" in out
