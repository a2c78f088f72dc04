"""Fuzz the readers with mutated bytes of the real samples, for a bounded time (issue 7 §2).

Samples: ``workbooks/sample_seed.xlsx``, a ``.xls`` LibreOffice makes of it, ``sample_seed.txt``
and the seed as ``.csv`` (GB18030 and UTF-8).  Each case is one seeded mutation — byte flips,
truncation, inserted garbage, a cut-out slice; for zip packages also a corrupted entry (its
compressed bytes, or its XML text re-zipped), a dropped entry, a duplicated entry, an XML snippet
spliced in — written under the sample's suffix or another supported one, then read in-process by
:func:`xltools.io.read_rows` (both ``.xlsx`` engines) and :func:`xltools.table.read_table`.  Every
case must give rows and a table, or raise :class:`~xltools.errors.XltoolsError` with one line
naming the file, and warn nothing; anything else fails the test, listing the cases to reproduce.

* ``XLTOOLS_FUZZ_SECONDS`` — total time (default 20);
* ``XLTOOLS_FUZZ_SEED`` — the run's seed (default 7: CI runs the same cases, as many as fit);
* ``XLTOOLS_FUZZ_CASE=SEED:N`` — run that one case only.

Before each case its id is written to ``$TMPDIR/xltools-fuzz-case``: if the process itself dies
(an abort in native code no ``except`` catches), that file names the case that killed it.
"""

from __future__ import annotations

import io
import os
import random
import tempfile
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_TXT, SEED_XLSX, SOFFICE, need_soffice

from xltools.errors import XltoolsError
from xltools.io import read_rows
from xltools.table import read_table

SECONDS = float(os.environ.get("XLTOOLS_FUZZ_SECONDS", "20"))
RUN_SEED = int(os.environ.get("XLTOOLS_FUZZ_SEED", "7"))
ONE_CASE = os.environ.get("XLTOOLS_FUZZ_CASE")
LAST_CASE = Path(tempfile.gettempdir()) / "xltools-fuzz-case"
SUFFIXES = (".xlsx", ".xls", ".csv", ".txt", ".xlsm")
ENGINES = ("calamine", "openpyxl")
#: Snippets spliced into XML parts: far cells, error and formula cells, entities, broken markup.
XML_SNIPPETS = [
    b'<c r="XFD1048576"><v>1</v></c>', b'<row r="1048576"><c r="A1048576" t="s"><v>99999</v></c></row>',
    b'<c r="B5" t="e"><f>1/0</f><v>#DIV/0!</v></c>', b"<f>SUM(A1:A9)</f><v/>", b'<c r="A1" t="s"><v>-1</v></c>',
    b'<!DOCTYPE x [<!ENTITY a "b">]>', b"&a;", b"&#0;", b"&#xFFFF;", b"]]>", b"<![CDATA[", b"<", b">", b'"', b"</row>",
    b'<dimension ref="A1:XFD1048576"/>', b'<c r="A0">', b't="inlineStr"', b'r="ZZZZ99999999"', b"\xff\xfe", b"\x00",
    b'<sheet name="x" sheetId="9" r:id="rId99"/>', b'state="hidden"', b"<v>1e309</v>", b"<v>NaN</v>", b"<v>-0</v>",
]


# --- samples ------------------------------------------------------------------------------------

def seed_csv(encoding: str) -> bytes:
    rows = [[c or "" for c in r.cells] for r in read_rows(SEED_TXT)]
    return "\r\n".join(",".join(f'"{c}"' if "," in c or "\n" in c else c for c in r) for r in rows).encode(encoding)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, bytes]]:
    out = {
        "xlsx": (".xlsx", SEED_XLSX.read_bytes()),
        "txt": (".txt", SEED_TXT.read_bytes()),
        "csv-gb18030": (".csv", seed_csv("gb18030")),
        "csv-utf8": (".csv", seed_csv("utf-8-sig")),
    }
    if SOFFICE or os.environ.get("CI"):
        import subprocess

        d = tmp_path_factory.mktemp("fuzz-xls")
        subprocess.run([need_soffice(), f"-env:UserInstallation={(d / 'profile').as_uri()}", "--headless", "--convert-to", "xls",
                        "--outdir", str(d), str(SEED_XLSX)], check=True, capture_output=True, timeout=180)
        out["xls"] = (".xls", (d / f"{SEED_XLSX.stem}.xls").read_bytes())
    return out


# --- mutations: (random, bytes) -> bytes ----------------------------------------------------------

def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 2, 8, 32])):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def insert_garbage(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.choice([1, 4, 64, 1024])) + data[at:]


def cut_slice(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.choice([1, 16, 512, 4096]) :]


BYTE_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [flip_bytes, truncate, insert_garbage, cut_slice]


