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
LABELS = {"拆分指标", "合计校验", "生成申报表", "空白模板", "合并指标", "帮助"}
MODULES = {"ThisWorkbook", "Sheet2", "Dictionary", "RibbonXltools", "xlwings"}
RUNPYTHON = re.compile(r'^Sub (\w+)\(control As IRibbonControl\).*?\n\s*RunPython "import xltools\.excel\.macros as m; m\.(\w+)\(\)"\s*\nEnd Sub',
                       re.M | re.S)


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
    assert [g.get("label") for g in tab.iter(f"{CUI}group")] == ["指标", "校验", "申报表", "帮助"]
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


def test_document_modules_match_the_sheets(built: Path) -> None:
    p = parts(built)
    assert re.findall(rb'codeName="(\w+)"', p["xl/worksheets/sheet1.xml"]) == [b"Sheet2"]
    assert b'<workbookPr codeName="ThisWorkbook"' in p["xl/workbook.xml"]


# (c) ribbon -> VBA Sub -> xltools.excel.macros -------------------------------------------------------------

def callbacks(built: Path) -> dict[str, str]:
    """Sub name -> Python function name, from the RibbonXltools module as stored in the add-in."""
    code = vba_modules(built)["RibbonXltools"]
    found = dict(RUNPYTHON.findall(code))
    assert len(found) == len(re.findall(r"^Sub ", code, re.M)), "every Sub is a plain RunPython shell"
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


def test_every_runpython_names_a_macro(built: Path) -> None:
    import xltools.excel.macros as macros

    subs = callbacks(built)
    assert subs == {"XT_Split": "split_indicators", "XT_Check": "check_workbook", "XT_Templates": "build_templates",
                    "XT_Blank": "blank_template", "XT_Join": "join_indicators", "XT_Help": "show_help"}
    for sub, func in subs.items():
        assert callable(getattr(macros, func, None)), f"{sub}: xltools.excel.macros.{func} is missing"


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
    for sub in ("XT_Split", "XT_Check", "XT_Templates", "XT_Blank", "XT_Join", "XT_Help"):
        assert f"Sub {sub}(control As IRibbonControl)" in basic["Basic/xltools/RibbonXltools.xml"]
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
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    target = addin.install_addin(built)
    assert target == tmp_path / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "xltools.xlam"
    assert target.read_bytes() == built.read_bytes()


def test_install_on_macos_also_installs_the_applescript(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlwings

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    target = addin.install_addin(built)
    assert target.parent == tmp_path / "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
    assert (tmp_path / "Library/Application Scripts/com.microsoft.Excel" / f"xlwings-{xlwings.__version__}.applescript").is_file()


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
