"""PDF tables through pdfplumber (MIT; ``pip install "xltools[pdf]"``), imported only here.

A printed 绩效目标表 is read back into the rows its sheet had:

* the lines of the first page above the table (title, 部门名称, ``单位：万元``) come first, one
  row each (split where the line has a wide gap), so :func:`xltools.table.read_table` sees its
  preamble;
* ruled tables are cut into cells by their lines (``find_tables``); a page without rules takes
  its columns from the header words' x positions (``extract_words``) and its rows from the
  blank bands between text lines;
* a cell's wrapped lines are joined with nothing between them — except one space between two
  Latin letters or digits when the line above ended short of the column's right edge (the break
  was at a space): see :func:`join_wrapped`.  Line breaks typed into a cell are lost, as with
  every PDF extractor;
* header rows and titles repeated at the top of later pages are dropped; a row a page foot cut
  in two is glued back (the top row of the next page has an empty first column).

A PDF without text (a scan), an encrypted and a damaged one are refused with one line.  Rows
are named ``file.pdf!第3页`` with the row's number on that page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import InputError
from .rows import SourceRow, unreadable

__all__ = ["join_wrapped", "read_pdf_rows"]

NO_PDFPLUMBER = ('读取 PDF 需要 pdfplumber，请运行 pip install "xltools[pdf]" '
                 '(reading PDF needs pdfplumber: pip install "xltools[pdf]")')
SCANNED = ("是扫描件（没有文字层），无法读取；请向发布单位索取 Excel 或可复制文字的 PDF "
           "(scanned PDF without a text layer: ask the publisher for the Excel file or a PDF with text)")
ENCRYPTED_PDF = ("PDF 已加密，请先去掉密码（或打印为新的 PDF）再试 "
                 "(the PDF is password-protected: remove the password and try again)")
BROKEN_PDF = ("不是有效的 PDF（文件损坏或不完整），请重新下载或导出 "
              "(not a valid PDF: damaged or cut short; download or export it again)")
NO_TABLE = "PDF 中找不到表格（没有“项目名称”表头），请确认文件 (no table with a 项目名称 header found in the PDF)"

Char = dict[str, Any]
_AMOUNT = re.compile(r"-?[\d,]+(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z0-9]")
_HEAD_ROWS = 3  # at most this many table rows above the first amount are header rows


@dataclass(frozen=True, slots=True)
class Line:
    """One text line of one cell: its text, extent, and the first character's width."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # the baseline, from the page top
    first_width: float


Cell = list[Line]


def join_wrapped(lines: Sequence[str], roomy: Sequence[bool]) -> str:
    """A cell's wrapped ``lines`` as one text; ``roomy[i]`` says line ``i`` ended with room for
    line ``i+1``'s first character (so the break was at a space, not inside a word).

    >>> join_wrapped(["为群众提供舒适的办", "公环境"], [True])
    '为群众提供舒适的办公环境'
    >>> join_wrapped(["Windows", "Server 2019"], [True]), join_wrapped(["ABCDEFGH", "IJ"], [False])
    ('Windows Server 2019', 'ABCDEFGHIJ')
    >>> join_wrapped(["2023-", "2024年"], [True])
    '2023-2024年'
    """
    out = lines[0] if lines else ""
    for text, room in zip(lines[1:], roomy):
        space = room and out and text and _LATIN.match(out[-1]) and _LATIN.match(text[0])
        out += (" " if space else "") + text
    return out


def _line_text(chars: list[Char]) -> str:
    """Characters of one line, left to right; a space where two Latin characters stand apart."""
    out = ""
    prev: Char | None = None
    for c in chars:
        t = c["text"]
        if prev is not None and c["x0"] - prev["x1"] > 0.25 * c["size"] and _LATIN.match(prev["text"]) and _LATIN.match(t):
            out += " "
        out += t
        prev = c
    return " ".join(out.split())


def _base(c: Char) -> float:
    return float(-c["matrix"][5]) if "matrix" in c else float(c["bottom"])


