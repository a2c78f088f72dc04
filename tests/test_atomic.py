"""Atomic output (xltools/atomic.py): missing folders made, the usual file mode, nothing left on failure."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from xltools.atomic import atomic_path
from xltools.errors import OutputError


def test_missing_parent_folders_are_made(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.txt"
    with atomic_path(target) as tmp:
        assert tmp.parent == target.parent and tmp.name.startswith(".c.") and tmp.name.endswith(".txt.tmp")
        tmp.write_text("ok")
        assert not target.exists()  # nothing at the target until the write is done
    assert target.read_text() == "ok" and sorted(p.name for p in target.parent.iterdir()) == ["c.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_the_output_gets_the_usual_mode_not_mkstemps_0600(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        with atomic_path(tmp_path / "x.txt") as tmp:
            tmp.write_text("ok")
        assert os.umask(umask) == umask  # the mask is put back after reading it
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.txt").stat().st_mode) == mode


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def test_an_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match="文件被占用或没有写入权限") as err, atomic_path(blocker / "x.txt"):
        pass
    assert err.value.exit_code == 4 and str(blocker / "x.txt") in str(err.value)
