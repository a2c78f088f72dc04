"""The Excel add-in xltools.xlam, checked from its files (Excel does not run here): the package parts,
the ribbon XML, the VBA project read back with oletools, the wiring ribbon -> VBA Sub -> xltools.excel.macros,
and LibreOffice opening it as an independent client."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import olefile
import pytest
from conftest import need_soffice

with warnings.catch_warnings():  # oletools 0.60.2 still calls pyparsing names that pyparsing 3.3 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser, decompress_stream

from xltools.addin import build as addin
from xltools.addin.vbaproject import ovba_compress
from xltools.errors import XltoolsError

MACROS = addin.MACROS  # xltools/addin/vba: the sources, package data
COMMITTED = addin.DEFAULT_OUT  # xltools/addin/xltools.xlam: the built add-in, package data
CUI = "{http://schemas.microsoft.com/office/2009/07/customui}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
LABELS = {"拆分指标", "合计校验", "生成申报表", "空白模板", "合并指标", "生成监控表", "生成自评表", "计算得分", "帮助"}
MODULES = {"ThisWorkbook", "Sheet2", "Dictionary", "RibbonXltools", "xlwings", "xlwings_udfs"}
CALLBACK = re.compile(r'^Sub (\w+)\(control As IRibbonControl\)[^\n]*\n\s*RunXltools "([\w.]+)", "(\w+)", ([\w ]+)\n\s*End Sub',
                      re.M)
CALLBACKS = {"Ribbon_Split": ("xltools.excel.macros", "split_indicators"), "Ribbon_Check": ("xltools.excel.macros", "check_workbook"),
             "Ribbon_Templates": ("xltools.excel.macros", "build_templates"), "Ribbon_Blank": ("xltools.excel.macros", "blank_template"),
             "Ribbon_Join": ("xltools.excel.macros", "join_indicators"), "Ribbon_Help": ("xltools.excel.macros", "show_help"),
             "Ribbon_Monitor": ("xltools.excel.macros_yearly", "build_monitor"),
             "Ribbon_SelfEval": ("xltools.excel.macros_yearly", "build_selfeval"),
             "Ribbon_Score": ("xltools.excel.macros_yearly", "score_workbook")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return addin.build_addin(tmp_path_factory.mktemp("addin") / "xltools.xlam")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        return {name: z.read(name) for name in z.namelist()}


def vba_modules(path: Path) -> dict[str, str]:
    """Module name -> source, as olevba --decode reads them."""
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code.replace("\r\n", "\n") for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def ribbon(path: Path) -> ET.Element:
    return ET.fromstring(parts(path)[addin.CUSTOMUI_PART])


def _text(path: Path) -> str:
    return path.read_bytes().decode("ascii").replace("\r\n", "\n")


# (a) the package --------------------------------------------------------------------------------

def test_content_types_cover_every_part(built: Path) -> None:
    p = parts(built)
    types = ET.fromstring(p["[Content_Types].xml"])
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName", ""): o.get("ContentType") for o in types.iter(f"{CT}Override")}
    assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    assert overrides["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    assert defaults["xml"] == "application/xml"  # the customUI part's content type
    assert {name.lstrip("/") for name in overrides} <= set(p)
    for name in p:
        if name != "[Content_Types].xml":
            assert "/" + name in overrides or name.rsplit(".", 1)[-1] in defaults, name


def test_ribbon_part_and_relationship(built: Path) -> None:
    p = parts(built)
    rels = [r for r in ET.fromstring(p["_rels/.rels"]).iter(f"{REL}Relationship") if r.get("Type", "").endswith("/ui/extensibility")]
    assert [(r.get("Type"), r.get("Target")) for r in rels] == [(addin.RIBBON_REL, addin.CUSTOMUI_PART)]
    assert "customUI/customUI.xml" not in p
    assert p[addin.CUSTOMUI_PART] == (MACROS / "customUI.xml").read_bytes()


def test_ribbon_tab_labels_and_buttons(built: Path) -> None:
    root = ribbon(built)
    assert root.tag == f"{CUI}customUI"
    (tab,) = root.iter(f"{CUI}tab")
    assert tab.get("label") == "绩效工具"
    buttons = list(tab.iter(f"{CUI}button"))
    assert {b.get("label") for b in buttons} == LABELS and len(buttons) == len(LABELS)
    assert [g.get("label") for g in tab.iter(f"{CUI}group")] == ["指标", "校验", "申报表", "监控与自评", "帮助"]
    ids = [e.get("id", "") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z_]\w*", i) for i in ids)
    for b in buttons:
        assert b.get("size") == "large" and b.get("imageMso") and b.get("screentip") and b.get("supertip"), b.get("id")
        assert re.search(r"[\u4e00-\u9fff]", b.get("screentip", "") + b.get("supertip", "")), b.get("id")


def test_config_sheet_renamed(built: Path) -> None:
    p = parts(built)
    sheets = [s.get("name") for s in ET.fromstring(p["xl/workbook.xml"]).iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")]
    assert sheets == ["_xltools.conf"]
    for name, data in p.items():
        if name.endswith((".xml", ".rels")):
            assert b"myaddin" not in data.lower(), name


def test_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    assert addin.build_addin(tmp_path / "again.xlam").read_bytes() == built.read_bytes()


def test_checkout_copies_are_the_package_data() -> None:
    """macros/ and workbooks/xltools.xlam (where people look) are byte copies of the package data
    (where the code and `pip install` find them); `xltools addin build` writes both."""
    for copy, source in addin.CHECKOUT_COPIES.items():
        assert copy.read_bytes() == source.read_bytes(), f"{copy} differs from {source}: run `xltools addin build`"


def test_committed_addin_is_current(built: Path) -> None:
    """xltools/addin/xltools.xlam is what `xltools addin build` makes from xltools/addin/vba today (part by part;
    the VBA project compared as source, so a different zlib or ms-ovba build does not matter)."""
    fresh, committed = parts(built), parts(COMMITTED)
    assert fresh.keys() == committed.keys()
    assert {n: d for n, d in fresh.items() if n != "xl/vbaProject.bin"} == {n: d for n, d in committed.items() if n != "xl/vbaProject.bin"}
    assert vba_modules(COMMITTED) == vba_modules(built), "run: xltools addin build"
    assert COMMITTED.stat().st_size < 60_000


# (b) the VBA project, read back with oletools ------------------------------------------------------

def test_vba_modules_read_back(built: Path) -> None:
    mods = vba_modules(built)
    assert set(mods) == MODULES
    assert mods["RibbonXltools"].strip() == _text(MACROS / "RibbonXltools.bas").strip()
    assert mods["xlwings"].strip() == _text(MACROS / "xlwings_custom_addin.bas").strip()
    assert 'Public Const PROJECT_NAME As String = "xltools"' in mods["xlwings"]
    import xlwings

    assert f'Public Const XLWINGS_VERSION As String = "{xlwings.__version__}"' in mods["xlwings"]
    assert 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"' in mods["Dictionary"]
    assert 'Attribute VB_Base = "0{00020820-0000-0000-C000-000000000046}"' in mods["Sheet2"]


def test_vba_project_name_and_listing(built: Path) -> None:
    with zipfile.ZipFile(built) as z, olefile.OleFileIO(z.read("xl/vbaProject.bin")) as ole:
        project = ole.openstream("PROJECT").read().decode("cp1252").splitlines()
        assert 'Name="xltools"' in project
        assert {"Document=ThisWorkbook/&H00000000", "Document=Sheet2/&H00000000", "Class=Dictionary",
                "Module=RibbonXltools", "Module=xlwings"} <= set(project)
        assert ole.exists("PROJECTwm")


def _dir_records(data: bytes) -> dict[int, bytes]:
    """The first records of a decompressed dir stream (PROJECTINFORMATION), id -> body (MS-OVBA 2.3.4.2)."""
    out: dict[int, bytes] = {}
    i = 0
    while i < len(data):
        rid, size = int.from_bytes(data[i : i + 2], "little"), int.from_bytes(data[i + 2 : i + 6], "little")
        if rid == 0x0009:  # PROJECTVERSION: Reserved (4 bytes, = 4), VersionMajor (4), VersionMinor (2)
            out[rid], i = data[i + 6 : i + 12], i + 12
            continue
        out.setdefault(rid, data[i + 6 : i + 6 + size])
        i += 6 + size
        if rid == 0x000C:  # PROJECTCONSTANTS ends PROJECTINFORMATION
            return out
    return out


def _project_parts(xlam: Path) -> tuple[list[str], bytes, dict[int, bytes]]:
    with zipfile.ZipFile(xlam) as z, olefile.OleFileIO(z.read("xl/vbaProject.bin")) as ole:
        project = ole.openstream("PROJECT").read().decode("cp1252").splitlines()
        vba_project = ole.openstream("VBA/_VBA_PROJECT").read()
        dir_stream = bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read())))
    return project, vba_project, _dir_records(dir_stream)


def test_vba_project_fields_match_a_known_good_writer(built: Path) -> None:
    """The fields ms-ovba chose differently from Excel, aligned with the vbaProject.bin of xlwings' template
    (saved by Excel): PROJECTSYSKIND, _VBA_PROJECT, VersionCompatible32, [Workspace]; code page, LCIDs and the
    Host Extender Info equal.  (macros/README.md: each field, its value and its source.)"""
    template = addin._xlwings_dir() / addin.TEMPLATE
    t_project, t_vba, t_dir = _project_parts(template)
    o_project, o_vba, o_dir = _project_parts(built)
    assert o_dir[0x0001] == t_dir[0x0001] == (1).to_bytes(4, "little")  # PROJECTSYSKIND: 32-bit Windows
    for rid in (0x0002, 0x0014, 0x0003, 0x0007, 0x0008):  # LCID, LCIDINVOKE, CODEPAGE 1252, HELPCONTEXT, LIBFLAGS
        assert o_dir[rid] == t_dir[rid], hex(rid)
    assert o_vba[:7] == t_vba[:7] == bytes.fromhex("cc61ffff000100")  # Reserved1, Version 0xFFFF, Reserved2, Reserved3
    assert len(o_vba) == 7  # no performance cache: Excel compiles the source
    for line in ('VersionCompatible32="393222000"', 'HelpContextID="0"', "[Host Extender Info]",
                 "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000", "[Workspace]"):
        assert line in t_project and line in o_project, line
    assert o_project.index('VersionCompatible32="393222000"') == o_project.index('HelpContextID="0"') + 1
    workspace = o_project[o_project.index("[Workspace]") + 1 :]
    assert sorted(w.split("=")[0] for w in workspace if w) == sorted(MODULES)
    assert all(w.endswith("=0, 0, 0, 0, C") for w in workspace if w)


def test_document_modules_match_the_sheets(built: Path) -> None:
    p = parts(built)
    assert re.findall(rb'codeName="(\w+)"', p["xl/worksheets/sheet1.xml"]) == [b"Sheet2"]
    assert b'<workbookPr codeName="ThisWorkbook"' in p["xl/workbook.xml"]


def test_config_sheet_names_the_udf_module(built: Path) -> None:
    sheet = parts(built)["xl/worksheets/sheet1.xml"].decode("utf-8")
    assert '<c r="B6" s="1" t="inlineStr"><is><t>xltools.excel.udfs</t></is></c>' in sheet  # beside A6 "UDF Modules"


# (b2) the worksheet functions: xlwings' own wrappers, no name clashes ------------------------------

@pytest.fixture(scope="module")
def generated() -> tuple[str, list[dict[str, Any]]]:
    from xltools.addin.udfvba import udf_module, udf_specs

    return udf_module(), udf_specs()


def test_udf_wrappers_are_what_xlwings_generates(built: Path, generated: tuple[str, list[dict[str, Any]]]) -> None:
    """The module xlwings_udfs in the add-in is, byte for byte, xlwings' generate_vba_wrapper output for
    xltools.excel.udfs (what ImportPythonUDFsToAddin would import)."""
    vba, _ = generated
    assert vba_modules(built)["xlwings_udfs"].strip() == vba.replace("\r\n", "\n").strip()
    assert vba.startswith('Attribute VB_Name = "xlwings_udfs"\r\n')


def test_every_udf_has_its_wrapper(built: Path, generated: tuple[str, list[dict[str, Any]]]) -> None:
    """Per @xw.func of xltools.excel.udfs: a Function of that name, its arguments in order (Optional where
    Python has a default), Application.Volatile only when volatile, the wizard guard only when not
    call_in_wizard, and a call of the Python function by name.  The specs are what xlwings' decorators
    recorded; the signatures are checked against Python's own view of the functions."""
    import inspect

    from xltools.excel import udfs

    code = vba_modules(built)["xlwings_udfs"]
    _, specs = generated
    assert sorted(s["name"] for s in specs) == sorted(udfs.__all__)
    for spec in specs:
        name = spec["name"]
        params = inspect.signature(getattr(udfs, name)).parameters.values()
        assert [(a["name"], a["optional"]) for a in spec["args"]] == [(p.name, p.default is not p.empty) for p in params]
        vba_args = ", ".join(("Optional " if a["optional"] else "") + a["name"] for a in spec["args"])
        body = re.search(rf"^Function {name}\({re.escape(vba_args)}\)\n(.*?)^End Function", code, re.M | re.S)
        assert body, f"no wrapper Function {name}({vba_args})"
        text = body.group(1)
        assert ("Application.Volatile" in text) == spec["volatile"], name
        assert ("CommandBars" in text) == (not spec["call_in_wizard"]), name
        args = ", ".join(a["name"] for a in spec["args"])
        assert f'{name} = XLPy.CallUDF("xltools.excel.udfs", "{name}", Array({args}), ActiveWorkbook, Application.Caller)' in text
        assert spec["category"] == "xltools 绩效工具"
    assert {s["name"]: [a["ndim"] for a in s["args"]] for s in specs}["XT_SPLIT"] == [2, None]  # arrays: ndim=2 ranges