def _lines(chars: list[Char]) -> list[Line]:
    """Group characters into lines by their baseline."""
    groups: list[list[Char]] = []
    for c in sorted(chars, key=_base):
        if groups and abs(_base(c) - _base(groups[-1][0])) < 0.4 * c["size"]:
            groups[-1].append(c)
        else:
            groups.append([c])
    out = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        if text := _line_text(g):
            top, bottom = min(c["top"] for c in g), max(c["bottom"] for c in g)
            out.append(Line(text, g[0]["x0"], g[-1]["x1"], top, bottom, _base(g[0]), g[0]["width"]))
    return out


def _split_line(chars: list[Char]) -> list[str]:
    """A preamble line, cut where it has a gap wider than two characters (``部门名称：… 单位：万元``)."""
    parts: list[list[Char]] = [[]]
    for c in sorted(chars, key=lambda c: c["x0"]):
        if parts[-1] and c["x0"] - parts[-1][-1]["x1"] > 2 * c["size"]:
            parts.append([])
        parts[-1].append(c)
    return [t for p in parts if (t := _line_text(p))]


def _ruled(page: Any, chars: list[Char]) -> tuple[float, list[list[Cell]]] | None:
    """(top of the first table, rows of cells) from the page's ruled tables, or ``None``."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return None
    rows: list[list[Cell]] = []
    for table in tables:
        boxes = [[cell for cell in row.cells] for row in table.rows]
        tops = [min(b[1] for b in row if b) for row in boxes]
        found: list[list[list[Char]]] = [[[] for _ in row] for row in boxes]
        for c in chars:
            x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            for r in range(bisect_right(tops, y) - 1, -1, -1):  # a merged cell lies in a row above
                hit = next((i for i, b in enumerate(boxes[r]) if b and b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
                if hit is not None:
                    found[r][hit].append(c)
                    break
        rows += [[_lines(cell) for cell in row] for row in found]
    return tables[0].bbox[1], rows


def _header(chars: list[Char], page: Any) -> tuple[float, float, list[float]] | None:
    """(top, bottom, column borders) of a borderless header: a line naming 项目名称 and two more columns."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2)
    for w in words:
        if "名称" in w["text"] and w["text"].startswith(("项目", "单位")):
            same = [v for v in words if abs(v["top"] - w["top"]) < w["bottom"] - w["top"]]
            if len(same) >= 3:
                top, bottom = min(v["top"] for v in same), max(v["bottom"] for v in same)
                return top, bottom, _boundaries(sorted(same, key=lambda v: v["x0"]), [c for c in chars if c["top"] > bottom])
    return None


def _boundaries(header: list[dict[str, Any]], below: list[Char]) -> list[float]:
    """Column borders: between two header words, the middle of the rightmost x band that no
    character below the header crosses (numbers stand right of a left-aligned header, text
    starts left of a centred one)."""
    spans = sorted((c["x0"], c["x1"]) for c in below)
    out = [float("-inf")]
    for left, right in pairwise(header):
        lo, hi = left["x1"], right["x0"] + 0.5
        border, start = (lo + hi) / 2, lo
        for x0, x1 in spans:
            if x1 <= start or x0 >= hi:
                continue
            if x0 - start > 0.3:
                border = (start + x0) / 2
            start = max(start, x1)
        if hi - start > 0.3:
            border = (start + hi) / 2
        out.append(border)
    return out


def _by_column(chars: list[Char], cols: list[float]) -> list[list[Char]]:
    """Characters by column; punctuation that hangs past a column's edge (as at a line end)
    stays with the character it follows."""
    out: list[list[Char]] = [[] for _ in cols]
    prev: tuple[Char, int] | None = None
    for c in sorted(chars, key=lambda c: (round(_base(c), 1), c["x0"])):
        i = bisect_right(cols, (c["x0"] + c["x1"]) / 2) - 1
        if (prev is not None and i != prev[1] and not c["text"].isalnum() and _base(c) == _base(prev[0])
                and c["x0"] < cols[i] and c["x0"] - prev[0]["x1"] < 0.3 * c["size"]):
            i = prev[1]
        out[i].append(c)
        prev = (c, i)
    return out


