"""Readers: a file in, plain rows out.

Every reader returns :class:`SourceRow` — the row's cells as text (or ``None``) and where it
came from (``file`` + line/record, or ``file!Sheet`` + row) — so the table logic never knows the
format.  What a file *is* comes from its first bytes, not its name: a ``.xls`` that is really a
zip is read as ``.xlsx`` and the other way round (:func:`sniff_format`).  Unreadable input of
any kind raises :class:`~xltools.errors.InputError` with one line naming the file (and sheet or
cell) and saying what to do: an empty file, an encrypted workbook (:func:`is_encrypted`), a damaged
or hostile ``.xlsx`` (checked by :mod:`xltools.io.package` before any engine opens it: zip bombs,
XML entity declarations, formulas never calculated).  Hidden sheets are not read
(:func:`~xltools.io.rows.visible_rows`).  Heavy libraries (openpyxl, python-calamine, xlrd) are
imported only by the reader that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .rows import ENCRYPTED, SourceRow, unreadable

__all__ = ["DEFAULT_XLSX_ENGINE", "INPUT_SUFFIXES", "XLSX_ENGINES", "SourceRow", "is_encrypted", "read_rows", "sniff_format",
           "stream_rows"]

TEXT_SUFFIXES = {".txt", ".tsv", ".tab", ""}
CSV_SUFFIXES = {".csv"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
PDF_SUFFIXES = {".pdf"}
#: Every suffix a reader takes: the one list the CLI, batch folder scans and messages use.
INPUT_SUFFIXES = frozenset(TEXT_SUFFIXES - {""} | CSV_SUFFIXES | WORKBOOK_SUFFIXES | PDF_SUFFIXES)
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx / .xlsm (Office Open XML is a zip)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (BIFF8 in an OLE2 compound file)
XLSX_ENGINES = ("calamine", "openpyxl")
#: 10,000 projects: calamine 0.16 s, openpyxl 0.69 s (``benchmarks/bench_readers.py``, numbers in its docstring).
DEFAULT_XLSX_ENGINE = "calamine"
SUPPORTED = ".txt .tsv .csv .xlsx .xlsm .xls .pdf"


def sniff_format(suffix: str, head: bytes) -> str:
    """What a file is, from its first bytes, then its (lower-case) suffix.

    ``"xlsx"``, ``"xls"``, ``"csv"`` or ``"text"`` can be read; ``"html"`` (a web page saved
    as ``.xls``, as some systems export) and ``"unknown"`` cannot.

    >>> sniff_format(".xls", b"PK\\x03\\x04rest"), sniff_format(".xlsx", OLE_MAGIC), sniff_format(".csv", b"a,b")
    ('xlsx', 'xls', 'csv')
    >>> sniff_format(".xls", b"\\xef\\xbb\\xbf <html>"), sniff_format(".xlsx", b"junk"), sniff_format("", b"a")
    ('html', 'unknown', 'text')
    """
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    if head.startswith(PDF_MAGIC) or suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "html"
    return "unknown"


def is_encrypted(path: Path) -> bool:
    """An OLE2 compound file holding an ``EncryptedPackage`` stream: a password-protected
    ``.xlsx`` (Excel encrypts the whole package and wraps it so).  Damaged files give ``False``
    (the ``.xls`` reader names their problem); an encrypted ``.xls`` is found by xlrd."""
    import io

    from xlrd.compdoc import CompDoc

    try:
        doc = CompDoc(path.read_bytes(), logfile=io.StringIO())
        return any(d.name == "EncryptedPackage" for d in doc.dirlist)
    except Exception:  # noqa: BLE001 - library errors of every kind become one InputError line
        return False


def _reader(kind: str, engine: str) -> Callable[[Path], list[SourceRow]]:
    if kind == "pdf":
        from .pdf import read_pdf_rows

        return read_pdf_rows
    if kind == "xls":
        from .xls import read_xls_rows

        return read_xls_rows
    if kind == "csv":
        from .csvfile import read_csv_rows

        return read_csv_rows
    if kind == "text":
        from .textdump import read_text_rows

        return read_text_rows
    if engine == "openpyxl":
        from .xlsx import read_xlsx_rows

        return read_xlsx_rows
    from .calamine import read_calamine_rows

    return read_calamine_rows


def read_rows(path: str | Path, *, engine: str = DEFAULT_XLSX_ENGINE) -> list[SourceRow]:
    """Rows of a text dump (``.txt``/``.tsv``), a ``.csv``, every sheet of a workbook (``.xlsx``/``.xlsm``/``.xls``),
    or the table of a ``.pdf`` (with the ``pdf`` extra).

    ``engine`` picks the ``.xlsx`` reader: ``"calamine"`` (default, faster) or ``"openpyxl"``.
    """
    if engine not in XLSX_ENGINES:
        raise ValueError(f"engine must be one of {XLSX_ENGINES}, not {engine!r}")
    p = Path(path)
    kind = _kind(p)
    if kind == "xlsx":
        from .package import calamine_problem, scan_package

        package = scan_package(p)  # refuses damaged and hostile packages before any engine opens them
        if calamine_problem(package):
            engine = "openpyxl"
    return _reader(kind, engine)(p)


def stream_rows(path: str | Path) -> Iterator[SourceRow] | None:
    """The rows :func:`read_rows` gives, one at a time and never all in memory, for the inputs
    that can be read so (a ``.csv`` in UTF-8 or GB18030); ``None`` for any other input.  Errors
    about the file itself (missing, empty, unreadable) are raised as :func:`read_rows` raises them."""
    p = Path(path)
    if _kind(p) != "csv":
        return None
    from .csvfile import stream_csv_rows

    return stream_csv_rows(p)


def _kind(p: Path) -> str:
    """What ``p`` holds (:func:`sniff_format`), after the checks every reader needs."""
    if not p.exists():
        raise unreadable(p, "文件不存在，请检查路径 (file not found: check the path)")
    if p.is_dir():
        raise unreadable(p, "是文件夹，不是文件 (is a directory)")
    suffix = p.suffix.lower()
    if suffix not in TEXT_SUFFIXES | INPUT_SUFFIXES:
        raise unreadable(p, f"不支持的文件类型 {suffix}，请用 {SUPPORTED} (unsupported file type)")
    try:
        with p.open("rb") as f:
            head = f.read(512)
    except OSError as e:
        raise unreadable(p, "无法读取 (cannot read)", e) from e
    if not head:
        raise unreadable(p, "文件是空的（0 字节），请重新导出或下载 (empty file, 0 bytes: export or download it again)")
    kind = sniff_format(suffix, head)
    if kind == "html":
        raise unreadable(p, "是网页（HTML/XML）格式，不是真正的 Excel 文件；请用 Excel 打开后另存为 .xlsx (HTML saved as .xls)")
    if kind == "unknown":
        raise unreadable(p, "不是 Excel 工作簿（内容既不是 .xlsx 也不是 .xls），请确认文件，或用 Excel 打开后另存为 .xlsx "
                            "(not an Excel workbook: check the file, or open it in Excel and save as .xlsx)")
    if kind == "xls" and is_encrypted(p):
        raise unreadable(p, ENCRYPTED)
    return kind