def test_no_vba_name_is_defined_twice(built: Path) -> None:
    """VBA names are case-insensitive: no Sub/Function name appears in two standard modules (the ribbon
    callbacks are Ribbon_*, the worksheet functions XT_*)."""
    from xltools.addin.vbaproject import check_names, procedures

    mods = vba_modules(built)
    check_names([("Module", name, code) for name, code in mods.items() if name in ("RibbonXltools", "xlwings", "xlwings_udfs")])
    ribbon_subs = {n.lower() for n in procedures(mods["RibbonXltools"])}
    assert not ribbon_subs & {n.lower() for n in procedures(mods["xlwings_udfs"])}
    with pytest.raises(XltoolsError, match=r"(?i)XT_SPLIT .* A 和 B"):
        check_names([("Module", "A", "Sub XT_Split(control)\nEnd Sub"), ("Module", "B", "Function XT_SPLIT(x)\nEnd Function")])


# (b3) the ribbon module's guards and Chinese messages -----------------------------------------------

MESSAGES = {
    "MSG_NO_BOOK": "请先打开要处理的工作簿",
    "MSG_PROTECTED_VIEW": "受保护的视图",
    "MSG_BOOK_PROTECTED": "工作簿的结构受保护",
    "MSG_NOT_WORKSHEET": "不是普通工作表",
    "MSG_EMPTY": "当前工作表是空的",
    "MSG_SHEET_PROTECTED": "当前工作表受保护",
    "MSG_NO_PYTHON": "找不到 Python",
    "MSG_PYTHON_FAILED": "Python 没有正常结束",
    "MSG_VBA_ERROR": "xltools 出错了",
    "MSG_HELP": "xltools 绩效工具",
    "TITLE": "xltools 绩效工具",
}