def _pitches(lines: list[Line]) -> list[float]:
    return [b.base - a.base for a, b in pairwise(lines)]


def _blocks(lines: list[Line], usual: float) -> list[list[Line]]:
    """One column's lines (top to bottom) cut into cells: a cell's lines follow each other at the
    line pitch ``usual``; the next row's cell lies further down (cell margins)."""
    out: list[list[Line]] = []
    for ln, pitch in zip(lines, [float("inf"), *_pitches(lines)]):
        if pitch > 1.08 * usual:
            out.append([])
        out[-1].append(ln)
    return out


def _line_pitch(columns: list[list[Line]]) -> float:
    """The smallest pitch between two lines of Chinese text in one column (a wrapped cell's)."""
    pitches = [p for col in columns for p, a in zip(_pitches(col), col) if not a.text.isascii() and p > 0]
    return min(pitches, default=float("inf"))


def _borderless(chars: list[Char], cols: list[float]) -> list[list[Cell]]:
    """Rows of ``chars`` in columns ``cols``: each column's cells (:func:`_blocks`), and a row
    from every cell that overlaps another vertically (cells share the row's top, middle or foot)."""
    columns = [_lines(col) for col in _by_column(chars, cols)]
    pitch = _line_pitch(columns)
    blocks = [(i, block) for i, col in enumerate(columns) for block in _blocks(col, min([pitch, *_pitches(col)]))]
    rows: list[list[Cell]] = []
    bottom = float("-inf")
    for i, block in sorted(blocks, key=lambda p: p[1][0].top):
        if not rows or block[0].top >= bottom - 0.1 * (block[0].bottom - block[0].top):
            rows.append([[] for _ in cols])
        rows[-1][i] += block
        bottom = max(bottom, block[-1].bottom)
    return rows


@dataclass
class _Doc:
    """What one page leaves for the next: a borderless table's columns, the header and title
    texts to drop at page tops, and the rows read so far as ``(page, row on page, cells)``."""

    path: Path
    cols: list[float] | None = None
    head: set[str] | None = None
    preamble: list[SourceRow] | None = None
    rows: list[tuple[int, int, list[Cell]]] | None = None


def _key(cells: Sequence[Cell]) -> str:
    return "".join(ln.text for cell in cells for ln in cell).replace(" ", "")


def _is_data(cells: Sequence[Cell]) -> bool:
    return any(len(cell) == 1 and _AMOUNT.fullmatch(cell[0].text) for cell in cells)


def _table(doc: _Doc, page: Any, chars: list[Char]) -> tuple[float, list[list[Cell]]] | None:
    """(top, rows) of the page's table: ruled, or under a borderless header, or — after a
    borderless header was seen — all of the page's text in that header's columns."""
    if (found := _ruled(page, chars)) is not None:
        return found
    if doc.cols is not None:
        return 0.0, _borderless(chars, doc.cols)
    if (header := _header(chars, page)) is None:
        return None
    top, bottom, doc.cols = header
    head = [c for c in chars if c["top"] >= top - 0.5 and c["bottom"] <= bottom + 0.5]
    below = [c for c in chars if c["top"] > bottom + 0.5]
    return top, [[_lines(col) for col in _by_column(head, doc.cols)], *_borderless(below, doc.cols)]


def _first_page(doc: _Doc, chars: list[Char], where: str, top: float, table: list[list[Cell]]) -> int:
    """Note the lines above the table (as preamble rows) and the header rows; their count."""
    doc.preamble, doc.rows = [], []
    above = [c for c in chars if c["bottom"] <= top + 0.5]
    for n, ln in enumerate(_lines(above), 1):
        parts = _split_line([c for c in above if ln.top <= (c["top"] + c["bottom"]) / 2 <= ln.bottom])
        doc.preamble.append(SourceRow(tuple(parts), where, n))
    doc.head = {"".join(c for c in r.cells if c).replace(" ", "") for r in doc.preamble}
    for cells in table[:_HEAD_ROWS]:
        if _is_data(cells):
            break
        doc.head.add(_key(cells))
    return len(doc.preamble)


