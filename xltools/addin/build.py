"""The Excel add-in ``xltools.xlam``: a ribbon tab 绩效工具 whose buttons run ``xltools.excel.macros``.

:func:`build_addin` starts from the custom-add-in template that ships inside xlwings
(``quickstart_addin_ribbon.xlam``, what ``xlwings quickstart NAME --addin --ribbon`` copies) and

- stores ``macros/customUI.xml`` as ``customUI/customUI14.xml``: namespace 2009/07, the part the template's
  ``.../2007/relationships/ui/extensibility`` relationship is meant for ([MS-CUSTOMUI2]);
- renames the config sheet ``_myaddin.conf`` to ``_xltools.conf`` (the leading ``_`` keeps it inactive,
  as in xlwings; renamed to ``xltools.conf`` it overrides ``%USERPROFILE%\\.xltools\\xltools.conf``);
- writes ``UDF Modules`` = ``xltools.excel.udfs`` into that sheet;
- replaces ``xl/vbaProject.bin`` by a project ``xltools`` (:mod:`xltools.addin.vbaproject`) holding
  ``vba/*.bas``, the worksheet functions' wrapper module ``xlwings_udfs`` written by xlwings' own generator
  (:mod:`xltools.addin.udfvba`), xlwings' ``Dictionary`` class (the xlwings module needs it on macOS) and
  the document modules of the workbook and its sheet; no two modules define the same name (VBA names are
  case-insensitive).

Identical inputs give an identical file (fixed zip times, fixed project id).  :func:`install_addin`
copies it where Excel opens it at every start, as ``xlwings addin install -f`` does.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

from xltools.addin.udfvba import UDF_MODULE
from xltools.atomic import atomic_path
from xltools.errors import XltoolsError

__all__ = ["CHECKOUT_COPIES", "addin_main", "build_addin", "copy_to_checkout", "install_addin", "xlstart_dir"]

NAME = "xltools"
HERE = Path(__file__).resolve().parent
MACROS = HERE / "vba"  # the VBA sources and the ribbon XML: package data, the one place to edit them
DEFAULT_OUT = HERE / f"{NAME}.xlam"  # the built add-in: package data, so `xltools addin install` works from a wheel
CHECKOUT = HERE.parent.parent  # in a source checkout: macros/ and workbooks/ hold copies for people to find
SOURCES = ("customUI.xml", "RibbonXltools.bas", "xlwings_custom_addin.bas")
CHECKOUT_COPIES = {CHECKOUT / "workbooks" / f"{NAME}.xlam": DEFAULT_OUT, **{CHECKOUT / "macros" / n: MACROS / n for n in SOURCES}}
TEMPLATE = "quickstart_addin_ribbon.xlam"
CUSTOMUI_PART = "customUI/customUI14.xml"
RIBBON_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
PROJECT_ID = "{5B1F3C2E-7A4D-4E8B-9C61-0D2A8F4E6B37}"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
MAC_XLSTART = "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
MAC_SCRIPTS = "Library/Application Scripts/com.microsoft.Excel"  # where `xlwings runpython install` puts its AppleScript


def _xlwings_dir() -> Path:
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise XltoolsError("找不到 xlwings：pip install xlwings")
    return Path(spec.origin).parent


def _xlwings_version(xlwings_dir: Path) -> str:
    found = re.search(r'^__version__ = "([^"]+)"', (xlwings_dir / "__init__.py").read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else "?"


def _replace(text: str, old: str, new: str, part: str) -> str:
    """Replace ``old`` that must be there, so that a changed template fails loudly instead of silently.

    >>> _replace('<sheet name="_myaddin.conf"/>', "_myaddin.conf", "_xltools.conf", "xl/workbook.xml")
    '<sheet name="_xltools.conf"/>'
    """
    if old not in text:
        raise XltoolsError(f"xlwings 的 {TEMPLATE} 变了：{part} 中没有 {old!r}")
    return text.replace(old, new)


def _modules(macros: Path, xlwings_dir: Path, sheet_codenames: list[str]) -> list[tuple[str, str, str]]:
    from xltools.addin import vbaproject as vp
    from xltools.addin.udfvba import VBA_MODULE, udf_module

    cls = vp.class_module((xlwings_dir / "addin" / "Dictionary.cls").read_text(encoding="ascii"))
    docs = [vp.document_module("ThisWorkbook", "Workbook"), *(vp.document_module(n) for n in sheet_codenames)]
    udfs = vp.standard_source(udf_module(UDF_MODULE, workbook=f"{NAME}.xlam"), VBA_MODULE)
    modules = [*docs, cls, *(vp.standard_module(p) for p in sorted(macros.glob("*.bas"))), udfs]
    vp.check_names(modules)
    return modules


def _config_sheet(xml: str) -> str:
    """The add-in's config sheet (``_xltools.conf``, inactive until renamed ``xltools.conf``) with
    ``UDF Modules`` = ``xltools.excel.udfs`` (row 6 of xlwings' template, empty there)."""
    row = '<row r="6" spans="1:1" ht="15.75"><c r="A6" s="1" t="s"><v>1</v></c></row>'
    new = (f'<row r="6" spans="1:2" ht="15.75"><c r="A6" s="1" t="s"><v>1</v></c>'
           f'<c r="B6" s="1" t="inlineStr"><is><t>{UDF_MODULE}</t></is></c></row>')
    return _replace(xml, row, new, "xl/worksheets/sheet1.xml")


def build_addin(out: str | Path = DEFAULT_OUT, *, macros: str | Path = MACROS) -> Path:
    """Build the add-in from ``macros/`` and the installed xlwings; write it atomically to ``out``."""
    from xltools.addin.vbaproject import write_vba_project

    macros, xlwings_dir = Path(macros), _xlwings_dir()
    ribbon, bas = macros / "customUI.xml", macros / "xlwings_custom_addin.bas"
    if not ribbon.is_file() or not bas.is_file():
        raise XltoolsError(f"{macros}: 缺少 customUI.xml 或 xlwings_custom_addin.bas")
    version = _xlwings_version(xlwings_dir)
    if f'XLWINGS_VERSION As String = "{version}"' not in bas.read_text(encoding="ascii"):
        raise XltoolsError(f"{bas.name} 与已安装的 xlwings {version} 版本不同：按 macros/README.md 重新复制到 xltools/addin/vba")
    with zipfile.ZipFile(xlwings_dir / TEMPLATE) as zin:
        parts = {info.filename: zin.read(info) for info in zin.infolist()}
    rels = re.sub(r"http://schemas\.microsoft\.com/office/200[67]/relationships/ui/extensibility",
                  RIBBON_REL, parts["_rels/.rels"].decode("utf-8"))
    rels = _replace(rels, 'Target="customUI/customUI.xml"', f'Target="{CUSTOMUI_PART}"', "_rels/.rels")
    workbook = _replace(parts["xl/workbook.xml"].decode("utf-8"), "_myaddin.conf", f"_{NAME}.conf", "xl/workbook.xml")
    codenames = [c for name, data in parts.items() if name.startswith("xl/worksheets/sheet")
                 for c in re.findall(r'<sheetPr[^>]*codeName="(\w+)"', data.decode("utf-8"))]
    del parts["customUI/customUI.xml"]
    parts.update({"_rels/.rels": rels.encode("utf-8"), "xl/workbook.xml": workbook.encode("utf-8"),
                  CUSTOMUI_PART: ribbon.read_bytes(),
                  "xl/worksheets/sheet1.xml": _config_sheet(parts["xl/worksheets/sheet1.xml"].decode("utf-8")).encode("utf-8")})
    parts["xl/vbaProject.bin"] = write_vba_project(_modules(macros, xlwings_dir, codenames), name=NAME, project_id=PROJECT_ID)
    first = ["[Content_Types].xml", "_rels/.rels"]
    with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w") as zout:
        for name in [*first, *(n for n in parts if n not in first)]:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zout.writestr(info, parts[name])
    return Path(out)


def copy_to_checkout() -> list[Path]:
    """In a source checkout, copy the built add-in to ``workbooks/`` and the VBA sources to ``macros/``
    (where people look for them; a test keeps the copies identical).  Outside a checkout: nothing."""
    if not (CHECKOUT / "macros").is_dir() or not (CHECKOUT / "workbooks").is_dir():
        return []
    for target, source in CHECKOUT_COPIES.items():
        shutil.copyfile(source, target)
    return list(CHECKOUT_COPIES)


def xlstart_dir() -> Path:
    """Excel's per-user startup folder, the ``Application.StartupPath`` xlwings copies add-ins to."""
    if sys.platform.startswith("win"):
        appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"
    if sys.platform == "darwin":
        return Path.home() / MAC_XLSTART
    raise XltoolsError(f"这台机器（{sys.platform}）上没有 Excel：加载项只能安装到 Windows 或 macOS 的 Excel")


def install_addin(path: str | Path | None = None, *, xlstart: str | Path | None = None,
                  conf_dir: str | Path | None = None, conf: bool = True) -> Path:
    """Copy the built add-in (default: the one shipped in the package) into XLSTART (or the folder
    ``xlstart``) and write the user config naming this Python (:func:`xltools.addin.userconf.write_user_conf`,
    into ``conf_dir`` or where the VBA looks); return the installed path.

    On macOS also copy xlwings' ``xlwings-<version>.applescript``, which RunPython needs there (the same
    two steps as ``xlwings addin install -f``).  Excel must be closed, or restarted afterwards.
    """
    from xltools.addin.userconf import write_user_conf

    source = Path(path) if path is not None else DEFAULT_OUT
    target = (Path(xlstart) if xlstart is not None else xlstart_dir()) / source.name
    if not source.is_file():
        raise XltoolsError(f"找不到 {source}：先运行 xltools addin build")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        if sys.platform == "darwin" and xlstart is None:
            scripts = Path.home() / MAC_SCRIPTS
            scripts.mkdir(parents=True, exist_ok=True)
            for script in _xlwings_dir().glob("xlwings-*.applescript"):
                shutil.copy(script, scripts)
    except PermissionError as exc:
        raise XltoolsError(f"无法写入 {target}：请先退出 Excel 再安装（{exc}）") from exc
    if conf:
        write_user_conf(conf_dir)
    return target


def addin_main(argv: list[str] | None = None) -> int:
    """``xltools addin build [-o PATH]`` / ``install [PATH] [--xlstart DIR] [--conf-dir DIR]`` /
    ``bundle [-o ZIP]``: print the paths written."""
    from ..cliparse import Parser

    parser = Parser(prog="xltools addin", description="生成或安装 Excel 加载项 xltools.xlam")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="由 xltools/addin/vba 生成加载项（源码目录中同时更新 workbooks/ 与 macros/ 的副本）")
    build.add_argument("-o", "--output", help="写到这个文件，而不是包内的 xltools.xlam")
    install = sub.add_parser("install", help="复制到 Excel 的 XLSTART 文件夹")
    install.add_argument("path", nargs="?", help="要安装的 .xlam（默认：随包安装的 xltools.xlam）")
    install.add_argument("--xlstart", help="安装到这个文件夹，而不是 Excel 的 XLSTART")
    install.add_argument("--conf-dir", help="把 xltools.conf 写到这个文件夹，而不是 %%USERPROFILE%%\\.xltools")
    install.add_argument("--no-conf", action="store_true", help="不写 xltools.conf（自己配置解释器时）")
    bundle = sub.add_parser("bundle", help="离线安装包：Windows 64 位 / Python 3.11 的 wheel、加载项、install.bat（需联网）")
    bundle.add_argument("-o", "--output", default="xltools-offline.zip", help="zip 文件（默认 xltools-offline.zip）")
    bundle.add_argument("--wheel", help="用这个 xltools wheel，而不是从源码目录构建")
    args = parser.parse_args(argv)
    try:
        if args.command == "build" and args.output:
            done = build_addin(args.output)
        elif args.command == "build":
            done = build_addin()
            copy_to_checkout()
        elif args.command == "bundle":
            from xltools.addin.bundle import make_bundle

            done = make_bundle(args.output, wheel=args.wheel)
        else:
            from xltools.addin.userconf import CONF_NAME, user_conf_dir

            done = install_addin(args.path, xlstart=args.xlstart, conf_dir=args.conf_dir, conf=not args.no_conf)
            conf_dir = Path(args.conf_dir) if args.conf_dir else user_conf_dir()
            if not args.no_conf and conf_dir is not None:
                print(done)
                done = conf_dir / CONF_NAME
    except XltoolsError as exc:
        print(f"xltools addin: {exc}", file=sys.stderr)
        return exc.exit_code
    print(done)
    return 0