def vba_u(text: str) -> str:
    """What the VBA function U() makes of an escaped constant (\\uXXXX, \\n)."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text).replace("\\n", "\r\n")


def test_messages_are_chinese_from_ascii_source(built: Path) -> None:
    code = vba_modules(built)["RibbonXltools"]
    assert code.isascii()
    consts = dict(re.findall(r'^Private Const (\w+) As String = "([^"]*)"$', code, re.M))
    assert set(consts) == set(MESSAGES)
    for name, start in MESSAGES.items():
        assert start in vba_u(consts[name]), (name, vba_u(consts[name]))
    assert "py -3.11 -m xltools addin install" in vba_u(consts["MSG_NO_PYTHON"])
    assert not re.search(r"MsgBox \"[A-Za-z]", code), "English message boxes"


def test_every_button_is_guarded(built: Path) -> None:
    """No workbook (error 91 before), Protected View, protected structure/sheet, an empty or chart sheet,
    no Python, Python failing, any VBA error: each ends in a Chinese message, never in the debugger."""
    code = vba_modules(built)["RibbonXltools"]
    run = re.search(r"^Private Sub RunXltools\(.*?^End Sub", code, re.M | re.S)
    assert run
    body = run.group(0)
    assert body.index("On Error GoTo failed") < body.index("ActiveWorkbook Is Nothing") < body.index("ActiveWorkbook.ProtectStructure")
    for guard in ("U(MSG_NO_BOOK)", "U(MSG_PROTECTED_VIEW)", "U(MSG_BOOK_PROTECTED)", "U(MSG_NOT_WORKSHEET)", "U(MSG_EMPTY)",
                  "U(MSG_SHEET_PROTECTED)", "PythonFound()", "U(MSG_PYTHON_FAILED)", "U(MSG_VBA_ERROR)", "Workbooks.Add"):
        assert guard in body, guard
    assert body.index("PythonFound()") < body.index("RunPython(")
    found = re.search(r"^Private Function PythonFound\(\).*?^End Function", code, re.M | re.S)
    assert found and 'GetConfig("INTERPRETER_WIN", "")' in found.group(0) and "WindowsApps" in found.group(0)
    for sub, _ in CALLBACKS.items():
        needs = re.search(rf"^Sub {sub}\(.*\n\s*RunXltools [^\n]*, ([\w ]+)$", code, re.M)
        assert needs, sub
    assert re.search(r"RunXltools \"xltools.excel.macros\", \"check_workbook\", NEED_DATA Or MARKS_CELLS", code)
    assert re.search(r"RunXltools \"xltools.excel.macros\", \"blank_template\", NEW_BOOK", code)


# (c) ribbon -> VBA Sub -> xltools.excel.macros -------------------------------------------------------------

def callbacks(built: Path) -> dict[str, tuple[str, str]]:
    """Sub name -> (Python module, function), from the RibbonXltools module as stored in the add-in."""
    code = vba_modules(built)["RibbonXltools"]
    found = {sub: (module, func) for sub, module, func, _needs in CALLBACK.findall(code)}
    public_subs = re.findall(r"^Sub (\w+)", code, re.M)
    assert sorted(found) == sorted(public_subs), "every public Sub is a one-line RunXltools shell"
    return found


def test_every_onaction_names_an_existing_sub(built: Path) -> None:
    mods, subs = vba_modules(built), callbacks(built)
    actions = [b.get("onAction", "") for b in ribbon(built).iter(f"{CUI}button")]
    assert len(actions) == len(LABELS)
    for action in actions:
        module, _, sub = action.partition(".")
        assert module in mods, action
        assert re.search(rf"^Sub {sub}\(control As IRibbonControl\)", mods[module], re.M), action
    assert {a.partition(".")[2] for a in actions} == set(subs), "no Sub without a button"


def test_every_button_runs_a_python_entry_point(built: Path) -> None:
    import importlib

    subs = callbacks(built)
    assert subs == CALLBACKS
    for sub, (module, func) in subs.items():
        assert callable(getattr(importlib.import_module(module), func, None)), f"{sub}: {module}.{func} is missing"
    code = vba_modules(built)["RibbonXltools"]
    assert 'RunPython("import " & moduleName & " as m; m." & funcName & "()")' in code


# (d) LibreOffice opens it ------------------------------------------------------------------------

def test_libreoffice_reads_the_vba_project(built: Path, tmp_path: Path) -> None:
    exe = need_soffice()
    xlsm = tmp_path / "xltools.xlsm"  # LibreOffice refuses the add-in content type; same package as a workbook
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.ms-excel.addin.macroEnabled.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            dst.writestr(info, data)
    res = subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                          "--convert-to", "ods", "--outdir", str(tmp_path / "out"), str(xlsm)],
                         capture_output=True, text=True, timeout=180)
    ods = tmp_path / "out" / "xltools.ods"
    assert res.returncode == 0 and ods.is_file(), res.stdout + res.stderr
    with zipfile.ZipFile(ods) as z:
        basic = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("Basic/xltools/") and n.endswith(".xml")}
        content = z.read("content.xml").decode("utf-8")
    assert {Path(n).stem for n in basic} - {"script-lb"} == MODULES
    assert 'script:moduleType="class"' in basic["Basic/xltools/Dictionary.xml"]
    for sub in CALLBACKS:
        assert f"Sub {sub}(control As IRibbonControl)" in basic["Basic/xltools/RibbonXltools.xml"]
    assert "Function XT_SPLIT(cells_, Optional with_header)" in basic["Basic/xltools/xlwings_udfs.xml"]
    assert "Public Const PROJECT_NAME As String = &quot;xltools&quot;" in basic["Basic/xltools/xlwings.xml"]
    assert 'table:name="_xltools.conf"' in content


# guards, install, command line, compression ------------------------------------------------------

def _macros_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MACROS, tmp_path / "macros"))


def test_build_refuses_other_xlwings_version(tmp_path: Path) -> None:
    macros = _macros_copy(tmp_path)
    bas = macros / "xlwings_custom_addin.bas"
    bas.write_bytes(re.sub(rb'XLWINGS_VERSION As String = "[^"]+"', b'XLWINGS_VERSION As String = "0.0.1"', bas.read_bytes()))
    with pytest.raises(XltoolsError, match="xlwings"):
        addin.build_addin(tmp_path / "x.xlam", macros=macros)
    assert not (tmp_path / "x.xlam").exists()


def test_build_refuses_non_ascii_vba(tmp_path: Path) -> None:
    macros = _macros_copy(tmp_path)
    (macros / "Extra.bas").write_bytes('Attribute VB_Name = "Extra"\r\n\' 拆分\r\n'.encode())
    with pytest.raises(XltoolsError, match="ASCII"):
        addin.build_addin(tmp_path / "x.xlam", macros=macros)


def test_install_on_windows_copies_to_xlstart(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xltools.addin.userconf import read_vba_conf

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "me"))
    target = addin.install_addin(built)
    assert target == tmp_path / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "xltools.xlam"
    assert target.read_bytes() == built.read_bytes()
    conf = read_vba_conf((tmp_path / "me" / ".xltools" / "xltools.conf").read_bytes())
    assert conf == {"INTERPRETER_WIN": sys.executable, "UDF MODULES": "xltools.excel.udfs"}


def test_install_on_macos_also_installs_the_applescript(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlwings

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    target = addin.install_addin(built)
    assert target.parent == tmp_path / "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
    assert (tmp_path / "Library/Application Scripts/com.microsoft.Excel" / f"xlwings-{xlwings.__version__}.applescript").is_file()
    assert b'"INTERPRETER_MAC"' in (tmp_path / "Library/Containers/com.microsoft.Excel/Data/xltools.conf").read_bytes()


def test_install_without_excel_says_so(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(XltoolsError, match="Excel"):
        addin.install_addin(built)


def test_install_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path))
    with pytest.raises(XltoolsError, match="addin build"):
        addin.install_addin(tmp_path / "nothing.xlam")


def test_addin_main(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "cli.xlam"
    assert addin.addin_main(["build", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out) and zipfile.is_zipfile(out)
    monkeypatch.setattr(sys, "platform", "linux")
    assert addin.addin_main(["install", str(out)]) == 1
    assert "Excel" in capsys.readouterr().err
    assert addin.addin_main(["install", str(out), "--xlstart", str(tmp_path / "XLSTART"), "--conf-dir", str(tmp_path / "conf")]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "XLSTART" / "cli.xlam"), str(tmp_path / "conf" / "xltools.conf")]


_rng = random.Random(5)
COMPRESS_CASES = {
    "empty": b"",
    "one byte": b"a",
    "repeat": b"abc" * 4,
    "spec example text": b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
    "long run over chunks": b"x" * 10_000,
    "noisy text": bytes(_rng.choice(b"abcdefgh ijk\r\n=()") for _ in range(9_000)),
    "exactly one chunk": bytes(_rng.choice(b"Sub End ") for _ in range(4096)),
    "RibbonXltools.bas": (MACROS / "RibbonXltools.bas").read_bytes(),
    "xlwings_custom_addin.bas": (MACROS / "xlwings_custom_addin.bas").read_bytes(),
}


@pytest.mark.parametrize("data", COMPRESS_CASES.values(), ids=COMPRESS_CASES.keys())
def test_ovba_compress_round_trips_through_oletools(data: bytes) -> None:
    compressed = ovba_compress(data)
    assert bytes(decompress_stream(bytearray(compressed))) == data
    assert len(compressed) <= 1 + len(data) + (len(data) // 8 + 1) + 2 * (len(data) // 4096 + 1)