def _page(doc: _Doc, page: Any, number: int) -> None:
    chars = [c for c in page.chars if c.get("upright", True) and c["text"].strip()]
    if not chars:
        if page.images:
            raise unreadable(doc.path, (f"第{number}页" if number > 1 else "") + SCANNED)
        return
    if (found := _table(doc, page, chars)) is None:
        return
    top, table = found
    n = 0
    if doc.rows is None:
        n = _first_page(doc, chars, f"{doc.path}!第{number}页", top, table)
    else:
        while table and _key(table[0]) in (doc.head or ()):  # a header or title repeated at the page top
            table, n = table[1:], n + 1
        # the rest of a row cut at the page foot; not in a one-row-per-indicator table (一级指标 …),
        # whose rows leave the project columns empty after a project's first row
        one_per_indicator = any("一级指标" in k for k in doc.head or ())
        if table and doc.rows and not table[0][0] and any(table[0]) and not one_per_indicator:
            page_no, row_no, last = doc.rows[-1]
            doc.rows[-1] = (page_no, row_no, [a + b for a, b in zip(last, table[0])] + last[len(table[0]):])
            table, n = table[1:], n + 1
    assert doc.rows is not None
    for cells in table:
        n += 1
        if any(cells):
            doc.rows.append((number, n, cells))


def _texts(rows: list[tuple[int, int, list[Cell]]]) -> list[tuple[str | None, ...]]:
    """Each row's cells as text (wrapped lines joined), trailing blanks dropped."""
    width = max((len(cells) for _, _, cells in rows), default=0)
    right = [max((ln.x1 for _, _, cells in rows if i < len(cells) for ln in cells[i]), default=0.0) for i in range(width)]
    out = []
    for _, _, cells in rows:
        texts: list[str | None] = []
        for i, cell in enumerate(cells):
            roomy = [right[i] - a.x1 >= 0.9 * b.first_width for a, b in pairwise(cell)]
            texts.append(join_wrapped([ln.text for ln in cell], roomy) or None)
        while texts and texts[-1] is None:
            texts.pop()
        out.append(tuple(texts))
    return out


def _open(path: Path) -> Any:
    try:
        import pdfplumber
    except ImportError as exc:
        raise unreadable(path, NO_PDFPLUMBER) from exc
    try:
        return pdfplumber.open(path)
    except MemoryError:
        raise
    except Exception as e:  # pdfminer's errors of every kind become one InputError line
        raise _pdf_error(path, e) from e


def _pdf_error(path: Path, e: BaseException) -> InputError:
    chain = [e, e.__cause__, e.__context__, *getattr(e, "args", ())]
    if any("Password" in type(x).__name__ or "Encrypt" in type(x).__name__ for x in chain):
        return unreadable(path, ENCRYPTED_PDF)
    if isinstance(e, OSError) and not isinstance(e, EOFError):
        return unreadable(path, "无法读取 (cannot read)", e)
    return unreadable(path, BROKEN_PDF, e)


def read_pdf_rows(path: Path) -> list[SourceRow]:
    """The rows of the table in the PDF at ``path``, its title lines first."""
    path = Path(path)
    doc = _Doc(path)
    with _open(path) as pdf:
        try:
            for number, page in enumerate(pdf.pages, 1):
                _page(doc, page, number)
                page.close()
        except (InputError, MemoryError):
            raise
        except Exception as e:  # pdfminer's errors of every kind become one InputError line
            raise _pdf_error(path, e) from e
    if doc.rows is None or doc.preamble is None:
        raise unreadable(path, NO_TABLE)
    texts = _texts(doc.rows)
    return doc.preamble + [SourceRow(cells, f"{path}!第{p}页", n) for (p, n, _), cells in zip(doc.rows, texts)]