def _rezip(data: bytes, change: Callable[[list[tuple[zipfile.ZipInfo, bytes]]], list[tuple[zipfile.ZipInfo, bytes]]]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in change(parts):
            z.writestr(info.filename, body)
    return buf.getvalue()


def mutate_entry_xml(rng: random.Random, data: bytes) -> bytes:
    """One part's text mutated (byte-level or a snippet spliced in), the package re-zipped sound."""
    def change(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
        i = rng.randrange(len(parts))
        info, body = parts[i]
        if rng.random() < 0.5 and body:
            body = rng.choice(BYTE_MUTATIONS)(rng, body)
        else:
            at = rng.randrange(len(body) + 1)
            body = body[:at] + rng.choice(XML_SNIPPETS) + body[at:]
        return [*parts[:i], (info, body), *parts[i + 1 :]]
    return _rezip(data, change)


def drop_entry(rng: random.Random, data: bytes) -> bytes:
    def change(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
        drop = rng.randrange(len(parts))
        return [p for j, p in enumerate(parts) if j != drop]
    return _rezip(data, change)


def duplicate_entry(rng: random.Random, data: bytes) -> bytes:
    def change(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
        info, body = rng.choice(parts)
        twin = body if rng.random() < 0.5 else flip_bytes(rng, body) if body else b"x"
        return [*parts, (info, twin)]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile: "Duplicate name"
        return _rezip(data, change)


def corrupt_entry_bytes(rng: random.Random, data: bytes) -> bytes:
    """Scribble on one entry's compressed bytes, the zip directory left intact."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = rng.choice(z.infolist())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for _ in range(rng.choice([1, 4, 16])):
        if info.compress_size:
            out[start + rng.randrange(info.compress_size)] = rng.randrange(256)
    return bytes(out)


ZIP_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [mutate_entry_xml, mutate_entry_xml, drop_entry, duplicate_entry,
                                                                  corrupt_entry_bytes]


# --- the harness ---------------------------------------------------------------------------------

def run_case(case: str, samples: dict[str, tuple[str, bytes]], folder: Path) -> str | None:
    """Run one case; ``None`` if every reader behaved, else what went wrong (with the case id)."""
    LAST_CASE.write_text(case)
    rng = random.Random(case)
    name = rng.choice(sorted(samples))
    suffix, data = samples[name]
    is_zip = data.startswith(b"PK\x03\x04")
    mutation = rng.choice(BYTE_MUTATIONS + (ZIP_MUTATIONS * 2 if is_zip else []))
    mutated = mutation(rng, data)
    if rng.random() < 0.2:
        suffix = rng.choice(SUFFIXES)
    path = folder / f"case{suffix}"
    path.write_bytes(mutated)
    for engine in ENGINES if suffix in (".xlsx", ".xlsm") or is_zip else ENGINES[:1]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a warning would be a second line on the user's terminal
                rows = read_rows(path, engine=engine)
                read_table(rows, source=str(path))
        except XltoolsError as e:
            if "\n" in str(e) or path.name not in str(e):
                return f"{case} ({name}, {mutation.__name__}, {suffix}, {engine}): not one line naming the file: {e!r}"
        except BaseException as e:  # the point: anything but XltoolsError is a finding
            if isinstance(e, KeyboardInterrupt):
                raise
            keep = folder.parent / f"failing-{case.replace(':', '-')}{suffix}"
            keep.write_bytes(mutated)
            tb = traceback.format_exception(type(e), e, e.__traceback__)[-3:]
            return f"{case} ({name}, {mutation.__name__}, {suffix}, {engine}): {type(e).__name__}: {e} [{keep}]\n{''.join(tb)}"
    return None


def test_mutated_samples_give_rows_or_one_xltools_error(samples: dict[str, tuple[str, bytes]], tmp_path: Path) -> None:
    work = tmp_path / "case"
    work.mkdir()
    cases = [ONE_CASE] if ONE_CASE else (f"{RUN_SEED}:{n}" for n in range(10**9))
    deadline = time.monotonic() + SECONDS
    failures: list[str] = []
    ran = 0
    for case in cases:
        if ran and time.monotonic() > deadline:
            break
        problem = run_case(case, samples, work)
        ran += 1
        if problem:
            failures.append(problem)
    print(f"fuzz: {ran} cases in {SECONDS:g} s (seed {RUN_SEED}), {len(failures)} failing")
    assert not failures, (f"{len(failures)} of {ran} cases failed; reproduce one with XLTOOLS_FUZZ_CASE=SEED:N\n"
                          + "\n".join(failures[:10]))


def test_the_xls_sample_is_among_the_fuzzed(samples: dict[str, tuple[str, bytes]]) -> None:
    """Without LibreOffice the fuzz runs on the other samples only: this reports the .xls part as skipped."""
    need_soffice()
    assert samples["xls"][0] == ".xls" and samples["xls"][1].startswith(b"\xd0\xcf\x11\xe0")  # an OLE2 (BIFF) file
