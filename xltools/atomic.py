"""Atomic output: write to a temporary file beside the target, then rename over it.

An interrupted or failed write leaves no partial file; the target either keeps its old
content or gets the whole new one.  A target equal to an input is refused by the callers
(``xltools`` never modifies a user's workbook in place).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError

__all__ = ["atomic_path", "not_writable"]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in ``target``'s folder; on success rename it to ``target``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("ok")
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('ok', ['a.txt'])
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.stem[:60]}.", suffix=target.suffix + ".tmp", dir=target.parent)
    except OSError as e:
        raise not_writable(target, e) from e
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an output file gets the usual mode
        try:
            os.replace(tmp, target)
        except OSError as e:  # on Windows: the target is open in Excel/WPS
            raise not_writable(target, e) from e
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def not_writable(target: Path, exc: OSError) -> OutputError:
    """The one line for an output that cannot be written (exit code 4).

    >>> print(not_writable(Path("结果.xlsx"), PermissionError(13, "Permission denied")))  # doctest: +ELLIPSIS
    结果.xlsx: 文件被占用或没有写入权限，请关闭 Excel/WPS 中的该文件后重试 (cannot write: ...) [PermissionError: ...]
    """
    reason = exc.strerror or str(exc)
    return OutputError(f"{target}: 文件被占用或没有写入权限，请关闭 Excel/WPS 中的该文件后重试 "
                       f"(cannot write: the file is open in Excel/WPS or read-only; close it and try again) "
                       f"[{type(exc).__name__}: {reason}]")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
