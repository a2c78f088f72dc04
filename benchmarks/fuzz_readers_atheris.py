"""Coverage-guided fuzzing of the readers with atheris (optional: ``pip install atheris``).

    python benchmarks/fuzz_readers_atheris.py benchmarks/out/fuzz-corpus -max_total_time=600

The first byte of an input picks the file's suffix, the rest is the file; it is read by
:func:`xltools.io.read_rows` (both ``.xlsx`` engines) and :func:`xltools.table.read_table`.
Rows, a table or an :class:`~xltools.errors.XltoolsError` are fine; any other exception is a crash
that atheris reports and saves (``crash-*``).  An empty corpus folder is seeded with the samples
(``workbooks/sample_seed.xlsx``, ``.txt`` and the seed as ``.csv``).  The time-bounded harness that
runs in the test suite is ``tests/io/test_fuzz_readers.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["xltools"]):
    from xltools.errors import XltoolsError
    from xltools.io import read_rows
    from xltools.table import read_table

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".xlsx", ".xls", ".csv", ".txt", ".xlsm")
WORK = Path(tempfile.mkdtemp(prefix="xltools-atheris-"))


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    txt = (ROOT / "workbooks" / "sample_seed.txt").read_bytes()
    csv = txt.decode().replace("\t", ",").encode("gb18030")
    for name, suffix, data in [("xlsx", ".xlsx", (ROOT / "workbooks" / "sample_seed.xlsx").read_bytes()),
                               ("txt", ".txt", txt), ("csv", ".csv", csv)]:
        (folder / f"seed-{name}").write_bytes(bytes([SUFFIXES.index(suffix)]) + data)


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    path = WORK / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    for engine in ("calamine", "openpyxl"):
        try:
            read_table(read_rows(path, engine=engine), source=str(path))
        except XltoolsError:
            pass


def main() -> None:
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if corpus:
        seed_corpus(Path(corpus[0]))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
