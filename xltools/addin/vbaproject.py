"""A ``vbaProject.bin`` written from VBA source text, with the ``ms-ovba`` package (MS-OVBA format).

A module is ``(kind, name, source)``: kind ``"Module"`` (a ``.bas``), ``"Class"`` (a ``.cls``) or
``"Document"`` (ThisWorkbook and one per sheet, named by the sheet's ``codeName``); source is the text the
project stores (``Attribute VB_Name`` first, CRLF line ends, code page 1252).  Nothing is compiled: Excel
compiles the source when it opens the file (the ``_VBA_PROJECT`` stream carries no performance cache).

ms-ovba is imported only in a child process, because it writes scratch files into the working directory
and draws the CMG/DPB/GC seeds from ``random``.  Its compressor (ms_ovba_compression 1.0.1) is replaced by
:func:`ovba_compress`: the original emits copy tokens that decode to other bytes than it was given.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from xltools.errors import XltoolsError

__all__ = ["Module", "check_names", "class_module", "document_module", "ovba_compress", "procedures", "standard_module",
           "standard_source", "write_vba_project"]

Module = tuple[str, str, str]
# VB_Base of Excel's Workbook and Worksheet document classes and of a class module, as Excel stores them
# (read back from xlwings' quickstart_addin_ribbon.xlam with olevba)
BASES = {"Workbook": "0{00020819-0000-0000-C000-000000000046}", "Sheet": "0{00020820-0000-0000-C000-000000000046}",
         "Class": "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"}
REFERENCES = [  # (libid GUID, path hint, description, name); Office holds IRibbonControl
    ("00020430-0000-0000-C000-000000000046", r"C:\Windows\System32\stdole2.tlb", "OLE Automation", "stdole"),
    ("2DF8D04C-5BFA-101B-BDE5-00AA0044DE52", r"C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL",
     "Microsoft Office 16.0 Object Library", "Office"),
]
# Fields aligned with a known-good writer: the vbaProject.bin of xlwings' quickstart_addin_ribbon.xlam (saved by
# Excel), read with olefile (macros/README.md lists each field, its value there and in MS-OVBA).  _VBA_PROJECT
# Version 0xFFFF (no performance cache: Excel compiles the source) is what ms-ovba and that template write already.
FIELDS: dict[str, Any] = {
    "PROJECTSYSKIND": 1,  # dir stream: 1 = 32-bit Windows (ms-ovba writes 3 = 64-bit); the template and LibreOffice write 1
    "_VBA_PROJECT Reserved3": 0x0001,  # the template's bytes cc61 ffff 00 0100 (ms-ovba writes 0x0003)
    "VersionCompatible32": "393222000",  # PROJECT stream line after HelpContextID, as in the template
    "[Workspace]": (0, 0, 0, 0, "C"),  # PROJECT stream: one "<module>=0, 0, 0, 0, C" line per module (window closed)
}
_FLAGS = re.compile(r"Attribute VB_(GlobalNameSpace|Creatable|PredeclaredId|Exposed) ")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")


def document_module(name: str, base: str = "Sheet") -> Module:
    """The empty code module behind a worksheet (``base="Sheet"``) or ThisWorkbook (``"Workbook"``)."""
    head = [f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "{BASES[base]}"', "Attribute VB_GlobalNameSpace = False",
            "Attribute VB_Creatable = False", "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
            "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True"]
    return ("Document", name, "\r\n".join([*head, ""]))


def class_module(cls_text: str) -> Module:
    """An exported ``.cls`` as the project stores it: VERSION/BEGIN/END dropped, ``VB_Base`` after the name,
    ``VB_TemplateDerived``/``VB_Customizable`` after the four standard flags.

    >>> _, name, code = class_module('VERSION 1.0 CLASS\\nBEGIN\\nEND\\nAttribute VB_Name = "C"\\nAttribute VB_Exposed = True')
    >>> name, code.split("\\r\\n")[2:4]
    ('C', ['Attribute VB_Exposed = True', 'Attribute VB_TemplateDerived = False'])
    """
    lines = _lines(cls_text)
    if lines[0].startswith("VERSION"):
        lines = lines[lines.index("END") + 1 :]
    end = 1
    while end < len(lines) and _FLAGS.match(lines[end]):
        end += 1
    extra = ["Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False"]
    code = "\r\n".join([lines[0], f'Attribute VB_Base = "{BASES["Class"]}"', *lines[1:end], *extra, *lines[end:], ""])
    return ("Class", _vb_name(code, "class"), code)


def standard_module(path: Path) -> Module:
    """A ``.bas`` file (ASCII only: the project's code page is 1252, Chinese text would not survive)."""
    try:
        return standard_source(path.read_bytes().decode("ascii"), path.name)
    except UnicodeDecodeError:
        raise XltoolsError(f"{path.name}: VBA 源码只能使用 ASCII 字符（工程代码页为 1252）") from None


def standard_source(text: str, where: str) -> Module:
    """A standard module from its source text (``Attribute VB_Name`` first; ASCII)."""
    if not text.isascii():
        raise XltoolsError(f"{where}: VBA 源码只能使用 ASCII 字符（工程代码页为 1252）")
    code = "\r\n".join([*_lines(text), ""])
    return ("Module", _vb_name(code, where), code)


_PROC = re.compile(r"^(?:(?:Public|Private|Friend)\s+)?(?:Static\s+)?(?:Sub|Function|Property\s+(?:Get|Let|Set))\s+(\w+)",
                   re.M | re.I)


def procedures(code: str) -> set[str]:
    """The names of the Subs, Functions and Properties a module defines (once each, as written).

    >>> sorted(procedures("Sub A(x)\\nEnd Sub\\nPrivate Function b()\\n#If Mac Then\\nFunction C(w As Variant)"))
    ['A', 'C', 'b']
    """
    return set(_PROC.findall(code))


def check_names(modules: list[Module]) -> None:
    """VBA names are case-insensitive: two modules defining the same procedure name (a ribbon Sub ``XT_Split``
    and a worksheet function ``XT_SPLIT``) make calls ambiguous.  Raise naming both."""
    seen: dict[str, str] = {}
    for kind, module, code in modules:
        if kind != "Module":
            continue  # the procedures of class and document modules are called through their objects
        for name in procedures(code):
            other = seen.setdefault(name.lower(), module)
            if other != module:
                raise XltoolsError(f"VBA 名称冲突（不区分大小写）：{name} 同时出现在模块 {other} 和 {module} 中")


def _vb_name(code: str, where: str) -> str:
    found = re.match(r'Attribute VB_Name = "(\w+)"', code)
    if not found:
        raise XltoolsError(f'{where}: 第一行必须是 Attribute VB_Name = "..."')
    return found.group(1)


def ovba_compress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 compression: a signature byte, then per 4096 input bytes a chunk of flag bytes,
    literals and copy tokens (offset in the high ``bits`` bits, length - 3 in the rest).

    >>> ovba_compress(b"abcabcabcabc").hex()  # signature, header 0xB005, flags 0b1000, "abc", copy 9 from 3 back
    '0105b0086162630620'
    """
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        chunk, body, pos = data[start : start + 4096], bytearray(), 0
        seen: dict[bytes, list[int]] = {}
        while pos < len(chunk):
            flag_at = len(body)
            body.append(0)
            for bit in range(8):
                if pos >= len(chunk):
                    break
                bits = max((pos - 1).bit_length(), 4)
                limit, best, offset = min((0xFFFF >> bits) + 3, len(chunk) - pos), 0, 0
                for cand in reversed(seen.get(chunk[pos : pos + 3], [])[-64:]):
                    n = 0
                    while n < limit and chunk[cand + n] == chunk[pos + n]:
                        n += 1
                    if n > best:
                        best, offset = n, pos - cand
                    if n == limit:
                        break
                step = best if best >= 3 else 1
                if step > 1:
                    body += (((offset - 1) << (16 - bits)) | (best - 3)).to_bytes(2, "little")
                    body[flag_at] |= 1 << bit
                else:
                    body.append(chunk[pos])
                for i in range(pos, pos + step):
                    seen.setdefault(chunk[i : i + 3], []).append(i)
                pos += step
        if len(body) > 4096:  # would need a raw chunk; VBA source text always compresses
            raise XltoolsError("VBA 源码无法压缩（不像文本）")
        out += (0xB000 | (len(body) - 1)).to_bytes(2, "little") + body
    return bytes(out)


def write_vba_project(modules: list[Module], *, name: str, project_id: str) -> bytes:
    """The ``vbaProject.bin`` bytes of a project called ``name``; identical input gives identical bytes."""
    if importlib.util.find_spec("ms_ovba") is None:
        raise XltoolsError("生成 VBA 工程需要 ms-ovba：pip install 'xltools[addin]'")
    with tempfile.TemporaryDirectory(prefix="xltools-vba-") as tmp:
        work = Path(tmp)
        for _kind, module, code in modules:
            (work / f"{module}.new").write_bytes(code.encode("cp1252"))
        spec = {"name": name, "project_id": project_id, "modules": [[kind, module] for kind, module, _ in modules]}
        (work / "project.json").write_text(json.dumps(spec), encoding="utf-8")
        root = str(Path(__file__).resolve().parents[2])  # the folder holding the xltools package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        res = subprocess.run([sys.executable, "-c", "from xltools.addin.vbaproject import run_child; run_child()"],
                             cwd=work, env=env, capture_output=True, text=True, timeout=300)
        if res.returncode != 0 or not (work / "vbaProject.bin").is_file():
            raise XltoolsError(f"ms-ovba 未能生成 vbaProject.bin：{res.stderr.strip()[-2000:]}")
        return (work / "vbaProject.bin").read_bytes()


def run_child() -> None:  # pragma: no cover - runs in the subprocess started by write_vba_project
    """``./project.json`` plus ``./<module>.new`` -> ``./vbaProject.bin`` (the working directory is scratch)."""
    import random
    import uuid

    from ms_ovba.Models.Entities.doc_module import DocModule
    from ms_ovba.Models.Entities.reference import Reference
    from ms_ovba.Models.Entities.reference_registered import ReferenceRegistered
    from ms_ovba.Models.Entities.std_module import StdModule
    from ms_ovba.Models.Fields.idSizeField import IdSizeField
    from ms_ovba.Models.Fields.libid_reference import LibidReference
    from ms_ovba.vbaProject import VbaProject
    from ms_ovba.Views import project_ole_file as pof
    from ms_ovba_compression.ms_ovba import MsOvba

    spec = json.loads(Path("project.json").read_text(encoding="utf-8"))
    name: str = spec["name"]

    class ClassModule(DocModule):  # type: ignore[misc]  # MODULETYPE 0x0022 like a document; "Class=" in PROJECT
        def to_project_module_string(self) -> str:
            return f"Class={self.name}"

    class Dir(pof.DirStream):  # type: ignore[misc]  # ms-ovba hard-codes the project name "VBAProject" and SYSKIND 3
        def _load_information(self) -> list[object]:
            fields = {4: IdSizeField(4, len(name), name), 1: IdSizeField(1, 4, FIELDS["PROJECTSYSKIND"])}
            return [fields.get(int(getattr(r, "_id", 0) or 0), r) for r in super()._load_information()]

    class View(pof.ProjectView):  # type: ignore[misc]  # _VBA_PROJECT Reserved3
        def __init__(self, project: object) -> None:
            super().__init__(project, reserved=FIELDS["_VBA_PROJECT Reserved3"])

    class Project(pof.Project):  # type: ignore[misc]
        def __str__(self) -> str:
            return str(super().__str__()).replace('\r\nName="VBAProject"\r\n', f'\r\nName="{name}"\r\n')

    pof.DirStream, pof.Project, pof.ProjectView = Dir, Project, View
    MsOvba.compress = lambda self, data: ovba_compress(bytes(data))  # type: ignore[method-assign]
    random.seed(0)
    project = VbaProject()
    project.project_id = spec["project_id"]
    project.include_projectwm()
    project.attributes["VersionCompatible32"] = FIELDS["VersionCompatible32"]
    kinds = {"Document": DocModule, "Class": ClassModule, "Module": StdModule}
    for kind, module_name in spec["modules"]:
        module = kinds[kind](module_name)
        module.add_file(str(Path(module_name).resolve()))
        module.add_workspace(*FIELDS["[Workspace]"])
        project.add_module(module)
    for guid, path, description, refname in REFERENCES:
        libid = LibidReference(uuid.UUID(guid), "2.0", "0", path, description)
        project.add_reference(Reference(ReferenceRegistered(libid), refname))
    pof.ProjectOleFile.write_file(project)
